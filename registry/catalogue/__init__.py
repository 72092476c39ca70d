"""The catalogue: solutions, repositories, interfaces, adoption."""

from registry.catalogue.services import CatalogueService, EntryState, UpsertOutcome
from registry.catalogue.standards import StandardIndex, seed_standards, sync_standards
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

__all__ = [
    "AdoptionDraft",
    "CatalogueService",
    "ContactDraft",
    "DependencyDraft",
    "EntryState",
    "FundingDraft",
    "InterfaceDraft",
    "OfferDraft",
    "OrganisationRef",
    "ReleaseDraft",
    "SolutionDraft",
    "StandardIndex",
    "TextDraft",
    "UpsertOutcome",
    "seed_standards",
    "sync_standards",
]
