"""The search thesaurus (``schemas/search/thesaurus.yml``), loaded once.

Synonym groups, German word parts and stemming exceptions are data, so a municipal word a
search misses is a reviewed data change, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from registry.datafiles import load_yaml

__all__ = ["Thesaurus", "thesaurus"]

_PACKAGE = "schemas.search"


@dataclass(frozen=True, slots=True)
class Thesaurus:
    """The file's three lists, as written (analysis is ``_text``'s business)."""

    synonyms: tuple[tuple[str, ...], ...]
    word_parts: tuple[str, ...]
    keep: frozenset[str]


@cache
def thesaurus() -> Thesaurus:
    """The shipped thesaurus."""
    text = resources.files(_PACKAGE).joinpath("thesaurus.yml").read_text(encoding="utf-8")
    raw = load_yaml(text)
    return Thesaurus(
        synonyms=tuple(tuple(str(member) for member in group) for group in raw["synonyms"]),
        word_parts=tuple(str(part) for part in raw["word_parts"]),
        keep=frozenset(str(word).lower() for word in raw["keep"]),
    )
