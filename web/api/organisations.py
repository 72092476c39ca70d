"""``GET /api/v1/organisations`` (search with ``q``), ``/api/v1/organisations/{slug}``, and
``POST /api/v1/organisations``: the one, checked and rate-limited, way a person adds one."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_organisation_creator
from registry.organisations import NewOrganisation, OrganisationService
from registry.search import DirectoryService, InvalidQuery
from web.api._http import CORS_HEADERS, base_url, cached, page_url
from web.api._models import (
    Links,
    OrganisationDetail,
    OrganisationList,
    OrganisationOut,
    organisation_detail,
    organisation_out,
)
from web.auth import WRITE_SECURITY, acting, api_throttle

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
    "/",
    operation_id="ListOrganisations",
    response_headers=CORS_HEADERS,
    summary="Organisations by slug",
)
async def list_organisations(
    request: Request[Any, Any, Any],
    directory: NamedDependency[DirectoryService],
    size: Annotated[str | None, QueryParameter(name="page[size]", description="1 to 100")] = None,
    after: Annotated[str | None, QueryParameter(name="page[after]", description="a slug")] = None,
    q: Annotated[
        str | None,
        QueryParameter(description="part of the name, slug or identifier", max_length=200),
    ] = None,
) -> Response[OrganisationList]:
    """Publishers, adopters, operators and funders; keyset pages by slug. With ``q``, those
    whose name, slug or identifier holds it (to choose a provider or funder for an edit)."""
    # async with a worker thread: this path also carries POST, and Litestar 2.25 wraps a
    # sync handler on such a shared path twice (see web/api/solutions.py).
    return await anyio.to_thread.run_sync(_list, request, directory, size, after, q)


def _list(
    request: Request[Any, Any, Any], directory: DirectoryService, size: str | None,
    after: str | None, q: str | None,
) -> Response[OrganisationList]:  # fmt: skip
    page = directory.organisations(after=after, size=page_size(size), q=q or "")
    base = base_url(request)
    keep = [(k, v) for k, v in (("q", q), ("page[size]", size)) if v]
    links = Links(
        self=page_url(request, list(request.query_params.items())), first=page_url(request, keep)
    )
    if page.next_after:
        links.next = page_url(request, [*keep, ("page[after]", page.next_after)])
    body = OrganisationList(data=[organisation_out(o, base) for o in page.items], links=links)
    return cached(request, body, links={"next": links.next} if links.next else None)


class OrganisationIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """A new organisation; the registry marks it unverified until an admin confirms it."""

    name: Annotated[str, Meta(min_length=1, max_length=300)]
    kind: Annotated[str, Meta(min_length=1, max_length=40)]
    identifier: Annotated[str, Meta(max_length=300)] | None = None
    website: Annotated[str, Meta(max_length=500)] | None = None


@post("/", sync_to_thread=True,
      operation_id="CreateOrganisation", security=WRITE_SECURITY,
      description="Add an organisation (unverified) to choose as provider or funder. Members "
                  "of an organisation and registry admins; 20 a day per account. A name, "
                  "slug, identifier or website already in the registry is a 409 naming "
                  "the existing organisation.")  # fmt: skip
def create_organisation(
    request: Request[Any, Any, Any],
    data: JSONBody[OrganisationIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> OrganisationOut:
    """An explicit step of its own: edits only ever choose existing organisations."""
    actor = acting(db_session, require_organisation_creator(principal))
    creations = api_throttle(request).organisation_creations
    creations.check(actor.account_id, "POST /api/v1/organisations")
    new = NewOrganisation(name=data.name, kind=data.kind, identifier=data.identifier,
                          website=data.website)  # fmt: skip
    org = OrganisationService(db_session).create(new)
    creations.hit(actor.account_id)
    return organisation_out(org, base_url(request))


@get(
    "/{slug:str}",
    sync_to_thread=True,
    operation_id="GetOrganisation",
    response_headers=CORS_HEADERS,
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


def router() -> Router:
    """The organisations directory and adding one (the reads answer any origin: CORS)."""
    return Router(
        "/api/v1/organisations",
        tags=TAGS,
        dependencies=DIRECTORY,
        route_handlers=[list_organisations, get_organisation, create_organisation],
    )
