"""Sign in, sign out, and one's own account page with its API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_401_UNAUTHORIZED,
    HTTP_429_TOO_MANY_REQUESTS,
)
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import (
    ROLE_MAX_SCOPE,
    SCOPE_RANK,
    AccountService,
    LoginThrottle,
    Principal,
    waiting_requests,
)
from registry.db import begin_writing
from registry.demo import DEMO_SIGN_INS
from registry.errors import InvalidInput, NotFound, Unauthorized
from registry.imports import my_imports, organisation_solutions
from web import oidc
from web.api._http import base_url
from web.auth import client_address
from web.pages._context import page_context
from web.sessions import end_session, start_session


class LoginForm(Struct, kw_only=True):
    """The sign-in form."""

    email: Annotated[str, Meta(max_length=320)]
    password: Annotated[str, Meta(max_length=1000)]
    next: Annotated[str, Meta(max_length=500)] = "/account"


class TokenForm(Struct, kw_only=True):
    """A new API token from the account page."""

    scope: Annotated[str, Meta(max_length=20)] = "read"
    name: Annotated[str, Meta(max_length=200)] = ""
    days: Annotated[str, Meta(max_length=5)] = ""


def safe_next(target: str) -> str:
    """Only local paths: never an open redirect after sign-in."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/account"


@get("/login", sync_to_thread=False, include_in_schema=False)
def login_page(request: Request[Any, Any, Any]) -> Template:
    """The sign-in form."""
    target = safe_next(request.query_params.get("next", "/account"))
    return Template("login.html", context=login_context(request, next=target, error=None, email=""))


def login_context(request: Request[Any, Any, Any], **values: Any) -> dict[str, Any]:
    """The login page's context: the form, and the single sign-on button when configured."""
    settings = request.app.state.settings
    sso = settings.oidc_label if oidc.enabled(settings) else None
    demo = DEMO_SIGN_INS if settings.demo else ()
    return page_context(request, sso=sso, demo_sign_ins=demo, **values)


@post("/login", sync_to_thread=True, include_in_schema=False)
def login(
    request: Request[Any, Any, Any],
    data: URLEncodedBody[LoginForm],
    db_session: NamedDependency[Session],
) -> Response[Any]:
    """Check the password (throttled), then start a session and go on."""
    throttle: LoginThrottle = request.app.state.login_throttle
    target = safe_next(data.next)
    address = client_address(request)
    wait = throttle.retry_after(address, data.email)
    if wait:
        context = login_context(
            request, next=target, email=data.email, error="login.throttled", wait=wait
        )
        return Template("login.html", context=context, status_code=HTTP_429_TOO_MANY_REQUESTS,
                        headers={"Retry-After": str(wait)})  # fmt: skip
    begin_writing(db_session)  # it records the sign-in time
    try:
        account = AccountService(db_session).sign_in(data.email, data.password)
    except Unauthorized:
        throttle.failed(address, data.email)
        context = login_context(request, next=target, email=data.email, error="login.failed")
        return Template("login.html", context=context, status_code=HTTP_401_UNAUTHORIZED,
                        headers={"WWW-Authenticate": 'FormBased realm="registry"'})  # fmt: skip
    throttle.succeeded(address, data.email)
    start_session(request, account)
    return Redirect(target, status_code=HTTP_303_SEE_OTHER)


def _callback_url(request: Request[Any, Any, Any]) -> str:
    return base_url(request) + "/login/oidc/callback"


@get("/login/oidc", sync_to_thread=True, include_in_schema=False)
def oidc_start(request: Request[Any, Any, Any]) -> Response[Any]:
    """Send the browser to the configured identity provider."""
    settings = request.app.state.settings
    if not oidc.enabled(settings):
        raise NotFound("OpenID Connect ist nicht eingerichtet. / OpenID Connect is not configured.")
    url, pending = oidc.start(settings, _callback_url(request))
    pending["next"] = safe_next(request.query_params.get("next", "/account"))
    request.set_session({"oidc": pending})
    return Redirect(url, status_code=HTTP_303_SEE_OTHER)


@get("/login/oidc/callback", sync_to_thread=True, include_in_schema=False)
def oidc_callback(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[Any]:
    """Verify the provider's answer and sign the linked account in."""
    settings = request.app.state.settings
    session = request.scope.get("session")
    pending = session.get("oidc") if isinstance(session, dict) else None
    if not oidc.enabled(settings) or not isinstance(pending, dict):
        raise NotFound("Keine Anmeldung läuft. / No sign-in in progress.")
    code = request.query_params.get("code", "")
    state = request.query_params.get("state", "")
    try:
        if not code:
            raise Unauthorized(request.query_params.get("error", "no code"))
        claims = oidc.finish(settings, pending, code=code, state=state,
                             redirect_uri=_callback_url(request))  # fmt: skip
        account = AccountService(db_session).oidc_sign_in(
            str(claims["sub"]),
            claims.get("email"),
            email_verified=claims.get("email_verified") is True,
        )
    except Unauthorized as exc:
        request.clear_session()
        context = login_context(request, next="/account", email="", error=None, detail=exc.message)
        return Template("login.html", context=context, status_code=HTTP_401_UNAUTHORIZED,
                        headers={"WWW-Authenticate": 'FormBased realm="registry"'})  # fmt: skip
    start_session(request, account)
    return Redirect(safe_next(str(pending.get("next", "/account"))), status_code=HTTP_303_SEE_OTHER)


@post("/logout", sync_to_thread=True, include_in_schema=False)
def logout(request: Request[Any, Any, Any], db_session: NamedDependency[Session]) -> Redirect:
    """End the session everywhere: a copied cookie stops working too."""
    end_session(request, db_session)
    return Redirect("/", status_code=HTTP_303_SEE_OTHER)


def _account_page(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal, **extra: Any
) -> Template:
    service = AccountService(db_session)
    account = service.get(viewer.email)
    scopes = [s for s in SCOPE_RANK if SCOPE_RANK[s] <= SCOPE_RANK[ROLE_MAX_SCOPE[viewer.role]]]
    context = page_context(
        request, account=account, tokens=service.tokens(viewer.email), scopes=scopes,
        organisations=[m.organisation for m in account.memberships], new_token=None, error=None,
        join_requests=waiting_requests(db_session, viewer.admin_of),  # registry admins: CLI
        my_solutions=organisation_solutions(db_session, viewer.organisation_ids),
        my_imports=my_imports(db_session, viewer.email),
    )  # fmt: skip
    status = extra.pop("status", 200)
    context.update(extra)
    return Template("account.html", context=context, status_code=status)


@get("/account", sync_to_thread=True, include_in_schema=False)
def account_page(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Who you are, your organisations, your tokens."""
    if viewer is None:
        return Redirect("/login?next=/account", status_code=HTTP_303_SEE_OTHER)
    return _account_page(request, db_session, viewer)


@post("/account/tokens", sync_to_thread=True, include_in_schema=False)
def create_token(
    request: Request[Any, Any, Any],
    data: URLEncodedBody[TokenForm],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Issue a token and show it this once (never stored, never redirected with)."""
    if viewer is None:
        return Redirect("/login?next=/account", status_code=HTTP_303_SEE_OTHER)
    try:
        days = int(data.days) if data.days.strip() else None
    except ValueError:
        days = -1
    try:
        issued = AccountService(db_session).issue_token(
            viewer.email, scope=data.scope, name=data.name.strip() or None, days=days
        )
    except InvalidInput as exc:
        return _account_page(request, db_session, viewer, error=exc.message, status=422)
    return _account_page(request, db_session, viewer, new_token=issued.token)


@post("/account/tokens/{prefix:str}/revoke", sync_to_thread=True, include_in_schema=False)
def revoke_token(
    prefix: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Redirect:
    """Revoke one of your tokens."""
    if viewer is None:
        return Redirect("/login?next=/account", status_code=HTTP_303_SEE_OTHER)
    AccountService(db_session).revoke(prefix, account_id=viewer.account_id)
    return Redirect("/account", status_code=HTTP_303_SEE_OTHER)
