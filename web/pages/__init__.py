"""Server-rendered pages (HTML, no JavaScript needed to read and search)."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide

from web.pages._deps import provide_search, provide_views
from web.pages.browse import alternatives_page, domain_list, domain_page
from web.pages.organisations import organisation_list, organisation_page
from web.pages.solutions import search_page, solution_media, solution_page
from web.pages.standards import standard_list, standard_page

__all__ = ["pages_router"]


def pages_router() -> Router:
    """The reader's pages under ``/``, kept out of the OpenAPI document."""
    return Router(
        path="/",
        route_handlers=[
            search_page,
            solution_page,
            solution_media,
            organisation_list,
            organisation_page,
            standard_list,
            standard_page,
            domain_list,
            domain_page,
            alternatives_page,
        ],
        dependencies={
            "views": Provide(provide_views, sync_to_thread=False),
            "search": Provide(provide_search, sync_to_thread=False),
        },
        include_in_schema=False,
    )
