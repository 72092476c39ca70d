"""Standards pages: which solutions provide or consume each interface standard."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from registry.pages import PageViews
from web.pages._context import page_context


@get("/standards", sync_to_thread=True)
def standard_list(request: Request[Any, Any, Any], views: NamedDependency[PageViews]) -> Template:
    """Every standard, whether it is open, and how often it is implemented."""
    rows = views.standards()
    return Template(template_name="standards.html", context=page_context(request, rows=rows))


@get("/standards/{slug:str}", sync_to_thread=True)
def standard_page(
    request: Request[Any, Any, Any], views: NamedDependency[PageViews], slug: FromPath[str]
) -> Template:
    """One standard and the entries implementing it, with the evidence level."""
    page = views.standard(slug)
    return Template(template_name="standard.html", context=page_context(request, page=page))
