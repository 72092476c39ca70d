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

from registry.catalogue.drafts import InterfaceDraft, OfferDraft, ReleaseDraft, SolutionDraft
from registry.facts.model import InterfaceFinding, RepoFacts

__all__ = ["draft_from_facts"]

#: Operating evidence that shows others can run the solution themselves, best first.
_SELF_HOSTING = ("install-docs", "helm", "compose", "kubernetes", "dockerfile")


def name_from_source(source: str) -> str:
    """A repository's name from its URL or path: the last part, without ``.git``."""
    tail = posixpath.basename(source.rstrip("/").removesuffix(".git").rstrip("/"))
    return tail or source


def _interfaces(findings: tuple[InterfaceFinding, ...]) -> tuple[InterfaceDraft, ...]:
    """One draft per standard, evidenced by its best path; fixtures and fragments don't count."""
    best: dict[str, InterfaceFinding] = {}
    rank = {"document": 0, "file": 1, "identifier": 2, "dependency": 3}
    for finding in findings:
        if finding.test_fixture or finding.fragment:
            continue
        current = best.get(finding.standard)
        if current is None or rank.get(finding.how, 9) < rank.get(current.how, 9):
            best[finding.standard] = finding
    drafts = []
    for slug, finding in sorted(best.items()):
        details: dict[str, object] = {"how": finding.how}
        for key in ("title", "version", "spec_version", "operations", "detail"):
            value = getattr(finding, key)
            if value is not None:
                details[key] = value
        drafts.append(
            InterfaceDraft(
                standard=slug, evidence_level="detected", evidence=finding.path, details=details
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
