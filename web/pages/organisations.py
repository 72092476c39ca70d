"""Organisation pages: who publishes, uses, operates and funds what."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from registry.pages import PageViews
from web.pages._context import page_context


@get("/organisations", sync_to_thread=True)
def organisation_list(
    request: Request[Any, Any, Any], views: NamedDependency[PageViews]
) -> Template:
    """Every organisation with how much it publishes and adopts."""
    rows = views.organisations()
    return Template(template_name="organisations.html", context=page_context(request, rows=rows))


@get("/organisations/{slug:str}", sync_to_thread=True)
def organisation_page(
    request: Request[Any, Any, Any], views: NamedDependency[PageViews], slug: FromPath[str]
) -> Template:
    """What one organisation publishes, uses, operates and funds; where its code lives."""
    page = views.organisation(slug)
    return Template(template_name="organisation.html", context=page_context(request, page=page))
