"""Which language's text to show: the one fallback rule for every text kept per language.

The text in the asked language, else English, else German, else whatever the entry has;
pages, the API, badges and rubric texts all choose with ``in_language``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

__all__ = ["FALLBACK", "in_language"]

#: Tried in this order after the asked language.
FALLBACK = ("en", "de")

_T = TypeVar("_T")


def in_language(texts: Mapping[str, _T], lang: str) -> _T | None:
    """The first non-empty of ``lang`` and ``FALLBACK``, else the first text held, else None."""
    for code in (lang, *FALLBACK):
        text = texts.get(code)
        if text:
            return text
    return next(iter(texts.values()), None)
