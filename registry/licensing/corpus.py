"""The reference licence texts, read from the ScanCode LicenseDB shipped on PyPI.

``licensedcode-data`` (aboutcode-org, the makers of ``license-expression`` and ScanCode)
ships every licence text of the SPDX licence list with its SPDX identifier in a YAML
front matter (``licensedcode/data/licenses/<key>.LICENSE``). Nothing is fetched at run
time. Only entries with a real SPDX identifier take part; ``LicenseRef-scancode-*``,
deprecated entries and exceptions are left out because the registry reports SPDX
identifiers and an exception is never a project's licence on its own.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from registry.licensing.normalise import bigrams, normalise_text

__all__ = ["CORPUS_NAME", "ReferenceText", "corpus_version", "reference_texts"]

CORPUS_NAME = "ScanCode LicenseDB (licensedcode-data)"
_DATA_PACKAGE = "licensedcode-data"


@dataclass(frozen=True, slots=True)
class ReferenceText:
    """One licence's normalised words, ready for comparison."""

    key: str  # the ScanCode key, e.g. ``gpl-3.0-plus``
    spdx_id: str
    words: tuple[str, ...]
    word_set: frozenset[str]
    pairs: frozenset[tuple[str, str]]


def corpus_version() -> str:
    """The installed data version, recorded with every detection for reproducibility."""
    try:
        return importlib.metadata.version(_DATA_PACKAGE)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - broken install
        return "unknown"


def _licences_dir() -> Path:
    spec = importlib.util.find_spec("licensedcode")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / "data" / "licenses"
        if candidate.is_dir():
            return candidate
    msg = f"{_DATA_PACKAGE} is not installed: licence texts cannot be identified"
    raise RuntimeError(msg)


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split ``---``-delimited YAML front matter; only flat ``key: value`` lines matter."""
    if not raw.startswith("---"):
        return {}, raw
    head, sep, body = raw[3:].partition("\n---")
    if not sep:
        return {}, raw
    fields: dict[str, str] = {}
    for line in head.splitlines():
        if line and not line[0].isspace() and ":" in line:
            name, _, value = line.partition(":")
            fields[name.strip()] = value.strip()
    return fields, body.lstrip("-\n")


def _usable(fields: dict[str, str]) -> bool:
    spdx_id = fields.get("spdx_license_key", "")
    flags = ("is_deprecated", "is_exception", "is_unknown", "is_generic")
    return (
        bool(spdx_id)
        and not spdx_id.startswith("LicenseRef-")
        and not any(fields.get(flag) == "yes" for flag in flags)
    )


@cache
def reference_texts() -> tuple[ReferenceText, ...]:
    """Every usable reference text, normalised once per process (about half a second)."""
    texts: list[ReferenceText] = []
    for path in sorted(_licences_dir().glob("*.LICENSE")):
        fields, body = _front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if not _usable(fields):
            continue
        words = tuple(normalise_text(body).split())
        if len(words) < 8:
            continue
        key, spdx_id = fields.get("key", path.stem), fields["spdx_license_key"]
        texts.append(_reference(key, spdx_id, words))
        terms = _terms_only(words)
        if terms is not None:
            texts.append(_reference(key, spdx_id, terms))
    return tuple(texts)


def _reference(key: str, spdx_id: str, words: tuple[str, ...]) -> ReferenceText:
    return ReferenceText(key, spdx_id, words, frozenset(words), bigrams(list(words)))


def _terms_only(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The licence without its "how to apply" appendix, which projects often drop.

    Apache-2.0 without the appendix is otherwise closer to Pixar (Apache-2.0 with a
    changed clause and no appendix) than to Apache-2.0 itself.
    """
    marker = ("end", "of", "terms", "and", "conditions")
    for start in range(len(words) - len(marker)):
        if words[start : start + len(marker)] == marker:
            cut = start + len(marker)
            return words[:cut] if len(words) - cut > 20 else None
    return None
