"""Need-driven entry points: browse by domain, alternatives to a named product."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from registry.pages import PageViews
from web.pages._context import page_context


@get("/domains", sync_to_thread=True)
def domain_list(request: Request[Any, Any, Any], views: NamedDependency[PageViews]) -> Template:
    """Every field of municipal action with its number of solutions."""
    rows = views.domains()
    return Template(template_name="domains.html", context=page_context(request, rows=rows))


@get("/domains/{key:str}", sync_to_thread=True)
def domain_page(
    request: Request[Any, Any, Any], views: NamedDependency[PageViews], key: FromPath[str]
) -> Template:
    """The solutions of one domain."""
    cards = views.domain(key)
    context = page_context(request, key=key, cards=cards)
    return Template(template_name="domain.html", context=context)


@get("/alternatives", sync_to_thread=True)
def alternatives_page(
    request: Request[Any, Any, Any], views: NamedDependency[PageViews], to: FromQuery[str] = ""
) -> Template:
    """Open alternatives to named products, all of them or those matching ``to``."""
    groups = views.alternatives(to)
    context = page_context(request, groups=groups, to=to.strip())
    return Template(template_name="alternatives.html", context=context)
