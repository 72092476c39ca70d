"""``GET /api/v1/standards`` and ``/api/v1/standards/{id}`` (the id is the standard's slug)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from registry.search import DirectoryService
from web.api._http import CORS_HEADERS, cached
from web.api._models import StandardDetail, StandardList, standard_detail, standard_out
from web.api.organisations import DIRECTORY

TAGS = ["standards"]


@get(
    "/",
    sync_to_thread=True,
    operation_id="ListStandards",
)
def list_standards(
    request: Request[Any, Any, Any], directory: NamedDependency[DirectoryService]
) -> Response[StandardList]:
    """Every interface standard with the number of solutions declaring it."""
    body = StandardList(data=[standard_out(s, n) for s, n in directory.standards()])
    return cached(request, body)


@get(
    "/{standard_id:str}",
    sync_to_thread=True,
    operation_id="GetStandard",
)
def get_standard(
    request: Request[Any, Any, Any],
    directory: NamedDependency[DirectoryService],
    standard_id: FromPath[str],
) -> Response[StandardDetail]:
    """A standard and which solutions provide or consume it, with the evidence level."""
    return cached(request, standard_detail(directory.standard(standard_id)))


def router() -> Router:
    """The standards catalogue."""
    return Router(
        "/api/v1/standards",
        tags=TAGS,
        response_headers=CORS_HEADERS,
        dependencies=DIRECTORY,
        route_handlers=[list_standards, get_standard],
    )
