"""Normalise licence texts so that only the licence's words remain.

Two copies of the same licence differ in copyright lines, line breaks, Markdown or
HTML markup, quote and dash styles and British or American spelling. None of that
changes the licence, so all of it is removed or unified before comparing (the same
idea as licensee's and askalono's normalisers and the SPDX matching guidelines).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

__all__ = ["bigrams", "normalise_text", "tokens"]

_COPYRIGHT_LINE = re.compile(
    r"^\s*(?:[#*>\-]\s*)*(?:copyright\s*(?:\(c\)|©|:|\d)|\(c\)\s*\d|©"
    r"|all rights reserved|spdx-(?:license|file))"
    r".*$",
    re.IGNORECASE | re.MULTILINE,
)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]{0,200}>")
_MARKUP = re.compile(
    r"(^\s*#{1,6}\s*|^\s*[-*+]\s+|^\s*\d+\.\s+(?=[A-Za-z])|[*_`~]+|^\s*[=\-]{3,}\s*$)", re.MULTILINE
)
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
_SPELLINGS = {
    "licence": "license",
    "licences": "licenses",
    "licensor": "licensor",
    "acknowledgement": "acknowledgment",
    "analogue": "analog",
    "authorisation": "authorization",
    "authorised": "authorized",
    "behaviour": "behavior",
    "centre": "center",
    "favour": "favor",
    "fulfil": "fulfill",
    "initialise": "initialize",
    "merchantability": "merchantability",
    "offence": "offense",
    "organisation": "organization",
    "practise": "practice",
    "recognised": "recognized",
    "sub-license": "sublicense",
    "sub license": "sublicense",
    "whilst": "while",
}
_WORD = re.compile(r"[a-z0-9]+(?:['.\-][a-z0-9]+)*")


def normalise_text(text: str) -> str:
    """Lower-case licence words with markup, copyright lines and layout removed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _COPYRIGHT_LINE.sub(" ", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = text.lower().replace("&", " and ")
    text = re.sub(r"https?://\S+", lambda m: m.group(0).rstrip(".,;)").split("://", 1)[1], text)
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    """Words of an already lower-cased text, with spellings unified.

    Trailing dots belong to sentences, not words, so ``license.`` and ``license`` match.
    """
    words: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0).strip(".")
        words.append(_SPELLINGS.get(word, word))
    return words


def bigrams(words: list[str]) -> frozenset[tuple[str, str]]:
    """Word pairs: order-sensitive enough to tell BSD-2 from BSD-3, immune to reflow."""
    return frozenset(pairwise(words))
