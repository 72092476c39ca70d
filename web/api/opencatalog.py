"""``/api/v1/software`` and ``/api/v1/publishers``: the open-catalog-api's shapes.

Developers Italia, the Swiss catalogue and the EU federation harvest these paths and
look entries up by repository URL (``url=``, renamed repositories included).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from msgspec import Struct
from sqlalchemy.orm import Session

from registry.catalogue import draft_from_entry
from registry.catalogue import models as m
from registry.entries import in_language
from registry.errors import NotFound
from registry.organisations import Organisation
from registry.pages import OpenCatalog, Page
from registry.publiccode import from_draft
from registry.search import InvalidQuery
from web.api._http import CORS_HEADERS, base_url, cached, page_url

TAGS = ["open-catalog-api"]


class SoftwareOut(Struct, rename="camel"):
    """A software entry as the open-catalog-api shows it."""

    id: str
    url: str | None
    aliases: list[str]
    publiccode_yml: str
    active: bool
    vitality: list[int] | None
    created_at: datetime
    updated_at: datetime


class CodeHosting(Struct):
    """Where a publisher keeps code: an organisation/group (``group``) or one repository."""

    url: str
    group: bool


class PublisherOut(Struct, rename="camel"):
    """A publisher as the open-catalog-api shows it."""

    id: str
    alternative_id: str | None
    description: str
    email: str | None
    code_hosting: list[CodeHosting]
    active: bool
    created_at: datetime
    updated_at: datetime


class CatalogSource(Struct):
    """Where a catalogue's entries come from (none for the root catalogue)."""

    url: str
    driver: str | None = None


class CatalogOut(Struct, rename="camel"):
    """This registry as a catalogue of the open-catalog-api federation (``/catalogs``)."""

    id: str
    name: str
    alternative_id: str
    active: bool
    publishers_namespace: str
    scopes: list[str]
    sources: list[CatalogSource]
    created_at: datetime
    updated_at: datetime


class Links(Struct):
    """Where the previous and next pages are (keyset)."""

    prev: str | None = None
    next: str | None = None


class SoftwarePage(Struct):
    """A page of software."""

    data: list[SoftwareOut]
    links: Links


class CatalogPage(Struct):
    """A page of catalogues."""

    data: list[CatalogOut]
    links: Links


class PublisherPage(Struct):
    """A page of publishers."""

    data: list[PublisherOut]
    links: Links


def software_out(solution: m.Solution) -> SoftwareOut:
    """The harvester's view of an entry: the stored publiccode.yml, else one made from it."""
    urls = [r.url for r in solution.repositories]
    main = solution.url or (urls[0] if urls else None)
    aliases = sorted({*urls, *(a.url for r in solution.repositories for a in r.aliases)} - {main})
    return SoftwareOut(
        id=solution.slug, url=main, aliases=aliases,
        publiccode_yml=solution.publiccode_raw or from_draft(draft_from_entry(solution)),
        active=solution.active, vitality=None, created_at=solution.created_at,
        updated_at=solution.updated_at,
    )  # fmt: skip


def publisher_out(org: Organisation) -> PublisherOut:
    """The harvester's view of an organisation."""
    text = in_language(org.description, "en") or org.name
    return PublisherOut(
        id=org.slug, alternative_id=org.identifier, description=str(text), email=org.email,
        code_hosting=[CodeHosting(s.url, s.driver != "git") for s in org.sources],
        active=org.deleted_at is None, created_at=org.created_at, updated_at=org.updated_at,
    )  # fmt: skip


def _paging(request: Request[Any, Any, Any]) -> tuple[str | None, int, str | None]:
    params = request.query_params
    unknown = sorted(set(params) - {"url", "page[size]", "page[after]"})
    if unknown:
        raise InvalidQuery(unknown[0], "unknown parameter")
    raw = params.get("page[size]", "25")
    if not raw.isdigit():
        raise InvalidQuery("page[size]", "a whole number")
    return params.get("url") or None, int(raw), params.get("page[after]") or None


def _links(request: Request[Any, Any, Any], page: Page[Any], url: str | None, size: int) -> Links:
    if page.next_after is None:
        return Links()
    params = [("page[size]", str(size)), ("page[after]", page.next_after)]
    return Links(next=page_url(request, ([("url", url)] if url else []) + params))


@get("/software", sync_to_thread=True, operation_id="ListSoftware")  # fmt: skip
def list_software(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[SoftwarePage]:
    """Software entries (``url=`` matches repository URLs and earlier, renamed ones)."""
    url, size, after = _paging(request)
    page = OpenCatalog(db_session).software(url=url, size=size, after=after)
    body = SoftwarePage([software_out(s) for s in page.items], _links(request, page, url, size))
    return cached(request, body)


@get("/software/{software_id:str}", sync_to_thread=True,
     operation_id="GetSoftware")  # fmt: skip
def get_software(
    request: Request[Any, Any, Any],
    software_id: FromPath[str],
    db_session: NamedDependency[Session],
) -> Response[SoftwareOut]:
    """One software entry by id (our slug)."""
    solution = OpenCatalog(db_session).one_software(software_id)
    return cached(request, software_out(solution), modified=solution.updated_at)


@get("/publishers", sync_to_thread=True, operation_id="ListPublishers")  # fmt: skip
def list_publishers(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[PublisherPage]:
    """Publishers with their code-hosting places (``url=`` matches one)."""
    url, size, after = _paging(request)
    page = OpenCatalog(db_session).publishers(url=url, size=size, after=after)
    body = PublisherPage([publisher_out(o) for o in page.items], _links(request, page, url, size))
    return cached(request, body)


@get("/publishers/{publisher_id:str}", sync_to_thread=True,
     operation_id="GetPublisher")  # fmt: skip
def get_publisher(
    request: Request[Any, Any, Any],
    publisher_id: FromPath[str],
    db_session: NamedDependency[Session],
) -> Response[PublisherOut]:
    """One publisher by id (our slug)."""
    org = OpenCatalog(db_session).one_publisher(publisher_id)
    return cached(request, publisher_out(org), modified=org.updated_at)


ROOT_CATALOG = "\u2205"  # "∅": the open-catalog-api's name for a registry's own, implicit catalogue


def catalog_out(request: Request[Any, Any, Any], db_session: Session) -> CatalogOut:
    """The registry itself: the root catalogue a federating catalogue harvests."""
    settings = request.app.state.settings
    first, last = OpenCatalog(db_session).span()
    base = base_url(request)
    return CatalogOut(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, base + "/")), name="Register kommunaler Software",
        alternative_id=ROOT_CATALOG, active=True,
        publishers_namespace=settings.publishers_namespace, scopes=list(settings.catalog_scopes),
        sources=[], created_at=first, updated_at=last,
    )  # fmt: skip


@get("/catalogs", sync_to_thread=True, operation_id="ListCatalogs")  # fmt: skip
def list_catalogs(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[CatalogPage]:
    """The catalogues this registry serves: itself, as the root catalogue (``∅``)."""
    unknown = sorted(
        set(request.query_params) - {"all", "page[size]", "page[after]", "page[before]"}
    )
    if unknown:
        raise InvalidQuery(unknown[0], "unknown parameter")
    return cached(request, CatalogPage([catalog_out(request, db_session)], Links()))


@get("/catalogs/{catalog_id:str}", sync_to_thread=True,
     operation_id="GetCatalog")  # fmt: skip
def get_catalog(
    request: Request[Any, Any, Any], catalog_id: FromPath[str], db_session: NamedDependency[Session]
) -> Response[CatalogOut]:
    """The root catalogue by its id or by ``∅`` (URL-encoded ``%E2%88%85``)."""
    catalog = catalog_out(request, db_session)
    if catalog_id not in {catalog.id, ROOT_CATALOG}:
        raise NotFound(f"catalog {catalog_id!r} / Katalog {catalog_id!r} nicht gefunden")
    return cached(request, catalog, modified=catalog.updated_at)


def router() -> Router:
    """The open-catalog-api paths harvesters read."""
    return Router(
        "/api/v1",
        tags=TAGS,
        response_headers=CORS_HEADERS,
        route_handlers=[
            list_software,
            get_software,
            list_publishers,
            get_publisher,
            list_catalogs,
            get_catalog,
        ],
    )
