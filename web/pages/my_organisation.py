"""„Meine Organisation“: a member's view of their organisation: its data, members, join
requests, official domains and verification, and its solutions with score and silo state.

Only its members and registry admins see this page (names and addresses of members are
personal data); the public organisation page stays ``/organisations/{slug}``. The rules
live in ``registry.accounts`` (``authz``, ``verification``, ``signup``); these handlers
read the forms and render.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER
from sqlalchemy.orm import Session

from registry.accounts import (
    AccountService,
    Principal,
    matching_domain,
    may_see_people,
    require_admin,
    require_member,
    require_org_admin,
    waiting_requests,
)
from registry.db import begin_writing
from registry.errors import RegistryError
from registry.notify import Mailer
from registry.organisations import OrganisationService
from registry.pages import PageViews
from web.auth import acting
from web.errors import status_for
from web.pages._context import page_context
from web.verification import mail_link, verification_service

__all__ = [
    "my_organisation",
    "my_organisation_page",
    "request_verification_page",
    "set_domains_page",
    "verify_by_admin_page",
    "verify_link_page",
]
#: What a finished action says on the page it returns to (``?done=``).
DONE = frozenset({"domains", "sent", "verified"})


def _login(target: str) -> Redirect:
    return Redirect(f"/login?next={target}", status_code=HTTP_303_SEE_OTHER)


@get("/my-organisation", sync_to_thread=True, include_in_schema=False)
def my_organisation(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """One organisation: straight to it; several: a choice; none: how to get one."""
    if viewer is None:
        return _login("/my-organisation")
    account = AccountService(db_session).get(viewer.email)
    organisations = sorted((mb.organisation for mb in account.memberships), key=lambda o: o.name)
    if len(organisations) == 1:
        return Redirect(f"/my-organisation/{organisations[0].slug}", status_code=HTTP_303_SEE_OTHER)
    context = page_context(request, organisations=organisations)
    return Template("my_organisations.html", context=context)


def _page(request: Request[Any, Any, Any], db_session: Session, viewer: Principal, slug: str,
          **extra: Any) -> Template:  # fmt: skip
    org = OrganisationService(db_session).get(slug)
    require_member(viewer, org.id)
    manages = viewer.is_admin or org.id in viewer.admin_of
    account = AccountService(db_session).get(viewer.email)
    done = str(request.query_params.get("done") or "")
    values: dict[str, Any] = {"error": None, "error_field": None, "domains_text": None, **extra}
    context = page_context(
        request, org=org, page=PageViews(db_session).organisation(slug), manages=manages,
        members=AccountService(db_session).members(slug) if may_see_people(viewer, org.id) else [],
        requests=waiting_requests(db_session, frozenset({org.id})) if manages else [],
        my_domain=matching_domain(org, account.email), my_email=account.email,
        mail=Mailer(request.app.state.settings).configured, registry_admin=viewer.is_admin,
        done=done if done in DONE else None, **values,
    )  # fmt: skip
    return Template("my_organisation.html", context=context, status_code=extra.get("status", 200))


@get("/my-organisation/{slug:str}", sync_to_thread=True, include_in_schema=False)
def my_organisation_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The organisation as its members see it (403 for anybody else)."""
    if viewer is None:
        return _login(f"/my-organisation/{slug}")
    return _page(request, db_session, viewer, slug)


def _done(slug: str, what: str, anchor: str) -> Redirect:
    return Redirect(f"/my-organisation/{slug}?done={what}#{anchor}", status_code=HTTP_303_SEE_OTHER)


@post("/my-organisation/{slug:str}/domains", sync_to_thread=True, include_in_schema=False)
def set_domains_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: URLEncodedBody[dict[str, str]],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The organisation's admins state its official domains, one a line."""
    if viewer is None:
        return _login(f"/my-organisation/{slug}")
    text = str(data.get("domains") or "")[:6000]
    org = OrganisationService(db_session).get(slug)
    acting(db_session, require_org_admin(viewer, org.id))
    try:
        verification_service(request, db_session).set_domains(org, text.split())
    except RegistryError as exc:
        db_session.rollback()
        return _page(request, db_session, viewer, slug, error=exc.message, error_field="domains",
                     domains_text=text, status=status_for(exc))  # fmt: skip
    return _done(slug, "domains", "verification")


@post("/my-organisation/{slug:str}/verification", sync_to_thread=True, include_in_schema=False)
def request_verification_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """A member with an address at an official domain gets the link by mail."""
    if viewer is None:
        return _login(f"/my-organisation/{slug}")
    org = OrganisationService(db_session).get(slug)
    require_member(viewer, org.id)
    try:
        mail_link(request, db_session, org, AccountService(db_session).get(viewer.email))
    except RegistryError as exc:
        return _page(request, db_session, viewer, slug, error=exc.message,
                     error_field="verification", status=status_for(exc))  # fmt: skip
    return _done(slug, "sent", "verification")


@post("/my-organisation/{slug:str}/verify", sync_to_thread=True, include_in_schema=False)
def verify_by_admin_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """A registry admin vouches for the organisation."""
    if viewer is None:
        return _login(f"/my-organisation/{slug}")
    acting(db_session, require_admin(viewer))
    verification_service(request, db_session).verify(OrganisationService(db_session).get(slug))
    return _done(slug, "verified", "verification")


@get("/verify-organisation", sync_to_thread=True, include_in_schema=False)
def verify_link_page(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    token: FromQuery[str] = "",
) -> Template:
    """Follow the mailed link: the organisation is verified (no sign-in needed: the link
    reached the address, which is the proof)."""
    begin_writing(db_session)
    try:
        org, _account = verification_service(request, db_session).confirm(token[:1000])
    except RegistryError as exc:
        context = page_context(request, org=None, error=exc.message)
        return Template("verified.html", context=context, status_code=status_for(exc))
    return Template("verified.html", context=page_context(request, org=org, error=None))
