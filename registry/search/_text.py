"""Text to search terms: the same Python code feeds both database backends.

Every word is lower-cased, stemmed with the Snowball stemmers for German *and* English
(an entry or a query rarely says which language it is in, and the two stems of a word
seldom collide badly), folded to ASCII and kept only as ``[a-z0-9]+``. SQLite's FTS5
``unicode61`` tokenizer and PostgreSQL's ``simple`` configuration split such a string in
exactly the same places and change nothing in it, so both backends index the same terms
and agree on every match. German compounds get their known parts indexed as well
(``Abfallkalender`` -> ``abfallkal``, ``abfall``, ``kal``), so a search for either part
finds the compound; query terms match as prefixes, which covers the compound's head.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

__all__ = ["fold", "index_terms", "query_terms", "sort_key"]

_WORD = re.compile(r"\w+", re.UNICODE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
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

#: Parts of German compounds that municipal software names and descriptions are built
#: from (stemmed form). A longer word ending in one of them is indexed with both parts.
COMPOUND_TAILS = tuple(
    sorted(
        {
            "kal",
            "kalend",
            "portal",
            "verwalt",
            "dat",
            "dien",
            "dienst",
            "system",
            "plattform",
            "beteil",
            "haushalt",
            "kart",
            "plan",
            "platz",
            "park",
            "amt",
            "burg",
            "buerg",
            "meld",
            "antrag",
            "verfahr",
            "regist",
            "katalog",
            "schul",
            "wahl",
            "rat",
            "rats",
            "sitz",
            "termin",
            "abfall",
            "mull",
            "energi",
            "verkehr",
            "mobil",
            "karte",
            "geo",
            "stadt",
            "gemeind",
            "kommun",
            "akt",
            "dokument",
            "archiv",
            "formular",
            "servic",
            "schnittstell",
            "information",
            "zentral",
            "management",
            "software",
            "wirtschaft",
            "bau",
            "wohn",
            "gesund",
            "sensor",
            "umwelt",
            "wass",
            "strass",
            "lich",
            "beleucht",
            "netz",
            "feuerwehr",
            "sich",
            "leist",
            "post",
            "konto",
            "pflanz",
            "baum",
            "kataster",
        },
        key=len,
        reverse=True,
    )
)
_MIN_HEAD = 3  # shortest part before a known tail that still counts as a word


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
    if lowered in STOPWORDS or fold(lowered) in STOPWORDS:
        return ()
    german, english = _stemmers()
    found: list[str] = []
    for stem in (german.stemWord(lowered), english.stemWord(lowered)):
        cleaned = _clean(stem)
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return tuple(found)


def _compound_parts(stem: str) -> tuple[str, ...]:
    for tail in COMPOUND_TAILS:
        head = stem[: -len(tail)]
        if stem.endswith(tail) and len(head) >= _MIN_HEAD:
            head = head.removesuffix("s") if len(head) > _MIN_HEAD + 1 else head
            return (*_compound_parts(head), tail) if head else (tail,)
    return (stem,)


def index_terms(texts: Iterable[str | None]) -> str:
    """The searchable terms of some texts, space-separated, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text or ""):
            for stem in stems(word):
                seen.setdefault(stem, None)
                for part in _compound_parts(stem) if len(stem) > 6 else ():
                    seen.setdefault(part, None)
    return " ".join(seen)


def query_terms(text: str) -> tuple[tuple[str, ...], ...]:
    """One group of alternative stems per query word; a document must match every group."""
    groups: list[tuple[str, ...]] = []
    for word in _WORD.findall(text):
        group = stems(word)
        if group and group not in groups:
            groups.append(group)
    return tuple(groups)


def sort_key(name: str) -> str:
    """A name for sorting that both databases order the same way (folded ASCII)."""
    return " ".join(_NOT_ALNUM.sub(" ", fold(name)).split())[:300]
