"""Federation: other public catalogues (open-catalog-api) harvested into this one."""

from registry.federation.claims import claim, claimable_for
from registry.federation.harvest import Harvest, HarvestSummary
from registry.federation.services import CatalogService
from registry.federation.sources import Source, entry_sources, field_provenance

__all__ = [
    "CatalogService",
    "Harvest",
    "HarvestSummary",
    "Source",
    "claim",
    "claimable_for",
    "entry_sources",
    "field_provenance",
]
