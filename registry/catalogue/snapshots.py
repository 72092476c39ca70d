"""Plain-dict views of a stored entry: for change detection, audit events and exports.

One function per row kind keeps "what counts as the content of an entry" in one place:
``upsert_draft`` compares these dicts to decide whether anything changed, and the audit
trail stores them as before and after.
"""

from __future__ import annotations

from typing import Any

from registry.audit import plain
from registry.catalogue.models import Solution

SOLUTION_COLUMNS = (
    "slug", "name", "url", "landing_url", "logo", "software_type", "development_status",
    "software_version", "release_date", "platforms", "languages", "countries", "keywords",
    "alternative_to", "licence", "licence_source", "licence_detected", "main_copyright_owner",
    "maintenance_type", "governance", "active", "inactive_reason", "publiccode_raw",
    "publiccode_valid", "publiccode_issues", "publisher_id",
)  # fmt: skip

CHILD_FIELDS: dict[str, tuple[str, ...]] = {
    "texts": (
        "lang", "localised_name", "generic_name", "short_description", "long_description",
        "features", "documentation", "api_documentation",
    ),
    "tags": ("kind", "value"),
    "offers": (
        "kind", "provider_id", "provider_name", "docs_url", "until", "region", "description",
        "source",
    ),
    "contacts": ("role", "name", "email", "phone", "affiliation", "website", "until"),
    "interfaces": ("standard_id", "name", "role", "evidence_level", "evidence", "details"),
    "dependencies": (
        "kind", "name", "version", "version_min", "version_max", "optional", "licence", "source",
    ),
    "funding": ("funder_id", "funder_name", "programme", "grant_reference", "start", "end"),
    "releases": ("version", "released_on", "commit"),
}  # fmt: skip


def row_dict(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a row as JSON-safe values."""
    return {name: plain(getattr(row, name)) for name in fields}


def sorted_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in a stable order, so that order alone never counts as a change."""
    return sorted(rows, key=lambda r: repr(sorted(r.items())))


def entry_snapshot(solution: Solution) -> dict[str, Any]:
    """The whole entry (columns and child rows) as plain data."""
    snapshot: dict[str, Any] = {name: plain(getattr(solution, name)) for name in SOLUTION_COLUMNS}
    for relation, fields in CHILD_FIELDS.items():
        rows = [row_dict(row, fields) for row in getattr(solution, relation)]
        snapshot[relation] = sorted_rows(rows)
    snapshot["repositories"] = sorted(repo.url for repo in solution.repositories)
    snapshot["claimed_adoptions"] = sorted(
        a.claim_text or "" for a in solution.adoptions if not a.verified
    )
    return snapshot
