"""Combine what the publisher declares (publiccode.yml) with what the repository shows.

Declared facts win where both speak (the publisher's licence, offers, texts); detected
interfaces, the self-hosting evidence and git releases are added beside them, so that a
re-import from either source keeps what the other one found. The version is the declared
``softwareVersion`` unless a release tag is newer (``registry.facts.versions``).
"""

from __future__ import annotations

from dataclasses import replace

from registry.entries import SolutionDraft
from registry.facts import newer_version


def compose(declared: SolutionDraft | None, detected: SolutionDraft | None) -> SolutionDraft:
    """One draft from a publiccode.yml draft and a repository-facts draft (either may be None)."""
    if declared is None:
        if detected is None:
            msg = "compose needs at least one draft"
            raise ValueError(msg)
        return detected
    if detected is None:
        return declared
    interfaces = list(declared.interfaces)
    seen = {(i.standard.lower(), i.role, i.evidence_level) for i in interfaces}
    for iface in detected.interfaces:
        if (iface.standard.lower(), iface.role, iface.evidence_level) not in seen:
            interfaces.append(iface)
    offers = list(declared.offers)
    if not any(o.kind == "self-hosting" for o in offers):
        offers.extend(o for o in detected.offers if o.kind == "self-hosting")
    versions = {r.version for r in declared.releases}
    releases = (*declared.releases, *(r for r in detected.releases if r.version not in versions))
    repositories = declared.repositories
    if detected.url and detected.url not in (declared.url, *repositories):
        repositories = (*repositories, detected.url)
    version = newer_version(declared.software_version, detected.software_version)
    tagged = version != declared.software_version
    return replace(
        declared,
        software_version=version,
        release_date=detected.release_date if tagged else declared.release_date,
        interfaces=tuple(interfaces),
        offers=tuple(offers),
        releases=releases,
        repositories=repositories,
        licence=declared.licence or detected.licence,
        licence_source=declared.licence_source if declared.licence else detected.licence_source,
    )
