"""Text to search terms: the same Python code feeds both database backends.

Every word is lower-cased, stemmed with the Snowball stemmers for German *and* English
(an entry or a query rarely says which language it is in), folded to ASCII (``ä`` -> ``a``,
``ß`` -> ``ss``; the German stemmer reads ``ae`` as ``ä`` too) and kept only as
``[a-z0-9]+``. SQLite's FTS5 ``unicode61`` tokenizer and PostgreSQL's ``simple``
configuration split such a string in exactly the same places and change nothing in it, so
both backends index the same terms and agree on every match.

German compounds are split against a dictionary of word parts (the thesaurus,
``schemas/search/thesaurus.yml``) and indexed with their parts: ``Bürgerbeteiligung`` ->
``burgerbeteil``, ``burg``, ``beteil`` (and the English stems). ``ParkSpot`` and other
camel-case names give their parts too. A few words the stemmer would fold into unrelated
ones stay as written (``parken`` is not ``park``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

from registry.search._thesaurus import thesaurus

__all__ = ["fold", "index_terms", "query_terms", "sort_key", "split_compound", "stems", "words"]

_WORD = re.compile(r"\w+", re.UNICODE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_CAMEL_PART = re.compile(r"[A-ZÄÖÜ]*[a-zäöüß]+|[A-ZÄÖÜ]+|[0-9]+")
_UMLAUT_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"})

#: Words too common to narrow a search; dropped from documents and queries alike.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
        "aber",
        "als",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "fur",
        "für",
        "im",
        "in",
        "ist",
        "mit",
        "nach",
        "oder",
        "sich",
        "sie",
        "so",
        "um",
        "und",
        "vom",
        "von",
        "vor",
        "wie",
        "zu",
        "zum",
        "zur",
    ]
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    return Stemmer.Stemmer("german"), Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed: ``Mobilität`` -> ``mobilitat``."""
    text = text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(term: str) -> str:
    return _NOT_ALNUM.sub("", fold(term))


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The German and English stems of one word, folded and deduplicated."""
    lowered = word.lower()
    folded = fold(lowered)
    if lowered in STOPWORDS or folded in STOPWORDS:
        return ()
    if folded in thesaurus().keep:
        return (_clean(folded),)
    german, english = _stemmers()
    found: list[str] = []
    for stem in (german.stemWord(lowered), english.stemWord(lowered)):
        cleaned = _clean(stem)
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return tuple(found)


def words(text: str) -> list[str]:
    """The words of a text, camel-case names followed by their parts (``ParkSpot``,
    ``Park``, ``Spot``)."""
    out: list[str] = []
    for word in _WORD.findall(text):
        out.append(word)
        if _CAMEL.search(word):
            out.extend(p for p in _CAMEL_PART.findall(word) if len(p) >= _MIN_PART)
    return out


_MIN_PART = 3  # shortest word part a compound is split into ("amt", "rat", "bau")
_MIN_COMPOUND = 2 * _MIN_PART
#: Linking elements (Fugenelemente) between the parts of a German compound.
_LINKS = ("", "s", "es", "n", "en", "e")


@lru_cache(maxsize=1)
def _known_parts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Word parts as folded words and as their German stems (the thesaurus's parts and
    its one-word synonyms), and the parts proper, which are never split themselves."""
    german = _stemmers()[0]

    def folded(source: Iterable[str]) -> set[str]:
        found = {_clean(fold(word.lower())) for word in source if _WORD.fullmatch(word)}
        return {word for word in found if len(word) >= _MIN_PART}

    parts = folded(thesaurus().word_parts)
    known = parts | folded(m for group in thesaurus().synonyms for m in group)
    return frozenset(known), frozenset(german.stemWord(w) for w in known), frozenset(parts)


def _known(part: str) -> bool:
    folded, stemmed, _ = _known_parts()
    return part in folded or _stemmers()[0].stemWord(part) in stemmed


@lru_cache(maxsize=65536)
def _split(rest: str, *, whole: bool = True) -> tuple[str, ...] | None:
    """The split of ``rest`` into the fewest known parts (longest first part on a tie);
    with ``whole=False`` only splits into two or more parts count."""
    best: tuple[str, ...] | None = (rest,) if whole and _known(rest) else None
    for cut in range(len(rest) - _MIN_PART, _MIN_PART - 1, -1):
        if best is not None and len(best) <= 2:
            break
        tail = _split(rest[cut:])
        if tail is None:
            continue
        head = rest[:cut]
        for link in _LINKS:
            base = head[: len(head) - len(link)] if link else head
            if head.endswith(link) and len(base) >= _MIN_PART and _known(base):
                if best is None or len(tail) + 1 < len(best):
                    best = (base, *tail)
                break
    return best


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """The known parts of a German compound (folded), or ``()`` when it is not one.

    ``split_compound("Mängelmelder") == ("mangel", "melder")``. A word that is itself a
    known part is not split (``Plattform`` is not ``Platt`` + ``Form``).
    """
    folded = _clean(fold(word.lower()))
    if len(folded) < _MIN_COMPOUND or not folded.isalpha():
        return ()
    candidates = [folded]
    for pair, plain in _UMLAUT_PAIRS:
        if pair in candidates[-1]:
            candidates.append(candidates[-1].replace(pair, plain))
    for candidate in candidates:
        if candidate in _known_parts()[2]:
            return ()
        parts = _split(candidate, whole=False)
        if parts is not None:
            return parts
    return ()


def _all_parts(word: str) -> list[str]:
    """The parts of a compound and the parts of those (``Ratsinformationssystem``:
    ``ratsinformations``, ``system``, ``rats``, ``informations``)."""
    out: list[str] = []
    for part in split_compound(word):
        out.append(part)
        out.extend(_all_parts(part))
    return out


def index_terms(texts: Iterable[str | None]) -> str:
    """The searchable terms of some texts, space-separated, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            for stem in stems(word):
                seen.setdefault(stem, None)
            for part in _all_parts(word):
                for stem in stems(part):
                    seen.setdefault(stem, None)
    return " ".join(seen)


def query_terms(text: str) -> tuple[tuple[str, ...], ...]:
    """One group of alternative stems per query word (the words as typed, no synonyms)."""
    groups: list[tuple[str, ...]] = []
    for word in _WORD.findall(text):
        group = stems(word)
        if group and group not in groups:
            groups.append(group)
    return tuple(groups)


def sort_key(name: str) -> str:
    """A name for sorting that both databases order the same way (folded ASCII)."""
    return " ".join(_NOT_ALNUM.sub(" ", fold(name)).split())[:300]
