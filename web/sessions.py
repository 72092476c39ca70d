"""Browser sign-in: an encrypted session cookie and CSRF protection for every form.

The session cookie holds the account id, the account's session generation and the time
of sign-in, encrypted and authenticated (AES-GCM, Litestar's client-side backend), so it
works across server workers without a session store. It is still revocable: signing out
(or a password change, or removal from an organisation) bumps the account's generation,
and every request compares it, so a copied cookie dies with the session. A session ends
after ``SESSION_IDLE_SECONDS`` without a request (the cookie's own expiry, renewed by each
response) and in any case ``SESSION_LIFETIME_SECONDS`` after sign-in. Forms carry a CSRF
token (double-submit, HMAC-signed); the JSON API is exempt because it accepts bearer
tokens only, never cookies.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from pathlib import Path
from typing import Any

from litestar import Request
from litestar.config.csrf import CSRFConfig
from litestar.di import NamedDependency
from litestar.middleware.session.client_side import CookieBackendConfig
from sqlalchemy.orm import Session

from registry.accounts import Account, AccountService, Principal
from registry.db import begin_writing
from registry.settings import Settings

PLACEHOLDER_SECRET = Settings().secret_key
SESSION_KEY = "account"
ROLE_KEY = "role"
GENERATION_KEY = "generation"
ISSUED_KEY = "issued_at"
SESSION_IDLE_SECONDS = 8 * 3600  # without a request; every response renews it
SESSION_LIFETIME_SECONDS = 12 * 3600  # from sign-in; nothing renews it
CLOCK_SKEW_SECONDS = 300  # workers on several hosts may disagree a little on the time


def secret_key(settings: Settings) -> bytes:
    """The configured secret, or on the embedded default one made once and kept in a file
    beside the cache (mode 0600), so a fresh install never signs with a public value."""
    if settings.secret_key != PLACEHOLDER_SECRET:
        return settings.secret_key.encode("utf-8")
    path = Path(settings.git_cache_dir).parent / "secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first: use theirs
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_hex(32).encode("ascii"))
    for _ in range(50):  # the other process may still be writing it
        value = path.read_bytes().strip()
        if len(value) == 64:
            return value
        time.sleep(0.01)
    return value


def session_config(settings: Settings) -> CookieBackendConfig:
    """The encrypted session cookie: HttpOnly, SameSite=Lax, Secure behind TLS."""
    key = hashlib.sha256(b"session:" + secret_key(settings)).digest()
    return CookieBackendConfig(
        secret=key, key="registry_session", max_age=SESSION_IDLE_SECONDS, httponly=True,
        samesite="lax", secure=settings.secure_cookies,
    )  # fmt: skip


def csrf_config(settings: Settings) -> CSRFConfig:
    """CSRF tokens on every form; the bearer-token API under /api/ is exempt."""
    return CSRFConfig(
        secret=hashlib.sha256(b"csrf:" + secret_key(settings)).hexdigest(),
        cookie_secure=settings.secure_cookies, cookie_samesite="lax", exclude=["^/api/"],
    )  # fmt: skip


def start_session(request: Request[Any, Any, Any], account: Account) -> None:
    """Sign the browser in as ``account``: the one place a session is written (password
    and single sign-on alike), replacing whatever the cookie held before."""
    request.set_session(
        {
            SESSION_KEY: account.id,
            GENERATION_KEY: account.session_generation,
            ISSUED_KEY: int(time.time()),
            ROLE_KEY: account.role,  # for the navigation only; every check reads the account
        }
    )


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _session_viewer(request: Request[Any, Any, Any], db_session: Session) -> Principal | None:
    """The account the session stands for, if the session is still valid."""
    session = request.scope.get("session")
    if not isinstance(session, dict):
        return None
    account_id, generation, issued_at = (
        _integer(session.get(key)) for key in (SESSION_KEY, GENERATION_KEY, ISSUED_KEY)
    )
    if account_id is None or generation is None or issued_at is None:
        return None  # not written by start_session (e.g. a cookie from before generations)
    age = time.time() - issued_at
    if not -CLOCK_SKEW_SECONDS <= age < SESSION_LIFETIME_SECONDS:
        return None
    return AccountService(db_session).principal(account_id, session_generation=generation)


def provide_viewer(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Principal | None:
    """The signed-in account of a page request, ``None`` for anonymous readers; a session
    that has ended (signed out elsewhere, too old, account gone) is cleared."""
    session = request.scope.get("session")
    if not isinstance(session, dict) or SESSION_KEY not in session:
        return None  # anonymous, or a single sign-on still under way: keep its state
    viewer = _session_viewer(request, db_session)
    if viewer is None:
        request.clear_session()
    return viewer


def end_session(request: Request[Any, Any, Any], db_session: Session) -> None:
    """Sign out: end every session of the account server-side (a copy of the cookie is
    refused from now on), then clear this browser's cookie."""
    begin_writing(db_session)
    viewer = _session_viewer(request, db_session)
    if viewer is not None:
        AccountService(db_session).end_sessions(viewer.account_id)
    request.clear_session()
