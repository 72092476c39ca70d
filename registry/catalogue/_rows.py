"""Turn a draft into the rows it stands for (plain dicts), resolving organisations and standards."""

from __future__ import annotations

from typing import Any

from registry.audit import plain
from registry.catalogue.standards import StandardIndex
from registry.entries import (
    CONTACT_ROLES,
    DEPENDENCY_KINDS,
    DEVELOPMENT_STATUSES,
    DOMAINS,
    EVIDENCE_LEVELS,
    GOVERNANCE,
    INTERFACE_ROLES,
    LICENCE_SOURCES,
    MAINTENANCE_TYPES,
    OFFER_KINDS,
    SOFTWARE_TYPES,
    OrganisationRef,
    SolutionDraft,
)
from registry.errors import InvalidInput
from registry.organisations import OrganisationService


def _check(field: str, value: str | None, allowed: Any) -> None:
    if value is not None and value not in allowed:
        raise InvalidInput(f"{field}: {value!r} is not one of {', '.join(allowed)}", field=field)


def validate_vocab(draft: SolutionDraft) -> None:
    """Refuse values outside the controlled vocabularies, naming the field."""
    _check("software_type", draft.software_type, SOFTWARE_TYPES)
    _check("development_status", draft.development_status, DEVELOPMENT_STATUSES)
    _check("maintenance_type", draft.maintenance_type, MAINTENANCE_TYPES)
    _check("governance", draft.governance, GOVERNANCE)
    _check("licence_source", draft.licence_source, LICENCE_SOURCES)
    for i, domain in enumerate(draft.domains):
        _check(f"domains[{i}]", domain, DOMAINS)
    for i, offer in enumerate(draft.offers):
        _check(f"offers[{i}].kind", offer.kind, OFFER_KINDS)
    for i, contact in enumerate(draft.contacts):
        _check(f"contacts[{i}].role", contact.role, CONTACT_ROLES)
    for i, dep in enumerate(draft.dependencies):
        _check(f"dependencies[{i}].kind", dep.kind, DEPENDENCY_KINDS)
    for i, iface in enumerate(draft.interfaces):
        _check(f"interfaces[{i}].role", iface.role, INTERFACE_ROLES)
        _check(f"interfaces[{i}].evidence_level", iface.evidence_level, EVIDENCE_LEVELS)


class RowBuilder:
    """Builds child rows for one draft; resolves organisation references once each."""

    def __init__(
        self, orgs: OrganisationService, standards: StandardIndex, *, create: bool = True
    ) -> None:
        self.orgs = orgs
        self.standards = standards
        #: Imports create what a source names; a member's edit only links existing ones.
        self.create = create

    def org_id(self, ref: OrganisationRef | None) -> int | None:
        """The organisation a reference names: resolved (or created) for imports, only
        found for edits (the name alone stays on the row when none matches)."""
        if ref is None:
            return None
        if self.create:
            return self.orgs.resolve(ref).id
        found = self.orgs.find(ref)
        return found.id if found is not None else None

    def rows(self, draft: SolutionDraft) -> dict[str, list[dict[str, Any]]]:
        """Every child relation's desired rows."""
        return {
            "texts": [
                {
                    "lang": lang,
                    "localised_name": t.localised_name,
                    "generic_name": t.generic_name,
                    "short_description": t.short_description,
                    "long_description": t.long_description,
                    "features": list(t.features),
                    "documentation": t.documentation,
                    "api_documentation": t.api_documentation,
                }
                for lang, t in draft.texts.items()
            ],
            "tags": self._tags(draft),
            "offers": [
                {
                    "kind": o.kind,
                    "provider_id": self.org_id(o.provider),
                    "provider_name": o.provider.name if o.provider else None,
                    "docs_url": o.docs_url,
                    "until": plain(o.until),
                    "region": o.region,
                    "description": o.description,
                    "source": "declared",
                }
                for o in draft.offers
            ],
            "contacts": [
                {
                    "role": c.role,
                    "name": c.name,
                    "email": c.email,
                    "phone": c.phone,
                    "affiliation": c.affiliation,
                    "website": c.website,
                    "until": plain(c.until),
                }
                for c in draft.contacts
            ],
            "interfaces": self._interfaces(draft),
            "dependencies": [
                {
                    "kind": d.kind,
                    "name": d.name,
                    "version": d.version,
                    "version_min": d.version_min,
                    "version_max": d.version_max,
                    "optional": d.optional,
                    "licence": d.licence,
                    "source": d.source,
                }
                for d in draft.dependencies
            ],
            "funding": [
                {
                    "funder_id": self.org_id(f.funder),
                    "funder_name": f.funder.name,
                    "programme": f.programme,
                    "grant_reference": f.grant_reference,
                    "start": plain(f.start),
                    "end": plain(f.end),
                }
                for f in draft.funding
            ],
            "releases": _dedupe(
                [
                    {"version": r.version, "released_on": plain(r.date), "commit": r.commit}
                    for r in draft.releases
                ],
                key="version",
            ),
        }

    def _tags(self, draft: SolutionDraft) -> list[dict[str, Any]]:
        pairs = {("domain", v) for v in draft.domains}
        pairs |= {("category", v) for v in draft.categories}
        pairs |= {("scope", v) for v in draft.scopes}
        return [{"kind": k, "value": v} for k, v in sorted(pairs)]

    def _interfaces(self, draft: SolutionDraft) -> list[dict[str, Any]]:
        rows = [
            {
                "standard_id": self.standards.match(i.standard),
                "name": i.standard[:300],
                "role": i.role,
                "evidence_level": i.evidence_level,
                "evidence": i.evidence,
                "details": plain(dict(i.details)),
            }
            for i in draft.interfaces
        ]
        seen: set[tuple[Any, ...]] = set()
        unique = []
        for row in rows:
            key = (row["name"], row["role"], row["evidence_level"])
            if key not in seen:
                seen.add(key)
                unique.append(row)
        return unique


def _dedupe(rows: list[dict[str, Any]], *, key: str) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())
