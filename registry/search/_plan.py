"""A query as groups of alternatives: the word itself, its compound parts, its synonyms.

Each query word (or a phrase the thesaurus knows, such as "issue reporting") becomes one
``Group``. A document matches a group when it holds every slot of one of its
``Alternative``\\ s, a slot being any of a few stems. The word's own stems match whole
terms; a compound's parts match together (``Mängelmelder`` -> ``mangel`` and ``meld``);
the thesaurus adds the other members of the word's synonym groups, which is how a German
query reaches an English or Italian description. Only the last word, while it is still
being typed, also matches as a prefix (and ranks lower).

    plan("Bürgerbeteiligung Karte") -> (Group("Bürgerbeteiligung", …), Group("Karte", …))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from registry.search._text import _clean, fold, split_compound, stems
from registry.search._thesaurus import thesaurus

__all__ = ["MAX_GROUPS", "Alternative", "Group", "corrected", "plan"]

#: Words of a query that are searched; the rest of a very long query is ignored.
MAX_GROUPS = 8
#: The last word matches as a prefix only from this length on ("Rats" finds nothing new).
MIN_PREFIX = 4
_MAX_ALTERNATIVES = 24
_WORD = re.compile(r"\w+", re.UNICODE)

Slot = tuple[str, ...]
Signature = tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class Alternative:
    """Every slot must match (each slot: any of its terms)."""

    slots: tuple[Slot, ...]
    #: The word as typed (its own stems), as opposed to its parts, synonyms or a prefix.
    own: bool = False
    #: The last slot matches as a prefix (the word still being typed).
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """One query word or known phrase and the ways a document can match it."""

    text: str
    alternatives: tuple[Alternative, ...]


def _signature(words: list[str]) -> Signature:
    return tuple(frozenset(s) for s in (stems(w) for w in words) if s)


@lru_cache(maxsize=1)
def _synonyms() -> tuple[tuple[tuple[Signature, ...], ...], dict[str, list[tuple[int, int]]]]:
    """Every group's members as stem signatures, and (group, member) by first stem."""
    groups: list[tuple[Signature, ...]] = []
    by_first: dict[str, list[tuple[int, int]]] = {}
    for g, members in enumerate(thesaurus().synonyms):
        signatures = tuple(_signature(_WORD.findall(member)) for member in members)
        groups.append(signatures)
        for m, signature in enumerate(signatures):
            for stem in signature[0] if signature else ():
                by_first.setdefault(stem, []).append((g, m))
    return tuple(groups), by_first


def _phrases_at(words: Signature, i: int) -> tuple[int, set[int]]:
    """The longest thesaurus member starting at word ``i``: its length and its groups."""
    groups, by_first = _synonyms()
    best, found = 1, set[int]()
    for stem in words[i]:
        for g, m in by_first.get(stem, ()):
            member = groups[g][m]
            n = len(member)
            window = words[i : i + n]
            if len(window) < n or any(not (a & b) for a, b in zip(member, window, strict=True)):
                continue
            if n > best:
                best, found = n, {g}
            elif n == best:
                found.add(g)
    return best, found


def _slots(signature: Signature) -> tuple[Slot, ...]:
    return tuple(tuple(sorted(s)) for s in signature)


def _single(word: str, *, last: bool) -> list[Alternative]:
    alternatives = [Alternative((stems(word),), own=True)]
    parts = [stems(p) for p in split_compound(word)]
    if len(parts) > 1 and all(parts):
        alternatives.append(Alternative(tuple(parts)))
    prefix = _clean(fold(word.lower()))
    if last and len(prefix) >= MIN_PREFIX:
        alternatives.append(Alternative(((prefix,),), prefix=True))
    return alternatives


def plan(text: str) -> tuple[Group, ...]:
    """The groups of a query (stopwords dropped, at most ``MAX_GROUPS``)."""
    typed = [w for w in _WORD.findall(text) if stems(w)]
    signature = _signature(typed)
    still_typing = bool(text) and not text[-1].isspace()
    groups: list[Group] = []
    seen: set[tuple[Alternative, ...]] = set()
    i = 0
    while i < len(typed) and len(groups) < MAX_GROUPS:
        n, synonym_groups = _phrases_at(signature, i)
        own = signature[i : i + n]
        if n == 1:
            last = still_typing and i == len(typed) - 1
            alternatives = _single(typed[i], last=last)
        else:
            alternatives = [Alternative(_slots(own), own=True)]
        for g in sorted(synonym_groups):
            for member in _synonyms()[0][g]:
                candidate = Alternative(_slots(member))
                if member and member != own and candidate not in alternatives:
                    alternatives.append(candidate)
        key = tuple(alternatives[:_MAX_ALTERNATIVES])
        if key not in seen:
            seen.add(key)
            groups.append(Group(" ".join(typed[i : i + n]), key))
        i += n
    return tuple(groups)


def corrected(group: Group, words: tuple[str, ...]) -> Group:
    """``group`` also searched as ``words`` (those one edit from it, for a typo): their own
    forms, compound parts and synonyms, none counting as the word as typed."""
    alternatives = list(group.alternatives)
    for word in words:
        for found in plan(word + " "):  # a finished word: no prefix
            for alternative in found.alternatives:
                candidate = Alternative(alternative.slots)
                if candidate not in alternatives:
                    alternatives.append(candidate)
    return Group(group.text, tuple(alternatives[: 2 * _MAX_ALTERNATIVES]))
