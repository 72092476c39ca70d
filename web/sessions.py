"""Browser sign-in: an encrypted session cookie and CSRF protection for every form.

The session cookie holds only the account id and is encrypted and authenticated
(AES-GCM, Litestar's client-side backend), so it works across server workers without a
session store. Forms carry a CSRF token (double-submit, HMAC-signed); the JSON API is
exempt because it accepts bearer tokens only, never cookies.
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

from registry.accounts.authz import Principal
from registry.accounts.services import AccountService
from registry.settings import Settings

PLACEHOLDER_SECRET = Settings().secret_key
SESSION_KEY = "account"
SESSION_MAX_AGE = 8 * 3600


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
        secret=key, key="registry_session", max_age=SESSION_MAX_AGE, httponly=True,
        samesite="lax", secure=settings.secure_cookies,
    )  # fmt: skip


def csrf_config(settings: Settings) -> CSRFConfig:
    """CSRF tokens on every form; the bearer-token API under /api/ is exempt."""
    return CSRFConfig(
        secret=hashlib.sha256(b"csrf:" + secret_key(settings)).hexdigest(),
        cookie_secure=settings.secure_cookies, cookie_samesite="lax", exclude=["^/api/"],
    )  # fmt: skip


def provide_viewer(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Principal | None:
    """The signed-in account of a page request, ``None`` for anonymous readers."""
    session = request.scope.get("session")
    account_id = session.get(SESSION_KEY) if isinstance(session, dict) else None
    if not isinstance(account_id, int):
        return None
    viewer = AccountService(db_session).principal(account_id)
    if viewer is None:
        request.clear_session()
    return viewer
