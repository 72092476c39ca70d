"""Self-service sign-up in the browser: make an account, confirm the address, join or
register an organisation; an organisation's admins decide on join requests.

The domain rules live in ``registry.accounts.signup``; this module only reads the forms,
sends the confirmation mail (or says that an admin confirms when no mail server is
configured) and renders the pages.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Annotated, Any

import anyio
from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_429_TOO_MANY_REQUESTS
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import (
    Principal,
    SignUp,
    SignUpService,
    SlidingWindow,
    find_organisations,
    official_key,
)
from registry.db import begin_writing
from registry.entries import ORGANISATION_KINDS
from registry.errors import RegistryError
from registry.notify import Mail, Mailer
from registry.organisations import NewOrganisation
from web.api._http import RowId, base_url
from web.auth import client_address
from web.errors import status_for
from web.pages._context import page_context
from web.pages.account import safe_next
from web.sessions import secret_key

#: Sign-ups per client address and hour: enough for a town hall behind one address.
SIGN_UPS_PER_HOUR = 20


class SignUpForm(Struct, kw_only=True):
    """The sign-up form: the person, and the organisation to join or register."""

    email: Annotated[str, Meta(max_length=320)]
    password: Annotated[str, Meta(max_length=1000)]
    name: Annotated[str, Meta(max_length=300)] = ""
    organisation: Annotated[str, Meta(max_length=100)] = ""  # a slug, or "new"
    org_name: Annotated[str, Meta(max_length=300)] = ""
    org_kind: Annotated[str, Meta(max_length=40)] = "municipality"
    org_identifier: Annotated[str, Meta(max_length=300)] = ""
    org_website: Annotated[str, Meta(max_length=500)] = ""
    q: Annotated[str, Meta(max_length=200)] = ""


def _service(request: Request[Any, Any, Any], db_session: Session) -> SignUpService:
    secret = hashlib.sha256(b"signup:" + secret_key(request.app.state.settings)).digest()
    return SignUpService(db_session, secret)


def _window(request: Request[Any, Any, Any]) -> SlidingWindow:
    state = request.app.state
    if "sign_ups" not in state:
        state.sign_ups = SlidingWindow(
            SIGN_UPS_PER_HOUR, 3600.0, storage=state.rate_limits, name="sign-ups"
        )
    window: SlidingWindow = state.sign_ups
    return window


def _form_page(
    request: Request[Any, Any, Any], db_session: Session, *, q: str, status: int = 200,
    **values: Any,
) -> Template:  # fmt: skip
    found = find_organisations(db_session, q) if q else []
    shown = {"error": None, "field": None, "form": None, "throttled": None} | values
    # What was searched for and not found starts the new organisation's form: a key as
    # its identifier, anything else as its name.
    key = official_key(q) if q and not found else None
    start = {"identifier": key if key and key.isdigit() else "",
             "name": q if q and not found and not (key and key.isdigit()) else ""}  # fmt: skip
    context = page_context(request, q=q, found=found, kinds=ORGANISATION_KINDS, start=start,
                           **shown)  # fmt: skip
    return Template("signup.html", context=context, status_code=status)


@get("/signup", include_in_schema=False)
async def signup_page(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    q: FromQuery[str] = "",
) -> Template:
    """The form; ``q`` finds the organisation to join by name or official key."""
    # async with a worker thread: Litestar 2.25 wraps a sync GET twice when the same path
    # also carries a POST handler (see web/pages/publish.py).
    page = partial(_form_page, request, db_session, q=q.strip()[:200])
    return await anyio.to_thread.run_sync(page)


@post("/signup", sync_to_thread=True, include_in_schema=False)
def signup(
    request: Request[Any, Any, Any],
    data: URLEncodedBody[SignUpForm],
    db_session: NamedDependency[Session],
) -> Response[Any]:
    """Make the inactive account and send the confirmation link."""
    window, address = _window(request), client_address(request)
    wait = window.retry_after(address)
    if wait:
        return _form_page(request, db_session, q=data.q, status=HTTP_429_TOO_MANY_REQUESTS,
                          throttled=wait, form=data)  # fmt: skip
    new = data.organisation == "new"
    form = SignUp(
        email=data.email, password=data.password, name=data.name,
        join=None if new or not data.organisation else data.organisation,
        register=NewOrganisation(name=data.org_name, kind=data.org_kind,
                                 identifier=data.org_identifier or None,
                                 website=data.org_website or None) if new else None,
    )  # fmt: skip
    begin_writing(db_session)
    try:
        done = _service(request, db_session).sign_up(form)
    except RegistryError as exc:
        db_session.rollback()
        return _form_page(request, db_session, q=data.q, status=status_for(exc),
                          error=exc.message, field=exc.field, form=data)  # fmt: skip
    window.hit(address)
    mailer = Mailer(request.app.state.settings)
    link = f"{base_url(request)}/signup/confirm?token={done.token}"
    if mailer.configured:
        mailer.send(_confirmation_mail(done.account.email, link))
    context = page_context(
        request, email=done.account.email, mailed=mailer.configured, pending=done.pending,
        organisation=done.organisation,
    )  # fmt: skip
    return Template("signup_sent.html", context=context, status_code=201)


def _confirmation_mail(to: str, link: str) -> Mail:
    return Mail(
        to=(to,),
        subject_de="Konto bestätigen",
        subject_en="Confirm your account",
        body_de=f"Bitte bestätigen Sie Ihre Adresse für das Register kommunaler Software:\n"
        f"{link}\n\nDer Link gilt drei Tage. Haben Sie sich nicht registriert, "
        "ignorieren Sie diese Nachricht.",
        body_en=f"Please confirm your address for the registry of municipal software:\n"
        f"{link}\n\nThe link works for three days. If you did not sign up, "
        "ignore this message.",
    )


@get("/signup/confirm", sync_to_thread=True, include_in_schema=False)
def confirm_signup(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    token: FromQuery[str] = "",
) -> Template:
    """Follow the link in the mail: the account becomes active."""
    begin_writing(db_session)
    try:
        account = _service(request, db_session).confirm(token[:1000])
    except RegistryError as exc:
        context = page_context(request, confirmed=False, error=exc.message, email="")
        return Template("signup_confirmed.html", context=context, status_code=400)
    context = page_context(request, confirmed=True, error=None, email=account.email)
    return Template("signup_confirmed.html", context=context)


@post("/account/requests/{request_id:int}/{decision:str}", sync_to_thread=True,
      include_in_schema=False)  # fmt: skip
def decide_request(
    *,
    request_id: RowId,
    decision: FromPath[str],
    db_session: NamedDependency[Session],
    request: Request[Any, Any, Any],
    viewer: NamedDependency[Principal | None],
    data: URLEncodedBody[dict[str, str]],
) -> Redirect:
    """An organisation admin approves or refuses a join request, then goes back to the
    page it was decided on (``next``: the account page or „Meine Organisation“)."""
    back = safe_next(str(data.get("next") or "/account"))
    if viewer is None:
        return Redirect("/login?next=/account", status_code=HTTP_303_SEE_OTHER)
    if decision not in {"approve", "refuse"}:
        return Redirect(back, status_code=HTTP_303_SEE_OTHER)
    _service(request, db_session).decide(request_id, by=viewer, approve=decision == "approve")
    return Redirect(back, status_code=HTTP_303_SEE_OTHER)
