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

__all__ = [
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
    "urls",
    "vocab",
]
