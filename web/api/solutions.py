"""``GET /api/v1/solutions`` (search, facets, keyset pages) and ``/api/v1/solutions/{slug}``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio
import msgspec
from litestar import Request, Response, Router, get
from litestar.di import NamedDependency, Provide
from litestar.openapi.spec import Example, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.openapi.spec import Parameter as OpenAPIParameter
from litestar.params import FromPath
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService, ReadCache, current_generation
from registry.federation import entry_sources, field_provenance
from registry.search import PARAMETERS, QueryParameter, SearchQuery, SearchService
from web.api._http import CORS_HEADERS, ENTRY, base_url, cached, page_url
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
_NULL = Schema(type=OpenAPIType.NULL)


def _documented(parameter: QueryParameter) -> OpenAPIParameter:
    """A search parameter as the API document states it (optional, a string or a list)."""
    value = Schema(type=OpenAPIType.STRING)
    if parameter.many:
        value = Schema(type=OpenAPIType.ARRAY, items=value)
    example = [parameter.example] if parameter.example else None
    return OpenAPIParameter(
        name=parameter.name, param_in="query", description=parameter.description,
        schema=Schema(one_of=[value, _NULL], description=parameter.description, examples=example),
        examples={f"{parameter.name}-example-1": Example(value=parameter.example)}
        if parameter.example else None,
    )  # fmt: skip


@dataclass
class SearchOperation(Operation):
    """``ListSolutions`` with the query parameters of ``registry.search.PARAMETERS``: the
    handler takes the parsed ``SearchQuery``, so Litestar sees no parameters of its own."""

    def __post_init__(self) -> None:
        self.parameters = [*map(_documented, PARAMETERS), *(self.parameters or [])]
        responses = dict(self.responses or {})
        responses.setdefault(
            "400", OpenAPIResponse(description="Bad request syntax or unsupported method")
        )
        self.responses = responses


@get(
    "/",
    sync_to_thread=True,
    operation_id="ListSolutions",
    operation_class=SearchOperation,
    dependencies={"search": Provide(provide_search, sync_to_thread=False)},
    summary="Search the catalogue",
    description="Full text (`q`, German and English stemming) and facet filters; within a "
    "facet any value, across facets all. Keyset pages: follow `links.next`.",
)
def list_solutions(
    request: Request[Any, Any, Any],
    search: NamedDependency[SearchService],
    search_query: NamedDependency[SearchQuery],
) -> Response[SolutionList]:
    """Search with facets; each item carries its `slug` and links to the whole entry."""
    result = search.search(search_query, passages=())  # passages are for the page's cards
    base = base_url(request)
    links = {
        "self": page_url(request, search_query.to_params(with_page=True)),
        "first": page_url(request, search_query.to_params()),
    }
    if result.next_cursor:
        links["next"] = page_url(
            request, [*search_query.to_params(), ("page[after]", result.next_cursor)]
        )
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
    ENTRY,
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
    """The encoded body comes from the read cache while nothing in the catalogue changed."""
    cache: ReadCache = request.app.state.read_cache
    generation = current_generation(catalogue.db)
    key = ("solution-api", slug)
    hit: tuple[bytes, datetime] | None = cache.get(key, generation)
    if hit is None:
        solution = catalogue.get(slug)
        sources = entry_sources(catalogue.db, solution)
        provenance = field_provenance(catalogue.db, solution, sources)
        body = solution_detail(solution, base_url(request), sources=sources, provenance=provenance)
        hit = (msgspec.json.encode(body), solution.updated_at)
        cache.put(key, generation, hit)
    return cached(request, hit[0], modified=hit[1])


def router() -> Router:
    """Search and read solutions."""
    return Router(
        "/api/v1/solutions",
        tags=TAGS,
        response_headers=CORS_HEADERS,
        route_handlers=[list_solutions],
    )
