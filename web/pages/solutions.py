"""The solution pages: search with facets, and one entry with everything a reuser needs."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from registry.accounts.authz import Principal
from registry.catalogue.adoptions import contact_link
from registry.catalogue.views import PageViews
from registry.federation.claims import claimable_for
from registry.federation.sources import entry_sources, field_provenance
from registry.search import SearchQuery, SearchService
from web.pages import _search
from web.pages._context import page_context


@get("/solutions", sync_to_thread=True)
def search_page(
    request: Request[Any, Any, Any],
    views: NamedDependency[PageViews],
    search: NamedDependency[SearchService],
) -> Template:
    """Full text plus facets as a plain GET form; every state of the page is a URL."""
    query = SearchQuery.from_params(request.query_params.dict())
    result = search.search(query)
    context = page_context(request)
    context.update(_search.present(result, views.search_options(), context["label"], context["t"]))
    return Template(template_name="search.html", context=context)


#: What ``?saved=`` may say after a member's write (``saved.<what>`` in web/i18n.py).
SAVED = frozenset({"updated", "unchanged", "adoption", "claimed"})


@get("/solutions/{slug:str}", sync_to_thread=True)
def solution_page(
    request: Request[Any, Any, Any],
    views: NamedDependency[PageViews],
    slug: FromPath[str],
    viewer: NamedDependency[Principal | None],
) -> Template:
    """Descriptions, licence, offers, interfaces, adopters, score and provenance of one entry.

    Buttons to confirm a ``usedBy`` claim are shown only to members of the organisation
    it names, the button to claim a harvested entry only to members of an organisation
    that can prove the repository is its own; ``?saved=`` says that a member's edit,
    declaration or claim was stored.
    """
    page = views.solution(slug)
    saved = str(request.query_params.get("saved") or "")
    member_of = viewer.organisation_ids if viewer else frozenset()
    sources = entry_sources(views.db, page.solution)
    context = page_context(
        request, page=page, ask=contact_link, member_of=member_of,
        saved=saved if saved in SAVED else None, sources=sources,
        provenance=field_provenance(views.db, page.solution, sources),
        claimable=claimable_for(views.db, page.solution, member_of),
    )  # fmt: skip
    return Template(template_name="solution.html", context=context)
