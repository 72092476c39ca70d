"""The catalogue: solutions, repositories, interfaces, adoption."""

from registry.catalogue.drafts import (
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
from registry.catalogue.services import CatalogueService, EntryState, UpsertOutcome
from registry.catalogue.standards import StandardIndex, seed_standards, sync_standards

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
