"""Turn repository facts into a solution draft (pure mapping).

The draft says only what the repository itself shows: the licence its texts
establish (``licence_source="detected"``; without licence texts the one its manifest or
README declares, ``"declared"``), interfaces found in the tree with their
paths as evidence, a self-hosting offer when there is something to run it with, and
releases from release tags (the current one as ``software_version``). Declared values
(publiccode.yml, host metadata) come through their own drafts; the catalogue service
merges them.
"""

from __future__ import annotations

import posixpath

from registry.entries import InterfaceDraft, OfferDraft, ReleaseDraft, SolutionDraft
from registry.facts.interfaces import group_interfaces
from registry.facts.model import InterfaceFinding, RepoFacts

__all__ = ["draft_from_facts"]

#: Operating evidence that shows others can run the solution themselves, best first.
_SELF_HOSTING = ("install-docs", "helm", "compose", "kubernetes", "dockerfile")


def name_from_source(source: str) -> str:
    """A repository's name from its URL or path: the last part, without ``.git``."""
    tail = posixpath.basename(source.rstrip("/").removesuffix(".git").rstrip("/"))
    return tail or source


def _evidence(finding: InterfaceFinding) -> dict[str, object]:
    item: dict[str, object] = {"path": finding.path, "how": finding.how}
    for key in ("title", "version", "spec_version", "operations", "detail"):
        value = getattr(finding, key)
        if value is not None:
            item[key] = value
    return item


def _interfaces(findings: tuple[InterfaceFinding, ...]) -> tuple[InterfaceDraft, ...]:
    """One draft per standard and direction, with every piece of evidence, strongest first.

    ``evidence`` is the strongest path; ``details["evidence"]`` lists them all (each
    document of a standard, not only the first), ``details["how"]`` the strongest kind.
    """
    drafts = []
    for group in group_interfaces(findings):
        details: dict[str, object] = _evidence(group.best)
        del details["path"]
        details["evidence"] = [_evidence(f) for f in group.evidence]
        details["documents"] = group.documents
        if group.more:
            details["more_evidence"] = group.more
        drafts.append(
            InterfaceDraft(
                standard=group.standard,
                role=group.role,
                evidence_level="detected",
                evidence=group.best.path,
                details=details,
            )
        )
    return tuple(drafts)


def _offers(facts: RepoFacts) -> tuple[OfferDraft, ...]:
    for kind in _SELF_HOSTING:
        for evidence in facts.operating:
            if evidence.kind == kind:
                return (OfferDraft(kind="self-hosting", docs_url=evidence.path),)
    return ()


def _licence(facts: RepoFacts) -> tuple[str | None, str]:
    """The licence the texts establish; without texts, what the project's manifest declares."""
    if facts.licence.detected_expression:
        return facts.licence.detected_expression, "detected"
    return facts.licence.declared_expression, "declared"


def draft_from_facts(facts: RepoFacts) -> SolutionDraft:
    """Map ``facts`` to a ``SolutionDraft`` named after the repository."""
    releases = tuple(
        ReleaseDraft(version=release.version, date=release.date.date(), commit=release.commit)
        for release in sorted(facts.releases, key=lambda r: r.date, reverse=True)
        if release.version  # other tags are shown as tags, never as a version
    )
    newest = next((r for r in facts.releases if r.tag == facts.current_release), None)
    licence, source = _licence(facts)
    return SolutionDraft(
        name=name_from_source(facts.source),
        url=facts.source if "://" in facts.source else None,
        licence=licence,
        licence_source=source,
        offers=_offers(facts),
        interfaces=_interfaces(facts.interfaces),
        releases=releases,
        software_version=(newest.version or newest.tag) if newest else None,
        release_date=newest.date.date() if newest else None,
    )
