"""Why an entry matched: the passage of its texts holding the query words, those marked.

The words are found the way the index finds them (``_text``: stems, compound parts, the
thesaurus's synonyms, a prefix for the word still being typed), so a highlighted word is
one the search really matched on, in any spelling the text uses. A compound alternative
(``Mängelmelder`` as ``mangel`` + ``meld``) marks its parts only where the text holds all
of them. The passage is plain text in parts ``(text, marked)``; the page escapes it and
wraps the marked parts in ``<mark>``, so no HTML is built here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from registry.search._plan import Alternative, Group
from registry.search._text import _all_parts, _clean, fold, stems

__all__ = ["Snippet", "best_snippet", "highlight"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: Markdown and link syntax left out of a passage (long descriptions may be Markdown).
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|https?://\S+|[`*_#>|~]+|<[^>]{0,200}>")
_SPACE = re.compile(r"\s+")
_MIN_NEEDLE = 3
_SHARP = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"})
#: A passage: this many characters around the first marked word.
_WINDOW = 200
#: Long texts are scanned this far (a result page reads 20 of them; a passage from the
#: start of a description reads best anyway).
_MAX_SCAN = 2500

Part = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of one text in one language with the matched words marked."""

    lang: str
    #: Which text it comes from: ``short`` (description), ``feature`` or ``long``.
    source: str
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        """The passage without marks."""
        return "".join(text for text, _ in self.parts)

    @property
    def marked(self) -> tuple[str, ...]:
        """The marked words."""
        return tuple(text for text, on in self.parts if on)


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """A word as the prefix of a query word is compared with it."""
    return _clean(fold(word))


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> frozenset[str]:
    found = set(stems(word))
    for part in _all_parts(word):
        found.update(stems(part))
    return frozenset(found)


def _prefixes(groups: Sequence[Group]) -> tuple[str, ...]:
    return tuple(a.slots[0][0] for g in groups for a in g.alternatives if a.prefix and a.slots)


def _held(alternative: Alternative, present: set[str]) -> bool:
    return all(any(term in present for term in slot) for slot in alternative.slots)


def _terms_of(groups: Sequence[Group]) -> frozenset[str]:
    return frozenset(
        t for g in groups for a in g.alternatives if not a.prefix for slot in a.slots for t in slot
    )


def _ascii(text: str) -> str:
    """Lower-case ASCII, quickly (C string functions only), ``ae`` also read as ``a``: a
    text can hold a query term only where this form holds it as a substring (stems and
    compound parts are pieces of the folded word)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SHARP))
    plain = folded.encode("ascii", "ignore").decode("ascii")
    return plain + " " + plain.replace("ae", "a").replace("oe", "o").replace("ue", "u")


_ascii_word = lru_cache(maxsize=65536)(_ascii)


@lru_cache(maxsize=256)
def _needles(terms: frozenset[str], prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The terms a text is searched for as substrings (C speed, unlike a long regex
    alternation). A one- or two-letter slot ("e" of "e-participation") would make every
    word a candidate; its alternative's other slots are alternatives of their own."""
    return tuple(sorted(t for t in {*terms, *prefixes} if len(t) >= _MIN_NEEDLE))


def _holds(text: str, needles: tuple[str, ...]) -> bool:
    return any(n in text for n in needles)


def highlight(
    text: str, groups: Sequence[Group], *, every: frozenset[str] | None = None
) -> tuple[tuple[Part, ...], int]:
    """``text`` in parts with the words matching ``groups`` marked, and how many groups
    it holds (``every``: all their terms, when the caller has them already).

    Only the words that can hold a query term (``_ascii``) are stemmed and split, so a
    page of long descriptions costs little; most texts of a page hold none and return at
    the first check."""
    prefixes = _prefixes(groups)
    needles = _needles(_terms_of(groups) if every is None else every, prefixes)
    if not _holds(_ascii(text), needles):
        return ((text, False),), 0
    words = [
        (m.start(), m.end(), m.group())
        for m in _WORD.finditer(text)
        if _holds(_ascii_word(m.group()), needles)
    ]
    terms = [_word_terms(w) for _, _, w in words]
    present: set[str] = set().union(*terms)
    keys = [_key(w) for _, _, w in words] if prefixes else []
    wanted: set[str] = set()
    held = 0
    for group in groups:
        hit = False
        for alternative in group.alternatives:
            if alternative.prefix:
                continue
            if _held(alternative, present):
                wanted.update(t for slot in alternative.slots for t in slot)
                hit = True
        prefix = [a.slots[0][0] for a in group.alternatives if a.prefix and a.slots]
        if not hit and prefix:
            hit = any(k.startswith(prefix[0]) for k in keys)
        held += hit
    if not held:
        return ((text, False),), 0
    parts: list[Part] = []
    at = 0
    for i, (start, end, word) in enumerate(words):
        on = bool(terms[i] & wanted) or (bool(prefixes) and keys[i].startswith(prefixes))
        if not on:
            continue
        if start > at:
            parts.append((text[at:start], False))
        parts.append((word, True))
        at = end
    if at < len(text):
        parts.append((text[at:], False))
    return tuple(parts), held


def _plain(text: str) -> str:
    return _SPACE.sub(" ", _MARKUP.sub(r"\1", text[:_MAX_SCAN])).strip()


def _window(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The parts around the first marked word, about ``_WINDOW`` characters, cut at
    word boundaries with an ellipsis where text was left out."""
    text = "".join(t for t, _ in parts)
    if len(text) <= _WINDOW:
        return parts
    first = 0
    for t, on in parts:
        if on:
            break
        first += len(t)
    start = max(0, first - _WINDOW // 3)
    end = min(len(text), start + _WINDOW)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    out: list[Part] = [("… ", False)] if start else []
    at = 0
    for t, on in parts:
        lo, hi = max(at, start), min(at + len(t), end)
        if lo < hi:
            out.append((t[lo - at : hi - at], on))
        at += len(t)
    if end < len(text):
        out.append((" …", False))
    return tuple(out)


def best_snippet(
    texts: Iterable[tuple[str, str, str]], groups: Sequence[Group]
) -> dict[str, Snippet]:
    """Per language, the passage holding the most query groups.

    ``texts`` are ``(lang, source, text)`` in the order a tie is decided (short
    description first); a language where nothing matched has no snippet.
    """
    if not groups:
        return {}
    best: dict[str, tuple[int, Snippet]] = {}
    every = _terms_of(groups)
    for lang, source, text in texts:
        if lang in best and (best[lang][0] == len(groups) or source == "long"):
            continue  # a shorter text of this language matched: no need to read further
        plain = _plain(text) if source == "long" else text
        if not plain:
            continue
        parts, held = highlight(plain, groups, every=every)
        if held > (best[lang][0] if lang in best else 0):
            best[lang] = (held, Snippet(lang, source, _window(parts)))
    return {lang: snippet for lang, (_, snippet) in best.items()}
