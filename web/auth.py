"""Credentials on API requests: ``Authorization: Bearer <token>`` → a ``Principal``.

Reading is open to everyone, so a missing header gives ``None`` and each write handler
asks ``registry.accounts.authz`` whether the principal may act. A header that is present
but wrong is refused outright (401) rather than treated as anonymous, so a client with a
revoked token learns it at once. Failed attempts are counted per client address
(``registry.accounts.throttle.ApiThrottle``): past the limit every bearer request from
that address gets 429 with Retry-After until the window has passed, so tokens cannot be
guessed at speed.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from litestar import Request
from litestar.openapi.spec import Components, SecurityScheme
from sqlalchemy.orm import Session, sessionmaker

from registry.accounts import AccountService, ApiThrottle, Principal
from registry.db import begin_writing
from registry.errors import Unauthorized
from registry.settings import Settings

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
SECURITY_SCHEME = "bearerToken"
#: For write handlers: ``@post(..., security=WRITE_SECURITY)``.
WRITE_SECURITY: list[dict[str, list[str]]] = [{SECURITY_SCHEME: []}]
#: The git-host webhook receivers authenticate the delivery, not a registry account.
GITHUB_SIGNATURE: list[dict[str, list[str]]] = [{"githubSignature": []}]
GITLAB_TOKEN: list[dict[str, list[str]]] = [{"gitlabToken": []}]
COMPONENTS = Components(
    security_schemes={
        SECURITY_SCHEME: SecurityScheme(
            type="http",
            scheme="bearer",
            description="API token (`registry token create EMAIL --scope read|publish|admin`).",
        ),
        "githubSignature": SecurityScheme(
            type="apiKey",
            name="X-Hub-Signature-256",
            security_scheme_in="header",
            description="HMAC-SHA256 of the body with REGISTRY_WEBHOOK_GITHUB_SECRET.",
        ),
        "gitlabToken": SecurityScheme(
            type="apiKey",
            name="X-Gitlab-Token",
            security_scheme_in="header",
            description="The secret token set as REGISTRY_WEBHOOK_GITLAB_TOKEN.",
        ),
    }
)


def api_throttle(request: Request[Any, Any, Any]) -> ApiThrottle:
    """The app's API limits (``create_app`` makes one per app)."""
    throttle: ApiThrottle = request.app.state.api_throttle
    return throttle


def client_address(request: Request[Any, Any, Any]) -> str:
    """The client's address: the peer, or behind a trusted proxy the client it names.

    Throttles count per address, so a header anyone can send must not choose it:
    ``X-Forwarded-For`` is read only when the peer is in ``REGISTRY_TRUSTED_PROXIES``
    (empty by default), and then from the right, past the trusted hops.
    """
    peer = request.client.host if request.client else "unknown"
    trusted: tuple[IPNetwork, ...] = request.app.state.trusted_proxies
    if not trusted or not _within(peer, trusted):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getall("x-forwarded-for", [])
        for hop in header.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            return hop
    return hops[0] if hops else peer


def trusted_networks(settings: Settings) -> tuple[IPNetwork, ...]:
    """``REGISTRY_TRUSTED_PROXIES`` as networks (checked when the settings were read)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in settings.trusted_proxies)


def _within(address: str, networks: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def provide_principal(request: Request[Any, Any, Any]) -> Principal | None:
    """The authenticated principal, ``None`` for anonymous readers.

    It runs in a unit of work of its own: a refused token raises while dependencies are
    still being resolved, and the request's session must not be left open by that; the
    token's last-used time is kept even when the request itself then fails.
    """
    header = request.headers.get("authorization")
    if header is None:
        return None
    failures = api_throttle(request).bearer_failures
    address = client_address(request)
    failures.check(address, "Authorization")
    kind, _, token = header.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        failures.hit(address)
        raise Unauthorized(
            "Authorization: erwartet 'Bearer <token>'. / expected 'Bearer <token>'.",
            field="Authorization",
        )
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    try:
        with factory() as session, session.begin():
            begin_writing(session)  # it records the token's last use
            return AccountService(session).authenticate(token)
    except Unauthorized:
        failures.hit(address)
        raise


def acting(db_session: Session, principal: Principal) -> Principal:
    """Name the principal as the actor of this request's audit events."""
    db_session.info["actor"] = f"account:{principal.email}"
    return principal
