"""Security headers on every response, and the 429 answer for rate limits.

``security_headers(settings)`` is a ``before_send`` hook, so it sees every response the
app sends: pages, the API, static files, redirects, errors and unknown routes alike.

The pages need no inline script or style (a test keeps the templates so), hence a strict
Content-Security-Policy. The one exception is the interactive OpenAPI viewer under
``/schema`` (Swagger UI, served by the registry itself: ``web.apidocs``): the bundle sets
inline styles, so its page may use them; it still loads nothing from any other origin.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.datastructures import MutableScopeHeaders
from litestar.status_codes import HTTP_429_TOO_MANY_REQUESTS
from litestar.types import Message, Scope

from registry.accounts import TooManyRequests
from registry.settings import Settings
from web.errors import problem

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SCHEMA_VIEWER_POLICY",
    "SecurityHeaders",
    "rate_limited_handler",
    "security_headers",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
#: The self-hosted Swagger UI: its own scripts only, inline styles, no other origin at all.
SCHEMA_VIEWER_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
HSTS = "max-age=31536000; includeSubDomains"
#: The machine-readable documents under /schema keep the strict policy.
SCHEMA_DOCUMENTS = ("/schema/openapi.json", "/schema/openapi.yaml", "/schema/openapi.yml")


def _policy(path: str) -> str:
    if (path == "/schema" or path.startswith("/schema/")) and path not in SCHEMA_DOCUMENTS:
        return SCHEMA_VIEWER_POLICY
    return CONTENT_SECURITY_POLICY


class SecurityHeaders:
    """The ``before_send`` hook; HSTS only when the site is served over TLS."""

    def __init__(self, *, tls: bool) -> None:
        self.fixed = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "X-Frame-Options": "DENY",
            "Permissions-Policy": PERMISSIONS_POLICY,
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        if tls:
            self.fixed["Strict-Transport-Security"] = HSTS

    async def __call__(self, message: Message, scope: Scope) -> None:
        """Set the headers on the start of every HTTP response."""
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in self.fixed.items():
            headers[name] = value
        headers["Content-Security-Policy"] = _policy(str(scope.get("path", "")))


def security_headers(settings: Settings) -> SecurityHeaders:
    """The hook for ``Litestar(before_send=[...])``; ``secure_cookies`` means TLS."""
    return SecurityHeaders(tls=settings.secure_cookies)


def rate_limited_handler(request: Request[Any, Any, Any], exc: TooManyRequests) -> Response[Any]:
    """429 Too Many Requests with Retry-After: problem+json for the API, a page otherwise."""
    response = problem(request, HTTP_429_TOO_MANY_REQUESTS, "Too Many Requests", exc.message,
                       exc.field)  # fmt: skip
    response.headers["Retry-After"] = str(exc.retry_after)
    return response
