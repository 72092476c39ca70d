"""The reference licence texts, read from the ScanCode LicenseDB shipped on PyPI.

``licensedcode-data`` (aboutcode-org, the makers of ``license-expression`` and ScanCode)
ships every licence text of the SPDX licence list with its SPDX identifier in a YAML
front matter (``licensedcode/data/licenses/<key>.LICENSE``). Nothing is fetched at run
time. Only entries with a real SPDX identifier take part; ``LicenseRef-scancode-*``,
deprecated entries and exceptions are left out because the registry reports SPDX
identifiers and an exception is never a project's licence on its own.

Normalising the ~600 texts takes seconds, so it is done once per data version and kept
on disk (``$XDG_CACHE_HOME/municipal-software-registry/``, else ``~/.cache/…``): the
cache file is named after the data package's version, a digest of the code that
normalises the texts and the Python version, so an upgrade of any of them builds a new
one. Loading it takes a tenth of a second; an unreadable or unwritable cache only
means the texts are normalised in memory, as without a cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.metadata
import importlib.util
import marshal
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from registry.cachedir import user_cache_dir
from registry.licensing.normalise import bigrams, normalise_text

__all__ = [
    "CORPUS_NAME",
    "ReferenceText",
    "build_reference_texts",
    "cache_path",
    "corpus_version",
    "reference_texts",
]

CORPUS_NAME = "ScanCode LicenseDB (licensedcode-data)"
_DATA_PACKAGE = "licensedcode-data"
_CACHE_PREFIX = "licence-references-"
#: The modules whose code decides the normalised words (a change there builds a new cache).
_NORMALISING_CODE = ("corpus.py", "normalise.py")
_UNUSED_SECONDS = 30 * 24 * 3600


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
    """Every usable reference text: from the disk cache, else normalised (and cached)."""
    path = cache_path()
    texts = _read_cache(path) if path is not None else None
    if texts is None:
        texts = build_reference_texts()
        if path is not None:
            _write_cache(path, texts)
    return texts


def cache_path() -> Path | None:
    """Where this data version's prepared texts are kept; None without a home or cache."""
    base = user_cache_dir()
    return None if base is None else base / f"{_CACHE_PREFIX}{cache_key()}.marshal"


@cache
def cache_key() -> str:
    """This data version's key: licence data, Python and marshal versions, normalising code."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _NORMALISING_CODE:
        digest.update((here / name).read_bytes())
    python = f"py{sys.version_info.major}{sys.version_info.minor}m{marshal.version}"
    return f"{corpus_version()}-{python}-{digest.hexdigest()[:16]}"


def _read_cache(path: Path) -> tuple[ReferenceText, ...] | None:
    """The cached texts, or None when the file is missing or not what this code wrote."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: not removed as unused (``_forget_unused``)
    enabled = gc.isenabled()
    gc.disable()  # half a million new tuples would start many useless collections
    try:
        rows = marshal.loads(raw)  # noqa: S302 - our own file, in the user's own cache folder
        texts = tuple(ReferenceText(*row) for row in rows) if _well_formed(rows) else None
    except (EOFError, ValueError, TypeError):
        texts = None
    finally:
        if enabled:
            gc.enable()
    return texts


def _well_formed(rows: Any) -> bool:
    return isinstance(rows, tuple) and all(
        isinstance(row, tuple)
        and len(row) == 5
        and isinstance(row[0], str)
        and isinstance(row[1], str)
        and isinstance(row[2], tuple)
        and isinstance(row[3], frozenset)
        and isinstance(row[4], frozenset)
        for row in rows
    )


def _write_cache(path: Path, texts: tuple[ReferenceText, ...]) -> None:
    """Write atomically (parallel first uses each write a whole file); drop older versions."""
    words: dict[str, str] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}

    def pair(found: tuple[str, str]) -> tuple[str, str]:
        if found not in pairs:
            first, second = found
            pairs[found] = (words.setdefault(first, first), words.setdefault(second, second))
        return pairs[found]

    # One object per distinct word and word pair, so marshal stores each once (66,000
    # distinct pairs among 470,000) and loading builds no duplicates.
    rows = tuple(
        (
            ref.key,
            ref.spdx_id,
            tuple(words.setdefault(w, w) for w in ref.words),
            frozenset(words.setdefault(w, w) for w in ref.word_set),
            frozenset(pair(p) for p in ref.pairs),
        )
        for ref in texts
    )
    partial: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as out:
            partial = out.name
            out.write(marshal.dumps(rows, 4))
        os.replace(partial, path)
        partial = None
        _forget_unused(path)
    except OSError:
        return  # a read-only home: the texts stay in memory for this process only
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


def _forget_unused(current: Path) -> None:
    """Remove other versions' files unused for a month.

    Not at once: two installations on one account (or two checkouts whose normalising
    code differs) would otherwise delete each other's file on every first use.
    """
    month_ago = time.time() - _UNUSED_SECONDS
    for old in current.parent.glob(f"{_CACHE_PREFIX}*.marshal"):
        if old != current and old.stat().st_mtime < month_ago:
            old.unlink(missing_ok=True)


def build_reference_texts() -> tuple[ReferenceText, ...]:
    """Every usable reference text, normalised from the data package (seconds)."""
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
