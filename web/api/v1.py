"""The read API and exports: ``registry.search`` behind thin handlers, registered on the
app beside the write handlers that share their paths (PATCH/DELETE of a solution)."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

from web.api.exports import dcat_jsonld, dcat_turtle, export_csv, export_json, feed
from web.api.opencatalog import (
    get_catalog,
    get_publisher,
    get_software,
    list_catalogs,
    list_publishers,
    list_software,
)
from web.api.organisations import get_organisation, list_organisations
from web.api.solutions import get_solution, list_solutions
from web.api.standards import get_standard, list_standards


def read_api_handlers() -> list[HTTPRouteHandler]:
    """``/api/v1`` solutions, organisations, standards, exports, and ``/feed.atom``."""
    return [
        list_solutions,
        get_solution,
        list_organisations,
        get_organisation,
        list_standards,
        get_standard,
        export_csv,
        export_json,
        feed,
        dcat_jsonld,
        dcat_turtle,
        list_software,
        get_software,
        list_publishers,
        get_publisher,
        list_catalogs,
        get_catalog,
    ]
