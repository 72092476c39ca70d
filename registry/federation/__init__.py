"""Federation: other public catalogues (open-catalog-api) harvested into this one."""

from registry.federation.harvest import Harvest, HarvestSummary
from registry.federation.models import HarvestedCatalog, HarvestedEntry
from registry.federation.services import CatalogService
from registry.federation.sources import Source, entry_sources

__all__ = [
    "CatalogService",
    "Harvest",
    "HarvestSummary",
    "HarvestedCatalog",
    "HarvestedEntry",
    "Source",
    "entry_sources",
]
