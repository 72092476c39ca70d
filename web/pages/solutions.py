"""The solution pages: search with facets, and one entry with everything a reuser needs."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from registry.accounts import Principal
from registry.catalogue import contact_link
from registry.federation import entry_sources
from registry.pages import PageViews
from registry.search import SearchQuery, SearchService
from web.pages import _search
from web.pages._context import page_context


@get("/solutions", sync_to_thread=True)
def search_page(
    request: Request[Any, Any, Any],
    views: NamedDependency[PageViews],
    search: NamedDependency[SearchService],
    search_query: NamedDependency[SearchQuery],
) -> Template:
    """Full text plus facets as a plain GET form; every state of the page is a URL."""
    context = page_context(request)
    # the passages in the language each card shows: the reader's, else English, German
    result = search.search(search_query, passages=(context["lang"], "en", "de"))
    options = views.search_options()
    context.update(
        _search.present(result, options, context["label"], context["t"], context["lang"])
    )
    return Template(template_name="search.html", context=context)


#: What ``?saved=`` may say after a member's write (``saved.<what>`` in web/i18n.py).
SAVED = frozenset({"updated", "unchanged", "adoption"})


@get("/solutions/{slug:str}", sync_to_thread=True)
def solution_page(
    request: Request[Any, Any, Any],
    views: NamedDependency[PageViews],
    slug: FromPath[str],
    viewer: NamedDependency[Principal | None],
) -> Template:
    """Descriptions, licence, offers, interfaces, adopters, score and provenance of one entry.

    Buttons to confirm a ``usedBy`` claim are shown only to members of the organisation
    it names; ``?saved=`` says that a member's edit or declaration was stored.
    """
    page = views.solution(slug)
    saved = str(request.query_params.get("saved") or "")
    context = page_context(
        request, page=page, ask=contact_link,
        member_of=viewer.organisation_ids if viewer else frozenset(),
        saved=saved if saved in SAVED else None, sources=entry_sources(views.db, page.solution),
    )  # fmt: skip
    return Template(template_name="solution.html", context=context)
