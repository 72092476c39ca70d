""" "Did you mean" and typo tolerance: the catalogue's own words closest to a query word
that found nothing.

The words come from what every indexed entry shows in a list (names, keywords, short
descriptions, features), kept in the spelling they are written in, so a suggestion is a
word a reader recognises and that finds something. They are read once per state of the
index (the number of documents and the newest change) and kept in memory.

A query word of five or more letters that finds nothing is searched as the words one edit
away (a letter added, dropped, changed or two swapped) among those words and the
thesaurus's (``Bürgerbeteiligng`` -> ``Bürgerbeteiligung``, ``partcipation`` ->
``participation``), ranked below entries holding a word as typed.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.search._text import fold, stems
from registry.search._thesaurus import thesaurus
from registry.search.models import SearchDocument as D

__all__ = ["MIN_TYPO", "Vocabulary", "did_you_mean", "one_edit", "vocabulary"]

_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_WORD = 4
_CUTOFF = 0.75
_MAX_SUGGESTIONS = 3
#: Words shorter than this are not corrected: one edit turns them into too many others.
MIN_TYPO = 5
_MAX_CORRECTIONS = 4
_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple[object, ...], Vocabulary]] = {}
#: One build per database at a time: on a large catalogue reading every word takes
#: seconds, and concurrent requests that each built it would starve one another.
_BUILDING: dict[str, threading.Lock] = {}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Folded word -> the spelling shown, grouped by length for a quick first cut."""

    shown: dict[str, str]
    by_length: dict[int, tuple[str, ...]]
    #: How often each folded word occurs (the commoner of two corrections comes first).
    frequency: dict[str, int]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        """The words of some texts (letters only, at least four, no stopwords)."""
        spellings: dict[str, Counter[str]] = {}
        for text in texts:
            for word in _WORD.findall(text):
                if len(word) < _MIN_WORD or not word.isalpha() or not stems(word):
                    continue
                spellings.setdefault(fold(word.lower()), Counter())[word] += 1
        shown = {key: forms.most_common(1)[0][0] for key, forms in spellings.items()}
        lengths: dict[int, list[str]] = {}
        for key in sorted(shown):
            lengths.setdefault(len(key), []).append(key)
        frequency = {key: sum(forms.values()) for key, forms in spellings.items()}
        return cls(shown, {n: tuple(keys) for n, keys in lengths.items()}, frequency)

    def closest(self, word: str) -> list[str]:
        """Up to three catalogue words within a small edit of ``word``, closest first."""
        key = fold(word.lower())
        if key in self.shown:
            return []
        near = [k for n in range(len(key) - 2, len(key) + 3) for k in self.by_length.get(n, ())]
        found = difflib.get_close_matches(key, near, n=_MAX_SUGGESTIONS, cutoff=_CUTOFF)
        return [self.shown[k] for k in found]


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped, changed, or two neighbours
    swapped (Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return swapped and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


@lru_cache(maxsize=1)
def _thesaurus_words() -> dict[int, tuple[str, ...]]:
    """The single words of the thesaurus (members and word parts), folded, by length."""
    found: set[str] = set()
    members = (w for group in thesaurus().synonyms for w in group)
    for member in (*members, *thesaurus().word_parts):
        found.update(fold(w.lower()) for w in _WORD.findall(member) if w.isalpha())
    lengths: dict[int, list[str]] = {}
    for word in sorted(found):
        lengths.setdefault(len(word), []).append(word)
    return {n: tuple(words) for n, words in lengths.items()}


def one_edit(word: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The catalogue's and the thesaurus's words one edit from ``word`` (five letters or
    more), commonest first; ``()`` for a shorter word."""
    key = fold(word.lower())
    if len(key) < MIN_TYPO or not key.isalpha():
        return ()
    found: set[str] = set()
    for n in (len(key) - 1, len(key), len(key) + 1):
        for source in (vocabulary.by_length, _thesaurus_words()):
            found.update(c for c in source.get(n, ()) if _one_edit_apart(key, c))
    ranked = sorted(found, key=lambda c: (-vocabulary.frequency.get(c, 0), c))
    return tuple(ranked[:_MAX_CORRECTIONS])


def did_you_mean(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The query with its unknown words replaced by close catalogue words."""
    typed = _WORD.findall(text)
    options = {i: vocabulary.closest(w) for i, w in enumerate(typed) if len(w) >= _MIN_WORD}
    options = {i: near for i, near in options.items() if near}
    if not options:
        return ()
    out: list[str] = []
    first = min(options)
    for choice in options[first]:
        words = list(typed)
        for i, near in options.items():
            words[i] = choice if i == first else near[0]
        suggestion = " ".join(words)
        if suggestion not in out:
            out.append(suggestion)
    return tuple(out)


def vocabulary(session: Session, state: tuple[Any, ...] | None = None) -> Vocabulary:
    """The words of the indexed entries, read again only when the index has changed
    (``state``: what tells, e.g. the outbox position the engine's index has applied;
    by default a scan of ``search_document``)."""
    key = str(session.get_bind().engine.url) + ("#given" if state is not None else "")
    if state is None:
        state = tuple(
            session.execute(
                sa.select(sa.func.count(), sa.func.max(D.updated_at), sa.func.sum(D.solution_id))
            ).one()
        )
    with _LOCK:
        cached = _CACHE.get(key)
        building = _BUILDING.setdefault(key, threading.Lock())
    if cached is not None and cached[0] == state:
        return cached[1]
    with building:  # a request that waited here finds the words another just read
        with _LOCK:
            cached = _CACHE.get(key)
        if cached is not None and cached[0] == state:
            return cached[1]
        found = Vocabulary.of(_texts(session))
        with _LOCK:
            _CACHE[key] = (state, found)
    return found


def _texts(session: Session) -> Iterable[str]:
    indexed = sa.select(D.solution_id)
    for name, keywords in session.execute(
        sa.select(m.Solution.name, m.Solution.keywords).where(m.Solution.id.in_(indexed))
    ):
        yield name or ""
        yield from (str(k) for k in keywords or ())
    t = m.SolutionText
    for localised, generic, short, features in session.execute(
        sa.select(t.localised_name, t.generic_name, t.short_description, t.features).where(
            t.solution_id.in_(indexed)
        )
    ):
        yield from (localised or "", generic or "", short or "")
        yield from (str(f) for f in features or ())
