"""The catalogue: solutions, repositories, interfaces, adoption."""

from registry.catalogue.adoptions import (
    REMIND_BEFORE,
    AdoptionService,
    Declaration,
    contact_link,
    is_current,
)
from registry.catalogue.curation import CURATED_FIELDS, UnknownStandard
from registry.catalogue.dcat import catalogue_graph, jsonld, turtle
from registry.catalogue.derived import DERIVED_STEPS, DerivedStep, entry_changed
from registry.catalogue.export import draft_from_entry
from registry.catalogue.harvested import (
    CATALOG_KINDS,
    GITLAB,
    OPEN_CATALOG_API,
    HarvestedCatalog,
    HarvestedEntry,
)
from registry.catalogue.housekeeping import merge, prune
from registry.catalogue.mainfacts import main_facts, release_version
from registry.catalogue.readcache import ReadCache, current_generation, install_generation_listener
from registry.catalogue.reminders import remind
from registry.catalogue.services import (
    LOAD_ENTRY,
    CatalogueService,
    EntryState,
    UpsertOutcome,
    touch_import,
)
from registry.catalogue.standards import (
    StandardIndex,
    catalogue_standards,
    load_standards_data,
    seed_standards,
    sync_standards,
)
from registry.catalogue.transfer import transfer_entry
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
    "CATALOG_KINDS",
    "CURATED_FIELDS",
    "DERIVED_STEPS",
    "GITLAB",
    "LOAD_ENTRY",
    "OPEN_CATALOG_API",
    "REMIND_BEFORE",
    "AdoptionDraft",
    "AdoptionService",
    "CatalogueService",
    "ContactDraft",
    "Declaration",
    "DependencyDraft",
    "DerivedStep",
    "EntryState",
    "FundingDraft",
    "HarvestedCatalog",
    "HarvestedEntry",
    "InterfaceDraft",
    "OfferDraft",
    "OrganisationRef",
    "ReadCache",
    "ReleaseDraft",
    "SolutionDraft",
    "StandardIndex",
    "TextDraft",
    "UnknownStandard",
    "UpsertOutcome",
    "catalogue_graph",
    "catalogue_standards",
    "contact_link",
    "current_generation",
    "draft_from_entry",
    "entry_changed",
    "install_generation_listener",
    "is_current",
    "jsonld",
    "load_standards_data",
    "main_facts",
    "merge",
    "prune",
    "release_version",
    "remind",
    "seed_standards",
    "sync_standards",
    "touch_import",
    "transfer_entry",
    "turtle",
]
