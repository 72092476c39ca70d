"""Entries as plain data: drafts, the catalogue's vocabulary and its URL rules.

No database and no clock: every source (publiccode.yml, git analysis, harvested
catalogues, a publisher's form) and every reader shares these, so they sit below the
catalogue that stores them.
"""

from registry.entries import urls, vocab
from registry.entries.drafts import (
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
from registry.entries.languages import FALLBACK, in_language
from registry.entries.urls import normalise_repository_url, slugify, web_url, without_unsafe_links
from registry.entries.vocab import (
    ACCOUNT_ROLES,
    ADOPTION_ROLES,
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
    ORGANISATION_KINDS,
    SOFTWARE_TYPES,
    SOURCE_DRIVERS,
    TOKEN_SCOPES,
)

__all__ = [
    "ACCOUNT_ROLES",
    "ADOPTION_ROLES",
    "CONTACT_ROLES",
    "DEPENDENCY_KINDS",
    "DEVELOPMENT_STATUSES",
    "DOMAINS",
    "EVIDENCE_LEVELS",
    "FALLBACK",
    "GOVERNANCE",
    "INTERFACE_ROLES",
    "LICENCE_SOURCES",
    "MAINTENANCE_TYPES",
    "OFFER_KINDS",
    "ORGANISATION_KINDS",
    "SOFTWARE_TYPES",
    "SOURCE_DRIVERS",
    "TOKEN_SCOPES",
    "AdoptionDraft",
    "ContactDraft",
    "DependencyDraft",
    "FundingDraft",
    "InterfaceDraft",
    "OfferDraft",
    "OrganisationRef",
    "ReleaseDraft",
    "SolutionDraft",
    "TextDraft",
    "in_language",
    "normalise_repository_url",
    "slugify",
    "urls",
    "vocab",
    "web_url",
    "without_unsafe_links",
]
