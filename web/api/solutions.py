"""``GET /api/v1/solutions`` (search, facets, keyset pages) and ``/api/v1/solutions/{slug}``."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.openapi.spec import Example
from litestar.params import FromPath, Parameter, QueryParameter
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService
from registry.federation.sources import entry_sources, field_provenance
from registry.search import SearchQuery, SearchService
from web.api._http import CORS_HEADERS, base_url, cached, page_url
from web.api._models import (
    Links,
    SearchMeta,
    SolutionDetail,
    SolutionList,
    facets_out,
    solution_detail,
    solution_summary,
)


def provide_search(db_session: NamedDependency[Session]) -> SearchService:
    """The search service on this request's session."""
    return SearchService(db_session)


TAGS = ["solutions"]
Many = Annotated[
    list[str] | None, Parameter(description="Any of these values (repeat or comma-separate).")
]


@get(
    "/api/v1/solutions",
    sync_to_thread=True,
    tags=TAGS,
    operation_id="ListSolutions",
    response_headers=CORS_HEADERS,
    dependencies={"search": Provide(provide_search, sync_to_thread=False)},
    summary="Search the catalogue",
    description="Full text (`q`, German and English stemming) and facet filters; within a "
    "facet any value, across facets all. Keyset pages: follow `links.next`.",
)
def list_solutions(
    request: Request[Any, Any, Any],
    *,
    search: NamedDependency[SearchService],
    q: Annotated[str | None, Parameter(examples=[Example(value="Abfallkalender")])] = None,
    domain: Many = None,
    category: Many = None,
    licence: Many = None,
    osi: Annotated[str | None, Parameter(description="OSI-approved licence: true/false")] = None,
    standard: Many = None,
    status: Many = None,
    maintenance: Many = None,
    offer: Many = None,
    adopters: Annotated[
        str | None, Parameter(description="At least this many verified adopters")
    ] = None,
    org_kind: Many = None,
    bundesland: Annotated[
        list[str] | None,
        QueryParameter(
            name="state",
            description="ISO 3166-2 "
            "subdivision (Bundesland) of the publisher or an adopter, e.g. BY",
        ),
    ] = None,
    score_band: Many = None,
    level: Many = None,
    silo: Many = None,
    recent: Annotated[str | None, Parameter(description="Active within a year")] = None,
    publisher: Many = None,
    like: Annotated[
        str | None, Parameter(description="Towns like mine: an organisation slug")
    ] = None,
    alternative_to: Annotated[str | None, Parameter(description="A proprietary product")] = None,
    sort: Annotated[
        str | None, Parameter(description="relevance, score, adopters, recent, name")
    ] = None,
    page_size: Annotated[
        str | None, QueryParameter(name="page[size]", description="1 to 100, default 25")
    ] = None,
    page_after: Annotated[str | None, QueryParameter(name="page[after]")] = None,
) -> Response[SolutionList]:
    """Search with facets; each item carries its `slug` and links to the whole entry."""
    query = SearchQuery.from_params(request.query_params.dict())
    result = search.search(query)
    base = base_url(request)
    links = {
        "self": page_url(request, query.to_params(with_page=True)),
        "first": page_url(request, query.to_params()),
    }
    if result.next_cursor:
        links["next"] = page_url(request, [*query.to_params(), ("page[after]", result.next_cursor)])
    body = SolutionList(
        data=[solution_summary(hit, base) for hit in result.hits],
        links=Links(**links),
        facets=facets_out(result.facets),
        meta=SearchMeta(
            total=result.total,
            size=result.size,
            relaxed=result.relaxed,
            suggestions=list(result.suggestions),
            domains=dict(result.domains),
        ),
    )
    return cached(request, body, links={k: v for k, v in links.items() if k != "self"})


@get(
    "/api/v1/solutions/{slug:str}",
    tags=TAGS,
    operation_id="GetSolution",
    response_headers=CORS_HEADERS,
    summary="One entry, whole",
)
async def get_solution(
    request: Request[Any, Any, Any],
    catalogue: NamedDependency[CatalogueService],
    slug: FromPath[str],
) -> Response[SolutionDetail]:
    """The whole entry, including the slug of its publisher and its publiccode.yml link."""
    # async with a worker thread: this path also carries PATCH and DELETE handlers, and
    # Litestar 2.25 wraps a sync handler on such a shared path twice (its GET then fails).
    return await anyio.to_thread.run_sync(_solution_response, request, catalogue, slug)


def _solution_response(
    request: Request[Any, Any, Any], catalogue: CatalogueService, slug: str
) -> Response[SolutionDetail]:
    solution = catalogue.get(slug)
    sources = entry_sources(catalogue.db, solution)
    provenance = field_provenance(catalogue.db, solution, sources)
    body = solution_detail(solution, base_url(request), sources=sources, provenance=provenance)
    return cached(request, body, modified=solution.updated_at)
