"""Claiming a harvested entry from its solution page (the rules: registry.federation.claims)."""

from __future__ import annotations

from typing import Any

from litestar import Response, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_member
from registry.catalogue import CatalogueService
from registry.federation import claim
from registry.organisations import OrganisationService
from web.auth import acting


@post("/solutions/{slug:str}/claim", sync_to_thread=True, include_in_schema=False)
def claim_entry_page(
    *,
    slug: FromPath[str],
    data: URLEncodedBody[dict[str, str]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """A member of the organisation that publishes the repository takes the entry over."""
    if viewer is None:
        return Redirect(f"/login?next=/solutions/{slug}", status_code=HTTP_303_SEE_OTHER)
    solution = catalogue.get(slug)
    org = OrganisationService(db_session).get(str(data.get("organisation") or ""))
    acting(db_session, require_member(viewer, org.id))
    claim(db_session, solution, org)
    return Redirect(f"/solutions/{slug}?saved=claimed#sources", status_code=HTTP_303_SEE_OTHER)
