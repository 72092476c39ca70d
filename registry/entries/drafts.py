"""Drafts: what an importer, a publiccode.yml or a publisher says about a solution.

A draft is plain typed data with no database identity. Every source (publiccode.yml
mapping, git analysis, host metadata, the demo catalogue, a publisher's form) produces
a ``SolutionDraft``; one service (``CatalogueService.upsert_draft``) writes drafts into
the catalogue. Keeping the interchange type here means each source is tested on its own
mapping, and the write path is tested once.

Enumerated values are plain strings checked against ``registry.entries.vocab``, so that
the vocabulary is one place and not a set of Enum classes scattered over importers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class TextDraft:
    """One language's description (publiccode ``description.<lang>``)."""

    localised_name: str | None = None
    generic_name: str | None = None
    short_description: str | None = None
    long_description: str | None = None
    features: tuple[str, ...] = ()
    documentation: str | None = None
    api_documentation: str | None = None
    screenshots: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()
    awards: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    """A reference to an organisation by whatever identifies it best.

    ``identifier`` is an official id or URI (AGS/ARS, ``urn:x-italian-pa:…``, a website);
    ``slug`` is used when the organisation is already in the catalogue.
    """

    name: str
    identifier: str | None = None
    slug: str | None = None
    website: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """A maintainer contact or contractor (publiccode ``maintenance``)."""

    name: str
    role: str = "contact"  # vocab.CONTACT_ROLES
    email: str | None = None
    phone: str | None = None
    affiliation: str | None = None
    website: str | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class OfferDraft:
    """An operating offer: self-hosting, a hosted service, support (vocab.OFFER_KINDS)."""

    kind: str
    provider: OrganisationRef | None = None
    docs_url: str | None = None
    until: date | None = None
    region: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class DependencyDraft:
    """A dependency (publiccode ``dependsOn``; SBOM entries). Kind: vocab.DEPENDENCY_KINDS."""

    kind: str
    name: str
    version: str | None = None
    version_min: str | None = None
    version_max: str | None = None
    optional: bool = False
    licence: str | None = None
    source: str = "declared"


@dataclass(frozen=True, slots=True)
class InterfaceDraft:
    """An interface a solution provides or consumes.

    ``standard`` is a slug, name, alias or URI matched against the standards catalogue;
    unmatched interfaces are kept with their name. ``evidence`` is a path or URL.
    """

    standard: str
    role: str = "provides"  # vocab.INTERFACE_ROLES
    evidence_level: str = "declared"  # vocab.EVIDENCE_LEVELS
    evidence: str | None = None
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FundingDraft:
    """Who funded the solution, and under which programme."""

    funder: OrganisationRef
    programme: str | None = None
    grant_reference: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class ReleaseDraft:
    """A released version."""

    version: str
    date: date | None = None
    commit: str | None = None


@dataclass(frozen=True, slots=True)
class AdoptionDraft:
    """An organisation that uses, operates, funds or co-develops the solution.

    ``verified`` is True only when the adopting organisation itself declared it; a
    ``usedBy`` line in someone else's publiccode.yml is a claim.
    """

    organisation: OrganisationRef
    role: str = "uses"  # vocab.ADOPTION_ROLES
    verified: bool = False
    since: date | None = None
    version: str | None = None
    instance_url: str | None = None
    claim_text: str | None = None


@dataclass(frozen=True, slots=True)
class SolutionDraft:
    """Everything a source can say about one solution. Unknown is None or empty."""

    name: str
    url: str | None = None  # the main repository URL
    slug: str | None = None
    texts: dict[str, TextDraft] = field(default_factory=dict)  # BCP 47 key -> text
    landing_url: str | None = None
    logo: str | None = None
    repositories: tuple[str, ...] = ()  # further repositories of a multi-repo product
    domains: tuple[str, ...] = ()  # vocab.DOMAINS
    categories: tuple[str, ...] = ()  # publiccode categories
    scopes: tuple[str, ...] = ()  # publiccode intendedAudience.scope
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # localisation.availableLanguages
    platforms: tuple[str, ...] = ()
    software_type: str | None = None
    development_status: str | None = None
    software_version: str | None = None
    release_date: date | None = None
    licence: str | None = None  # SPDX expression
    licence_source: str = "declared"  # vocab.LICENCE_SOURCES
    main_copyright_owner: str | None = None
    publisher: OrganisationRef | None = None
    maintenance_type: str | None = None  # vocab.MAINTENANCE_TYPES
    governance: str | None = None  # vocab.GOVERNANCE
    contacts: tuple[ContactDraft, ...] = ()
    offers: tuple[OfferDraft, ...] = ()
    dependencies: tuple[DependencyDraft, ...] = ()
    interfaces: tuple[InterfaceDraft, ...] = ()
    funding: tuple[FundingDraft, ...] = ()
    releases: tuple[ReleaseDraft, ...] = ()
    adoptions: tuple[AdoptionDraft, ...] = ()
    is_based_on: tuple[str, ...] = ()  # upstream repository URLs (variants)
    alternative_to: tuple[str, ...] = ()  # proprietary products it can replace
    keywords: tuple[str, ...] = ()
