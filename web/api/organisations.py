"""``GET /api/v1/organisations`` and ``/api/v1/organisations/{slug}``."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter
from sqlalchemy.orm import Session

from registry.search import DirectoryService, InvalidQuery
from web.api._http import CORS_HEADERS, base_url, cached, page_url
from web.api._models import (
    Links,
    OrganisationDetail,
    OrganisationList,
    organisation_detail,
    organisation_out,
)

TAGS = ["organisations"]


def provide_directory(db_session: NamedDependency[Session]) -> DirectoryService:
    """The read models on this request's session."""
    return DirectoryService(db_session)


DIRECTORY = {"directory": Provide(provide_directory, sync_to_thread=False)}


def page_size(value: str | None) -> int:
    """``page[size]``: 1 to 100, default 25."""
    if value is None:
        return 25
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 100:
        raise InvalidQuery("page[size]", "must be a whole number between 1 and 100")
    return int(value)


@get(
    "/api/v1/organisations",
    sync_to_thread=True,
    tags=TAGS,
    operation_id="ListOrganisations",
    response_headers=CORS_HEADERS,
    dependencies=DIRECTORY,
    summary="Organisations by slug",
)
def list_organisations(
    request: Request[Any, Any, Any],
    directory: NamedDependency[DirectoryService],
    size: Annotated[str | None, QueryParameter(name="page[size]", description="1 to 100")] = None,
    after: Annotated[str | None, QueryParameter(name="page[after]", description="a slug")] = None,
) -> Response[OrganisationList]:
    """Publishers, adopters, operators and funders; keyset pages by slug."""
    page = directory.organisations(after=after, size=page_size(size))
    base, keep = base_url(request), [("page[size]", size)] if size else []
    links = Links(
        self=page_url(request, list(request.query_params.items())), first=page_url(request, keep)
    )
    if page.next_after:
        links.next = page_url(request, [*keep, ("page[after]", page.next_after)])
    body = OrganisationList(data=[organisation_out(o, base) for o in page.items], links=links)
    return cached(request, body, links={"next": links.next} if links.next else None)


@get(
    "/api/v1/organisations/{slug:str}",
    sync_to_thread=True,
    tags=TAGS,
    operation_id="GetOrganisation",
    response_headers=CORS_HEADERS,
    dependencies=DIRECTORY,
)
def get_organisation(
    request: Request[Any, Any, Any],
    directory: NamedDependency[DirectoryService],
    slug: FromPath[str],
) -> Response[OrganisationDetail]:
    """An organisation and the slugs of what it publishes, uses, operates and funds."""
    profile = directory.organisation(slug)
    body = organisation_detail(profile, base_url(request))
    return cached(request, body, modified=profile.organisation.updated_at)
