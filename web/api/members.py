"""An organisation's members, managed by its own admins; its official domains and its
verification (by a link to a member's address at one of them, or by a registry admin)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, Router, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import (
    AccountService,
    Principal,
    require_admin,
    require_member,
    require_org_admin,
)
from registry.organisations import Organisation, named_organisation
from web.auth import WRITE_SECURITY, acting
from web.verification import mail_link, verification_service

TAGS = ["members"]


class MemberIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """An existing account to add; ``admin`` lets it manage members too."""

    email: Annotated[str, Meta(min_length=3, max_length=320)]
    admin: bool = False


@dataclass
class MemberOut:
    """A member as its organisation's admins see it."""

    email: str
    name: str | None
    role: str
    admin: bool


def _organisation(db_session: Session, slug: str) -> Organisation:
    return named_organisation(db_session, slug)


@get("/members", sync_to_thread=True, operation_id="ListMembers", security=WRITE_SECURITY)
def list_members(
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> list[MemberOut]:
    """The organisation's members (its admins and registry admins only)."""
    require_org_admin(principal, _organisation(db_session, slug).id)
    return [
        MemberOut(a.email, a.name, a.role, m.is_admin)
        for a, m in AccountService(db_session).members(slug)
    ]


@post("/members", sync_to_thread=True,
      operation_id="AddMember", security=WRITE_SECURITY, status_code=HTTP_200_OK)  # fmt: skip
def add_member(
    slug: FromPath[str],
    data: JSONBody[MemberIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> MemberOut:
    """Add an existing account to the organisation (idempotent)."""
    acting(db_session, require_org_admin(principal, _organisation(db_session, slug).id))
    service = AccountService(db_session)
    membership = service.add_membership(data.email, slug, admin=data.admin)
    account = service.get(data.email)
    return MemberOut(account.email, account.name, account.role, membership.is_admin)


@delete("/members/{email:str}", sync_to_thread=True,
        operation_id="RemoveMember", security=WRITE_SECURITY)  # fmt: skip
def remove_member(
    slug: FromPath[str],
    email: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> None:
    """End a membership (never the last admin's)."""
    acting(db_session, require_org_admin(principal, _organisation(db_session, slug).id))
    AccountService(db_session).remove_membership(email, slug)


class DomainsIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """The organisation's official domains (replacing those stated before)."""

    domains: Annotated[list[Annotated[str, Meta(max_length=253)]], Meta(max_length=20)]


@dataclass
class VerificationOut:
    """An organisation's verification state and its domains (stated, and proved by a link)."""

    slug: str
    verified: bool
    domains: list[str]
    verified_domains: list[str]


def verification_out(org: Organisation) -> VerificationOut:
    """The organisation's verification as the API shows it."""
    return VerificationOut(org.slug, org.verified, list(org.domains or []),
                           list(org.verified_domains or []))  # fmt: skip


@put("/domains", sync_to_thread=True,
     operation_id="SetOrganisationDomains", security=WRITE_SECURITY,
     description="The organisation's admins or a registry admin state its official domains; "
                 "a member with an address at one of them can then verify it. Public "
                 "suffixes and free-mail domains are refused.")  # fmt: skip
def set_domains(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: JSONBody[DomainsIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> VerificationOut:
    """Replace the stated domains; a domain no longer stated stops counting as proved."""
    org = _organisation(db_session, slug)
    acting(db_session, require_org_admin(principal, org.id))
    verification_service(request, db_session).set_domains(org, data.domains)
    return verification_out(org)


@dataclass
class LinkSent:
    """Where the verification link went."""

    email: str
    domain: str


@post("/verification", sync_to_thread=True,
      operation_id="RequestOrganisationVerification", security=WRITE_SECURITY,
      status_code=HTTP_202_ACCEPTED,
      description="A member whose own address is at one of the organisation's official "
                  "domains gets a confirmation link by mail (valid three days); following "
                  "it verifies the organisation. 409 when no mail server is set up.")  # fmt: skip
def request_verification(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> LinkSent:
    """Mail the link to the member's own address (never to another)."""
    org = _organisation(db_session, slug)
    actor = require_member(principal, org.id)
    link = mail_link(request, db_session, org, AccountService(db_session).get(actor.email))
    return LinkSent(link.email, link.domain)


class TokenIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """The token from the verification link."""

    token: Annotated[str, Meta(min_length=1, max_length=1000)]


@post("/verification/confirm", sync_to_thread=True,
      operation_id="ConfirmOrganisationVerification", status_code=HTTP_200_OK,
      description="What following the mailed link does: the token alone is the proof.")  # fmt: skip
def confirm_verification(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: JSONBody[TokenIn],
    db_session: NamedDependency[Session],
) -> VerificationOut:
    """Verify the organisation the token names (it must be this one)."""
    org = _organisation(db_session, slug)
    service = verification_service(request, db_session)
    confirmed, _account = service.confirm(data.token, organisation_id=org.id)
    return verification_out(confirmed)


@post("/verify", sync_to_thread=True,
      operation_id="VerifyOrganisation", security=WRITE_SECURITY,
      status_code=HTTP_200_OK)  # fmt: skip
def verify_organisation(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> dict[str, object]:
    """A registry admin confirms the organisation is who it says (entries show as verified)."""
    acting(db_session, require_admin(principal))
    org = verification_service(request, db_session).verify(_organisation(db_session, slug))
    return {"slug": org.slug, "verified": org.verified}


def router() -> Router:
    """An organisation's members, official domains and verification."""
    return Router(
        "/api/v1/organisations/{slug:str}",
        tags=TAGS,
        route_handlers=[
            list_members,
            add_member,
            remove_member,
            verify_organisation,
            set_domains,
            request_verification,
            confirm_verification,
        ],
    )
