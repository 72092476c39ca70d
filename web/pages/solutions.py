"""The solution pages: search with facets, and one entry with everything a reuser needs."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from sqlalchemy.orm import Session

from registry.accounts import Principal
from registry.catalogue import ReadCache, contact_link, current_generation
from registry.catalogue.media import MediaService
from registry.federation import claimable_for, entry_sources, field_provenance
from registry.pages import PageViews
from registry.search import SearchQuery, SearchService
from web.i18n import choose_language
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
SAVED = frozenset({"updated", "unchanged", "adoption", "claimed"})


@get("/solutions/{slug:str}", sync_to_thread=True)
def solution_page(
    request: Request[Any, Any, Any],
    views: NamedDependency[PageViews],
    slug: FromPath[str],
    viewer: NamedDependency[Principal | None],
) -> Template | Response[str]:
    """Descriptions, licence, offers, interfaces, adopters, score and provenance of one entry.

    Buttons to confirm a ``usedBy`` claim are shown only to members of the organisation
    it names, the button to claim a harvested entry only to members of an organisation
    that can prove the repository is its own; ``?saved=`` says that a member's edit,
    declaration or claim was stored. What an anonymous reader gets is the same for
    everyone, so it is rendered once per change of the catalogue
    (``registry.catalogue.readcache``) and served from memory until then.
    """
    shared = _anonymous(request, viewer)
    cache: ReadCache = request.app.state.read_cache
    generation = current_generation(views.db) if shared else None
    lang = choose_language(request, request.app.state.settings.languages)
    key = ("solution-page", slug, lang) if shared else None
    if key is not None and (html := cache.get(key, generation)) is not None:
        return Response(html, media_type=MediaType.HTML)
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
    if key is None:
        return Template(template_name="solution.html", context=context)
    template = request.app.template_engine.get_template("solution.html")  # type: ignore[union-attr]
    html = template.render(**context, request=request, csrf_input="")
    cache.put(key, generation, html)
    return Response(html, media_type=MediaType.HTML)


def _anonymous(request: Request[Any, Any, Any], viewer: Principal | None) -> bool:
    """No account, and no query beyond ``?lang=``: the page every reader shares."""
    session = request.scope.get("session")
    signed_in = isinstance(session, dict) and bool(session.get("account"))
    return viewer is None and not signed_in and set(request.query_params) <= {"lang"}


@get("/media/{slug:str}/{name:str}", sync_to_thread=True)
def solution_media(
    db_session: NamedDependency[Session], slug: FromPath[str], name: FromPath[str]
) -> Response[bytes]:
    """A logo or screenshot: the registry's own re-encoded copy, never the original.

    A name carries the picture's digest (a changed picture gets a new name), so clients
    may keep it for a long time; ``nosniff`` and a closed CSP keep the bytes an image.
    """
    row = MediaService(db_session).get(slug, name)
    return Response(
        row.data,
        media_type=row.media_type,
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
