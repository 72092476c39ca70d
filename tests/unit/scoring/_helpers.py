"""Hand-made fact sets and entries for the scoring unit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from registry.scoring import Evidence, Fact, FactSet

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
NA = object()  # marks a fact as not applicable


def fact_set(slug: str = "x", **values: Any) -> FactSet:
    """Facts from keyword values; dots in names are written as double underscores."""
    facts: dict[str, Fact] = {}
    for key, value in values.items():
        name = key.replace("__", ".")
        if value is NA:
            facts[name] = Fact(applicable=False)
        else:
            facts[name] = Fact(value, (Evidence("test", name),))
    return FactSet(slug=slug, name=slug.upper(), facts=facts)


def healthy_entry(**overrides: Any) -> dict[str, Any]:
    """An entry snapshot that passes most of the entry-level checks."""
    entry: dict[str, Any] = {
        "slug": "good", "name": "Good", "url": "https://git.example.org/city/good",
        "licence": "EUPL-1.2", "maintenance_type": "internal", "governance": "consortium",
        "development_status": "stable", "publiccode_valid": True, "publiccode_present": True,
        "publisher_id": 1, "updated_at": "2026-11-01T00:00:00+00:00",
        "standards": {"oparl": True, "openapi": True, "shapefile": False},
        "texts": [{"lang": "de", "documentation": "https://docs.example.org"},
                  {"lang": "en", "api_documentation": "https://api.example.org"}],
        "offers": [{"kind": "self-hosting", "docs_url": "https://docs.example.org/install"},
                   {"kind": "hosted-service", "provider_id": 7},
                   {"kind": "community-support"}],
        "contacts": [{"role": "maintainer", "email": "it@example.org", "until": None}],
        "interfaces": [
            {"name": "OParl", "standard": "oparl", "standard_open": True,
             "evidence_level": "validated", "details": {}},
            {"name": "OpenAPI", "standard": "openapi", "standard_open": True,
             "evidence_level": "declared", "details": {}},
        ],
        "dependencies": [{"kind": "open", "name": "PostgreSQL", "licence": "PostgreSQL"}],
        "adoptions": [
            {"organisation_id": 2, "role": "uses", "verified": True},
            {"organisation_id": 3, "role": "uses", "verified": True},
            {"organisation_id": 4, "role": "operates", "verified": True},
            {"organisation_id": 5, "role": "co-develops", "verified": True},
        ],
        "funding": [{"funder_name": "BMI"}],
        "releases": [{"version": "1.0", "released_on": "2026-10-01"}],
        "repositories": [],
    }  # fmt: skip
    entry.update(overrides)
    return entry
