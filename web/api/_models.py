"""Typed response bodies of the read API (msgspec Structs), and conversions to them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import msgspec

from registry.catalogue import models as m
from registry.federation import Source
from registry.organisations import Organisation
from registry.pages import commit_activity, version_view
from registry.pages import licence as licence_view
from registry.search import Facet, OrganisationProfile, SearchHit, StandardProfile


class Links(msgspec.Struct, kw_only=True):
    """Pagination links; ``next`` keeps every filter of the request."""

    self: str
    first: str | None = None
    next: str | None = None


class FacetValueOut(msgspec.Struct):
    """One facet value with the number of hits choosing it would give."""

    value: str
    count: int
    selected: bool


class SolutionSummary(msgspec.Struct, kw_only=True):
    """A solution in a list: enough to choose, with links to the whole entry."""

    slug: str
    name: str
    active: bool
    publisher: str | None
    licence: str | None
    development_status: str | None
    maintenance_type: str | None
    domains: list[str]
    description: dict[str, str]
    verified_adopters: int
    score: float | None
    level: str | None
    silo: str | None
    last_activity: date | None
    updated_at: datetime
    url: str
    html_url: str
    publiccode_url: str


class SearchMeta(msgspec.Struct, kw_only=True):
    """The total and page size; how the words were matched, and help when nothing was.

    ``relaxed``: no entry holds every word, so the hits hold some of them (best first).
    ``suggestions``: with no hits, the query with a misspelt word replaced by a word of
    the catalogue. ``domains``: with no hits, the domains to browse (key and count), the
    five closest to the query first, or every domain when none is close.
    """

    total: int
    size: int
    relaxed: bool = False
    suggestions: list[str] = msgspec.field(default_factory=list)
    domains: dict[str, int] = msgspec.field(default_factory=dict)


class SolutionList(msgspec.Struct, kw_only=True):
    """``GET /api/v1/solutions``: hits, links, facets and the total."""

    data: list[SolutionSummary]
    links: Links
    facets: dict[str, list[FacetValueOut]]
    meta: SearchMeta


class Text(msgspec.Struct, kw_only=True):
    """Name and descriptions in one language."""

    localised_name: str | None
    generic_name: str | None
    short_description: str | None
    long_description: str | None
    features: list[str]
    documentation: str | None
    api_documentation: str | None


class OfferOut(msgspec.Struct, kw_only=True):
    """An operating offer and who provides it."""

    kind: str
    provider: str | None
    provider_name: str | None
    docs_url: str | None
    region: str | None
    until: date | None = None
    source: str


class InterfaceEvidenceOut(msgspec.Struct, kw_only=True):
    """One piece of evidence for an interface.

    ``kind`` is document, file, identifier, dependency or mention (strongest first) for
    what the repository shows, or the evidence level of a declared interface.
    """

    path: str
    kind: str
    title: str | None = None
    version: str | None = None
    spec_version: str | None = None
    operations: int | None = None
    detail: str | None = None


class InterfaceOut(msgspec.Struct, kw_only=True):
    """An interface with its standard, its direction and how we know.

    ``role`` is provides or consumes (a client or SDK of someone else's API);
    ``evidence`` is the strongest piece, ``evidence_items`` all of them, strongest first
    (every document of the standard, not only one); ``documents`` counts the
    interface documents among them (``more_evidence`` counts those not listed).
    """

    name: str
    standard: str | None
    role: str
    evidence_level: str
    evidence: str | None
    evidence_items: list[InterfaceEvidenceOut]
    documents: int
    more_evidence: int


class AdoptionOut(msgspec.Struct, kw_only=True):
    """An organisation using, operating, funding or co-developing the solution."""

    organisation: str | None
    name: str | None
    role: str
    verified: bool
    since: date | None


class RepositoryOut(msgspec.Struct, kw_only=True):
    """A repository of the solution."""

    url: str
    forge: str
    archived: bool
    fork_kind: str | None
    last_commit_at: datetime | None
    import_status: str


class VersionOut(msgspec.Struct, kw_only=True):
    """The current version and its sources; ``agrees`` is None unless both are known.

    ``release_tag`` is the newest release tag on the default branch, ``declared`` the
    publiccode.yml ``softwareVersion``; ``other_tags`` are tags that are not releases.
    """

    current: str | None
    release_tag: str | None
    release_tag_version: str | None
    release_tag_date: date | None
    declared: str | None
    agrees: bool | None
    other_tags: list[str]


class ActivityOut(msgspec.Struct, kw_only=True):
    """Commits and authors in the 365 days up to the last commit (never a window ending today).

    ``quiet`` is true when the last commit is more than 365 days old.
    """

    last_commit_at: datetime
    window_days: int
    commits_before_last_commit: int
    authors_before_last_commit: int
    commits_total: int
    quiet: bool


class LicenceConflictOut(msgspec.Struct, kw_only=True):
    """A statement about the project's licence (``path`` says ``says``) and what
    contradicts it: the licence texts, or without texts another statement."""

    path: str
    says: str
    other_paths: list[str]
    other_says: str
    reason: str


class SourceOut(msgspec.Struct, kw_only=True):
    """Where an entry came from: ``local``, a harvested ``catalogue`` (with its id there), or
    facts detected from its ``repository`` (``registry.federation.sources``)."""

    kind: str
    catalogue: str | None = None
    id: str | None = None
    url: str | None = None
    active: bool = True


class ProvenanceOut(msgspec.Struct, kw_only=True):
    """Where one shown field came from: ``local`` (this registry's publisher), a harvested
    ``catalogue`` (named), or detected from the ``repository``."""

    kind: str
    catalogue: str | None = None


class SolutionDetail(msgspec.Struct, kw_only=True):
    """``GET /api/v1/solutions/{slug}``: the whole entry."""

    slug: str
    name: str
    active: bool
    inactive_reason: str | None
    publisher: str | None
    url: str | None
    landing_url: str | None
    software_type: str | None
    development_status: str | None
    software_version: str | None
    release_date: date | None
    version: VersionOut
    activity: ActivityOut | None
    licence: str | None
    licence_source: str | None
    licence_detected: str | None
    licence_stated_in: list[str]
    licence_conflicts: list[LicenceConflictOut]
    maintenance_type: str | None
    governance: str | None
    platforms: list[str]
    languages: list[str]
    keywords: list[str]
    alternative_to: list[str]
    domains: list[str]
    categories: list[str]
    texts: dict[str, Text]
    repositories: list[RepositoryOut]
    offers: list[OfferOut]
    interfaces: list[InterfaceOut]
    dependencies: list[dict[str, Any]]
    adoptions: list[AdoptionOut]
    funding: list[dict[str, Any]]
    releases: list[dict[str, Any]]
    publiccode_valid: bool | None
    created_at: datetime
    updated_at: datetime
    html_url: str
    publiccode_url: str
    sources: list[SourceOut] = msgspec.field(default_factory=list)
    #: Field (name, description, licence, version, maintenance, contacts) → its source.
    provenance: dict[str, ProvenanceOut] = msgspec.field(default_factory=dict)


class OrganisationOut(msgspec.Struct, kw_only=True):
    """An organisation (list item and the head of its detail)."""

    slug: str
    name: str
    kind: str
    identifier: str | None
    country: str | None
    state: str | None
    population: int | None
    website: str | None
    verified: bool
    domains: list[str]
    url: str
    html_url: str


class OrganisationList(msgspec.Struct, kw_only=True):
    """``GET /api/v1/organisations``."""

    data: list[OrganisationOut]
    links: Links


class OrganisationDetail(msgspec.Struct, kw_only=True):
    """``GET /api/v1/organisations/{slug}``: what it publishes, uses, operates and funds."""

    data: OrganisationOut
    publishes: list[str]
    uses: list[str]
    operates: list[str]
    funds: list[str]
    co_develops: list[str]


class StandardOut(msgspec.Struct, kw_only=True):
    """An interface standard."""

    id: str
    name: str
    kind: str
    steward: str | None
    version: str | None
    open: bool
    royalty_free: bool
    url: str | None
    aliases: list[str]
    solutions: int | None = None


class StandardList(msgspec.Struct, kw_only=True):
    """``GET /api/v1/standards``."""

    data: list[StandardOut]


class StandardDetail(msgspec.Struct, kw_only=True):
    """``GET /api/v1/standards/{id}``: solution slug -> evidence levels, by role."""

    data: StandardOut
    provided_by: dict[str, list[str]]
    consumed_by: dict[str, list[str]]


def solution_summary(hit: SearchHit, base: str) -> SolutionSummary:
    """A search hit as a list item (``base`` is the site's root URL without a slash)."""
    return SolutionSummary(
        slug=hit.slug,
        name=hit.name,
        active=hit.active,
        publisher=hit.publisher_slug,
        licence=hit.licence,
        development_status=hit.development_status,
        maintenance_type=hit.maintenance_type,
        domains=list(hit.domains),
        description=dict(hit.descriptions),
        verified_adopters=hit.verified_adopters,
        score=hit.score,
        level=hit.level,
        silo=hit.silo,
        last_activity=hit.last_activity,
        updated_at=hit.updated_at,
        url=f"{base}/api/v1/solutions/{hit.slug}",
        html_url=f"{base}/solutions/{hit.slug}",
        publiccode_url=f"{base}/solutions/{hit.slug}/publiccode.yml",
    )


def facets_out(facets: dict[str, Facet]) -> dict[str, list[FacetValueOut]]:
    """Facets as plain lists."""
    return {
        name: [FacetValueOut(v.value, v.count, v.selected) for v in facet.values]
        for name, facet in facets.items()
    }


def _text(t: m.SolutionText) -> Text:
    return Text(
        localised_name=t.localised_name,
        generic_name=t.generic_name,
        short_description=t.short_description,
        long_description=t.long_description,
        features=list(t.features),
        documentation=t.documentation,
        api_documentation=t.api_documentation,
    )


def _tags(solution: m.Solution, kind: str) -> list[str]:
    return sorted(t.value for t in solution.tags if t.kind == kind)


def _version(solution: m.Solution) -> VersionOut:
    view = version_view(solution)
    both = bool(view.declared and view.tag_version)
    return VersionOut(
        current=view.current,
        release_tag=view.tag,
        release_tag_version=view.tag_version,
        release_tag_date=view.tag_date,
        declared=view.declared,
        agrees=(not view.disagree) if both else None,
        other_tags=list(view.other_tags),
    )


def _activity(solution: m.Solution, now: datetime) -> ActivityOut | None:
    view = commit_activity(solution, now)
    if view is None:
        return None
    return ActivityOut(
        last_commit_at=view.last_commit,
        window_days=view.days,
        commits_before_last_commit=view.commits,
        authors_before_last_commit=view.authors,
        commits_total=view.total_commits,
        quiet=view.quiet,
    )


def solution_detail(
    solution: m.Solution,
    base: str,
    *,
    now: datetime | None = None,
    sources: list[Source] | None = None,
    provenance: dict[str, Source] | None = None,
) -> SolutionDetail:
    """A fully loaded entry (``CatalogueService.get``) as the API shows it."""
    licence_part = licence_view(solution)
    return SolutionDetail(
        slug=solution.slug,
        name=solution.name,
        active=solution.active,
        inactive_reason=solution.inactive_reason,
        publisher=solution.publisher.slug if solution.publisher else None,
        url=solution.url,
        landing_url=solution.landing_url,
        software_type=solution.software_type,
        development_status=solution.development_status,
        software_version=solution.software_version,
        release_date=solution.release_date,
        version=_version(solution),
        activity=_activity(solution, now or datetime.now(UTC)),
        licence=solution.licence,
        licence_source=solution.licence_source,
        licence_detected=solution.licence_detected,
        licence_stated_in=list(licence_part.stated_in),
        licence_conflicts=[
            LicenceConflictOut(
                path=c.path,
                says=c.says,
                other_paths=list(c.other_paths),
                other_says=c.other_says,
                reason=c.reason,
            )
            for c in licence_part.conflicts
        ],
        maintenance_type=solution.maintenance_type,
        governance=solution.governance,
        platforms=list(solution.platforms),
        languages=list(solution.languages),
        keywords=list(solution.keywords),
        alternative_to=list(solution.alternative_to),
        domains=_tags(solution, "domain"),
        categories=_tags(solution, "category"),
        texts={t.lang: _text(t) for t in solution.texts},
        repositories=[
            RepositoryOut(
                url=r.url,
                forge=r.forge,
                archived=r.archived,
                fork_kind=r.fork_kind,
                last_commit_at=r.last_commit_at,
                import_status=r.import_status,
            )
            for r in solution.repositories
        ],
        offers=[
            OfferOut(
                kind=o.kind,
                provider=o.provider.slug if o.provider else None,
                provider_name=o.provider.name if o.provider else o.provider_name,
                docs_url=o.docs_url,
                region=o.region,
                until=o.until,
                source=o.source,
            )
            for o in solution.offers
        ],
        interfaces=[
            _interface_out(i)
            for i in sorted(solution.interfaces, key=lambda i: (i.role != "provides", i.name))
        ],
        dependencies=[
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
            for d in solution.dependencies
        ],
        adoptions=[
            AdoptionOut(
                organisation=a.organisation.slug if a.organisation else None,
                name=a.organisation.name if a.organisation else a.claim_text,
                role=a.role,
                verified=a.verified,
                since=a.since,
            )
            for a in solution.adoptions
        ],
        funding=[
            {
                "funder": f.funder.slug if f.funder else None,
                "funder_name": f.funder_name,
                "programme": f.programme,
                "grant_reference": f.grant_reference,
            }
            for f in solution.funding
        ],
        releases=[
            {
                "version": r.version,
                "released_on": r.released_on.isoformat() if r.released_on else None,
            }
            for r in solution.releases
        ],
        publiccode_valid=solution.publiccode_valid,
        created_at=solution.created_at,
        updated_at=solution.updated_at,
        html_url=f"{base}/solutions/{solution.slug}",
        publiccode_url=f"{base}/solutions/{solution.slug}/publiccode.yml",
        sources=[
            SourceOut(
                kind=s.kind, catalogue=s.catalogue, id=s.remote_id, url=s.url, active=s.active
            )
            for s in sources or []
        ],
        provenance={
            name: ProvenanceOut(kind=p.kind, catalogue=p.catalogue)
            for name, p in (provenance or {}).items()
        },
    )


def organisation_out(org: Organisation, base: str) -> OrganisationOut:
    """An organisation as the API shows it."""
    return OrganisationOut(
        slug=org.slug,
        name=org.name,
        kind=org.kind,
        identifier=org.identifier,
        country=org.country,
        state=org.state,
        population=org.population,
        website=org.website,
        verified=org.verified,
        domains=list(org.domains or []),
        url=f"{base}/api/v1/organisations/{org.slug}",
        html_url=f"{base}/organisations/{org.slug}",
    )


def organisation_detail(profile: OrganisationProfile, base: str) -> OrganisationDetail:
    """An organisation with the slugs of its solutions by relation."""
    return OrganisationDetail(
        data=organisation_out(profile.organisation, base),
        publishes=list(profile.publishes),
        uses=list(profile.uses),
        operates=list(profile.operates),
        funds=list(profile.funds),
        co_develops=list(profile.co_develops),
    )


def standard_out(std: m.Standard, solutions: int | None = None) -> StandardOut:
    """A standard as the API shows it (its slug is its id)."""
    return StandardOut(
        id=std.slug,
        name=std.name,
        kind=std.kind,
        steward=std.steward,
        version=std.version,
        open=std.open,
        royalty_free=std.royalty_free,
        url=std.url,
        aliases=list(std.aliases),
        solutions=solutions,
    )


def standard_detail(profile: StandardProfile) -> StandardDetail:
    """A standard with its providers and consumers."""
    return StandardDetail(
        data=standard_out(profile.standard),
        provided_by=profile.provides,
        consumed_by=profile.consumes,
    )


def _evidence_out(item: dict[str, Any]) -> InterfaceEvidenceOut:
    def text(key: str) -> str | None:
        value = item.get(key)
        return str(value) if value is not None else None

    operations = item.get("operations")
    return InterfaceEvidenceOut(
        path=str(item["path"]),
        kind=str(item.get("how") or "declared"),
        title=text("title"),
        version=text("version"),
        spec_version=text("spec_version"),
        operations=operations if isinstance(operations, int) else None,
        detail=text("detail"),
    )


def _interface_out(interface: m.SolutionInterface) -> InterfaceOut:
    items = [_evidence_out(item) for item in interface.evidence_items]
    details = interface.details if isinstance(interface.details, dict) else {}
    documents = details.get("documents")
    more = details.get("more_evidence")
    return InterfaceOut(
        name=interface.name,
        standard=interface.standard.slug if interface.standard else None,
        role=interface.role,
        evidence_level=interface.evidence_level,
        evidence=interface.evidence,
        evidence_items=items,
        documents=documents
        if isinstance(documents, int)
        else sum(1 for i in items if i.kind == "document"),
        more_evidence=more if isinstance(more, int) else 0,
    )
