"""An organisation's members, managed by its own admins; verification by registry admins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK
from msgspec import Meta, Struct
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts.authz import Principal, require_admin, require_org_admin
from registry.accounts.services import AccountService
from registry.errors import NotFound
from registry.organisations.models import Organisation
from web.auth import WRITE_SECURITY, acting

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
    org = db_session.scalar(
        select(Organisation).where(Organisation.slug == slug, Organisation.deleted_at.is_(None))
    )
    if org is None:
        raise NotFound(f"organisation: no organisation '{slug}'", field="organisation")
    return org


@get("/api/v1/organisations/{slug:str}/members", sync_to_thread=True, tags=TAGS,
     operation_id="ListMembers", security=WRITE_SECURITY)  # fmt: skip
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


@post("/api/v1/organisations/{slug:str}/members", sync_to_thread=True, tags=TAGS,
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


@delete("/api/v1/organisations/{slug:str}/members/{email:str}", sync_to_thread=True, tags=TAGS,
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


@post("/api/v1/organisations/{slug:str}/verify", sync_to_thread=True, tags=TAGS,
      operation_id="VerifyOrganisation", security=WRITE_SECURITY,
      status_code=HTTP_200_OK)  # fmt: skip
def verify_organisation(
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> dict[str, object]:
    """A registry admin confirms the organisation is who it says (entries show as verified)."""
    acting(db_session, require_admin(principal))
    org = _organisation(db_session, slug)
    org.verified = True
    return {"slug": org.slug, "verified": True}
