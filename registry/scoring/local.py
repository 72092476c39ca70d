"""Judge a repository that is not in the catalogue: facts and its publiccode.yml only.

``registry check --repo PATH_OR_URL`` analyses the repository (``importers.git``), then
calls :func:`entry_from_repository` to turn the ``RepoFacts`` (and the publiccode.yml
found in it, validated offline) into the same plain snapshot the database path builds.
Nothing is stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from registry.audit import plain
from registry.catalogue import load_standards_data
from registry.entries import SolutionDraft
from registry.facts import RepoFacts
from registry.publiccode import to_draft, validate

__all__ = ["entry_from_repository", "shipped_standards"]


def shipped_standards() -> dict[str, bool]:
    """Open flag of every standard in ``schemas/standards.yml``, by slug."""
    return {str(item["slug"]): bool(item.get("open", True)) for item in load_standards_data()}


def _draft(facts: RepoFacts) -> tuple[SolutionDraft | None, bool | None]:
    if facts.publiccode_raw is None:
        return None, None
    report = validate(facts.publiccode_raw, filename=facts.publiccode_path)
    try:
        draft = to_draft(report.document) if report.document is not None else None
    except (KeyError, TypeError, ValueError, AttributeError):
        draft = None  # too broken to map; the validator's verdict still counts
    return draft, report.valid


def _rows(draft: SolutionDraft | None, standards: dict[str, bool]) -> dict[str, Any]:
    if draft is None:
        return {}
    return {
        "texts": [{"lang": lang, "documentation": t.documentation,
                   "api_documentation": t.api_documentation} for lang, t in draft.texts.items()],
        "offers": [{"kind": o.kind, "docs_url": o.docs_url, "until": plain(o.until)}
                   for o in draft.offers],
        "contacts": [{"role": c.role, "email": c.email, "until": plain(c.until)}
                     for c in draft.contacts],
        "interfaces": [{"name": i.standard, "standard": i.standard,
                        "standard_open": standards.get(i.standard),
                        "evidence_level": i.evidence_level, "details": i.details}
                       for i in draft.interfaces],
        "dependencies": [{"kind": d.kind, "name": d.name, "optional": d.optional,
                          "licence": d.licence} for d in draft.dependencies],
        "adoptions": [{"organisation_id": None, "role": a.role, "verified": False,
                       "claim_text": a.claim_text or a.organisation.name} for a in draft.adoptions],
        "funding": [{"funder_name": f.funder.name} for f in draft.funding],
        "releases": [{"version": r.version, "released_on": plain(r.date)} for r in draft.releases],
    }  # fmt: skip


def entry_from_repository(
    facts: RepoFacts, *, now: datetime, standards: dict[str, bool] | None = None
) -> dict[str, Any]:
    """The plain snapshot of a repository analysed outside the catalogue."""
    standards = standards if standards is not None else shipped_standards()
    draft, valid = _draft(facts)
    name = draft.name if draft else facts.source.rstrip("/").rsplit("/", 1)[-1]
    url = (draft.url if draft else None) or facts.source
    entry: dict[str, Any] = {
        "slug": name.lower().replace(" ", "-"), "name": name, "url": url,
        "licence": draft.licence if draft else None,
        "maintenance_type": draft.maintenance_type if draft else None,
        "governance": draft.governance if draft else None,
        "development_status": draft.development_status if draft else None,
        "publiccode_valid": valid, "publiccode_present": valid is not None,
        "updated_at": now.isoformat(), "standards": standards,
        "repositories": [{"url": facts.source, "facts": facts.to_json()}],
    }  # fmt: skip
    entry.update(_rows(draft, standards))
    return entry
