"""Adoption declarations over the API: who uses, operates, funds or co-develops what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from litestar import Response, Router, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_member
from registry.catalogue import AdoptionService, CatalogueService, Declaration, is_current
from registry.catalogue import models as m
from registry.db import utcnow
from web.api._http import RowId
from web.auth import WRITE_SECURITY, acting

TAGS = ["adoptions"]


class AdoptionIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """A declaration by a member for their organisation (slug)."""

    organisation: Annotated[str, Meta(min_length=1, max_length=100)]
    role: str = "uses"
    since: date | None = None
    version: Annotated[str, Meta(max_length=100)] | None = None
    instance_url: Annotated[str, Meta(max_length=500)] | None = None
    public_contact: Annotated[str, Meta(max_length=300)] | None = None
    #: Required with ``public_contact``: the person named agreed to be shown publicly.
    contact_consent: bool = False


class ConfirmIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """The organisation (slug) a ``usedBy`` claim names."""

    organisation: Annotated[str, Meta(min_length=1, max_length=100)]


@dataclass
class AdoptionOut:
    """One adoption as readers see it."""

    id: int
    organisation: str | None
    organisation_name: str | None
    role: str
    verified: bool
    current: bool
    claim: str | None
    since: date | None
    version: str | None
    instance_url: str | None
    public_contact: str | None
    expires_at: datetime | None


def adoption_out(adoption: m.Adoption, now: datetime) -> AdoptionOut:
    """The public view of an adoption."""
    org = adoption.organisation
    return AdoptionOut(
        id=adoption.id, organisation=org.slug if org else None,
        organisation_name=org.name if org else None, role=adoption.role,
        verified=adoption.verified, current=is_current(adoption, now), claim=adoption.claim_text,
        since=adoption.since, version=adoption.version, instance_url=adoption.instance_url,
        public_contact=adoption.public_contact, expires_at=adoption.expires_at,
    )  # fmt: skip


@get("/", sync_to_thread=True, operation_id="ListAdoptions")
def list_adoptions(
    slug: FromPath[str], catalogue: NamedDependency[CatalogueService]
) -> list[AdoptionOut]:
    """Verified declarations and unconfirmed claims of a solution."""
    now = utcnow()
    return [adoption_out(a, now) for a in catalogue.get(slug).adoptions]


@post("/", sync_to_thread=True, operation_id="DeclareAdoption", security=WRITE_SECURITY)
def declare_adoption(
    *,
    slug: FromPath[str],
    data: JSONBody[AdoptionIn],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> Response[AdoptionOut]:
    """Declare (or reconfirm) that your organisation adopts the solution; valid 24 months."""
    solution = catalogue.get(slug)
    service = AdoptionService(db_session)
    org = service.organisation(data.organisation)
    actor = acting(db_session, require_member(principal, org.id))
    now = utcnow()
    declaration = Declaration(
        organisation=data.organisation, role=data.role, since=data.since, version=data.version,
        instance_url=data.instance_url, public_contact=data.public_contact,
        contact_consent=data.contact_consent,
    )  # fmt: skip
    adoption, created = service.declare(solution, declaration, account_id=actor.account_id, now=now)
    db_session.refresh(adoption, ["organisation"])
    status = HTTP_201_CREATED if created else HTTP_200_OK
    return Response(adoption_out(adoption, now), status_code=status)


@post("/{adoption_id:int}/confirm", sync_to_thread=True,
      operation_id="ConfirmAdoptionClaim", security=WRITE_SECURITY,
      status_code=HTTP_200_OK)  # fmt: skip
def confirm_claim(
    *,
    slug: FromPath[str],
    adoption_id: RowId,
    data: JSONBody[ConfirmIn],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> AdoptionOut:
    """A member of the organisation a ``usedBy`` line names confirms the claim."""
    solution = catalogue.get(slug)
    service = AdoptionService(db_session)
    org = service.organisation(data.organisation)
    actor = acting(db_session, require_member(principal, org.id))
    now = utcnow()
    adoption = service.confirm_claim(
        service.get(solution, adoption_id), org, account_id=actor.account_id, now=now
    )
    db_session.refresh(adoption, ["organisation"])
    return adoption_out(adoption, now)


@delete("/{adoption_id:int}", sync_to_thread=True,
        operation_id="WithdrawAdoption", security=WRITE_SECURITY)  # fmt: skip
def withdraw_adoption(
    slug: FromPath[str],
    adoption_id: RowId,
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> None:
    """Withdraw your organisation's declaration."""
    solution = catalogue.get(slug)
    service = AdoptionService(db_session)
    adoption = service.get(solution, adoption_id)
    acting(db_session, require_member(principal, adoption.organisation_id))
    service.withdraw(solution, adoption)


def router() -> Router:
    """A solution's adoptions."""
    return Router(
        "/api/v1/solutions/{slug:str}/adoptions",
        tags=TAGS,
        route_handlers=[list_adoptions, declare_adoption, confirm_claim, withdraw_adoption],
    )
