"""An entry's history page: who changed what and when, as a readable diff."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from sqlalchemy.orm import Session

from registry.accounts import Principal, may_see_people
from registry.catalogue import CatalogueService
from registry.pages import history
from web.pages._context import page_context


@get("/solutions/{slug:str}/history", sync_to_thread=True, include_in_schema=False)
def history_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Template:
    """Every change of one entry, newest first (editors' addresses only for its publisher's
    members and admins)."""
    solution = catalogue.get(slug)
    reveal = may_see_people(viewer, solution.publisher_id)
    events = history(db_session, "solution", solution.id, reveal_people=reveal)
    context = page_context(request, solution=solution, events=events)
    return Template(template_name="history.html", context=context)
