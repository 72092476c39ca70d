"""A stored entry back as a draft: for publiccode.yml export and for re-scoring."""

from __future__ import annotations

from registry.catalogue import models as m
from registry.entries import (
    AdoptionDraft,
    ContactDraft,
    DependencyDraft,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
    SolutionDraft,
    TextDraft,
)
from registry.organisations import Organisation


def _ref(org: Organisation | None, name: str | None = None) -> OrganisationRef | None:
    if org is not None:
        return OrganisationRef(
            name=org.name, identifier=org.identifier, slug=org.slug, website=org.website
        )
    return OrganisationRef(name=name) if name else None


def _texts(solution: m.Solution) -> dict[str, TextDraft]:
    return {
        t.lang: TextDraft(
            localised_name=t.localised_name, generic_name=t.generic_name,
            short_description=t.short_description, long_description=t.long_description,
            features=tuple(t.features), documentation=t.documentation,
            api_documentation=t.api_documentation,
        )
        for t in solution.texts
    }  # fmt: skip


def _tags(solution: m.Solution, kind: str) -> tuple[str, ...]:
    return tuple(sorted(t.value for t in solution.tags if t.kind == kind))


def draft_from_entry(solution: m.Solution) -> SolutionDraft:
    """The entry as a draft (loaded with ``CatalogueService.get``)."""
    return SolutionDraft(
        name=solution.name, slug=solution.slug, url=solution.url, texts=_texts(solution),
        landing_url=solution.landing_url, logo=solution.logo,
        repositories=tuple(r.url for r in solution.repositories if r.url != solution.url),
        domains=_tags(solution, "domain"), categories=_tags(solution, "category"),
        scopes=_tags(solution, "scope"), countries=tuple(solution.countries),
        languages=tuple(solution.languages), platforms=tuple(solution.platforms),
        software_type=solution.software_type, development_status=solution.development_status,
        software_version=solution.software_version, release_date=solution.release_date,
        licence=solution.licence, licence_source=solution.licence_source or "declared",
        main_copyright_owner=solution.main_copyright_owner, publisher=_ref(solution.publisher),
        maintenance_type=solution.maintenance_type, governance=solution.governance,
        contacts=tuple(
            ContactDraft(name=c.name, role=c.role, email=c.email, phone=c.phone,
                         affiliation=c.affiliation, website=c.website, until=c.until)
            for c in solution.contacts
        ),
        offers=tuple(
            OfferDraft(kind=o.kind, provider=_ref(o.provider, o.provider_name),
                       docs_url=o.docs_url, until=o.until, region=o.region,
                       description=o.description)
            for o in solution.offers
        ),
        dependencies=tuple(
            DependencyDraft(kind=d.kind, name=d.name, version=d.version,
                            version_min=d.version_min, version_max=d.version_max,
                            optional=d.optional, licence=d.licence, source=d.source)
            for d in solution.dependencies
        ),
        interfaces=tuple(
            InterfaceDraft(standard=i.name, role=i.role, evidence_level=i.evidence_level,
                           evidence=i.evidence, details=dict(i.details))
            for i in solution.interfaces
        ),
        funding=tuple(
            FundingDraft(funder=_ref(f.funder, f.funder_name) or OrganisationRef(f.funder_name),
                         programme=f.programme, grant_reference=f.grant_reference,
                         start=f.start, end=f.end)
            for f in solution.funding
        ),
        releases=tuple(
            ReleaseDraft(version=r.version, date=r.released_on, commit=r.commit)
            for r in solution.releases
        ),
        adoptions=tuple(
            AdoptionDraft(
                organisation=_ref(a.organisation, a.claim_text) or OrganisationRef("?"),
                role=a.role, verified=a.verified, since=a.since, version=a.version,
                instance_url=a.instance_url, claim_text=a.claim_text,
            )
            for a in solution.adoptions
        ),
        is_based_on=tuple(r.upstream_url for r in solution.repositories if r.upstream_url),
        alternative_to=tuple(solution.alternative_to), keywords=tuple(solution.keywords),
    )  # fmt: skip
