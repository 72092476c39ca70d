"""The shipped publiccode.yml data (``schemas/publiccode/``), loaded once.

Vocabularies live in data files, not in code, so that following a new release of the
standard is a data change reviewed on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from registry.datafiles import load_yaml

__all__ = ["Vocabulary", "domain_table", "ipa_codes", "oembed_patterns", "vocabulary"]

_PACKAGE = "schemas.publiccode"


def _read(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Enumerations of the current v0 standard, in the reference parser's order."""

    latest_version: str
    supported_versions: tuple[str, ...]
    development_statuses: tuple[str, ...]
    software_types: tuple[str, ...]
    maintenance_types: tuple[str, ...]
    it_country_extension_versions: tuple[str, ...]
    supports_aliases: frozenset[str]
    categories: frozenset[str]
    scopes: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    """The enumerations from ``vocabulary.yml``."""
    data: dict[str, Any] = load_yaml(_read("vocabulary.yml"))
    return Vocabulary(
        latest_version=str(data["latest_version"]),
        supported_versions=tuple(str(v) for v in data["supported_versions"]),
        development_statuses=tuple(data["development_statuses"]),
        software_types=tuple(data["software_types"]),
        maintenance_types=tuple(data["maintenance_types"]),
        it_country_extension_versions=tuple(data["it_country_extension_versions"]),
        supports_aliases=frozenset(data["supports_aliases"]),
        categories=frozenset(data["categories"]),
        scopes=frozenset(data["scopes"]),
    )


@cache
def ipa_codes() -> frozenset[str]:
    """Italian iPA codes, lowercased: the reference parser looks them up ignoring case."""
    return frozenset(line.strip().lower() for line in _read("it_ipa_codes.txt").splitlines())


@cache
def oembed_patterns() -> tuple[str, ...]:
    """oEmbed provider URL schemes; ``*`` is a wildcard, anchored at both ends."""
    return tuple(json.loads(_read("oembed_schemes.json")))


@cache
def domain_table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Our domains per publiccode category and per scope, from ``domains.yml``."""
    data: dict[str, Any] = load_yaml(_read("domains.yml"))
    by_category = {k: tuple(v) for k, v in (data.get("categories") or {}).items()}
    by_scope = {k: tuple(v) for k, v in (data.get("scopes") or {}).items()}
    return by_category, by_scope
