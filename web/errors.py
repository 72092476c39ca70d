"""Registry errors mapped to HTTP in one place: problem+json for the API, a page otherwise."""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)
from litestar.response import Template
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from registry.errors import (
    Conflict,
    Forbidden,
    ImportFailed,
    InvalidInput,
    NotFound,
    RegistryError,
    Unauthorized,
)
from registry.search import InvalidQuery
from web.guards import BodyTooDeep

STATUS: dict[type[RegistryError], int] = {
    InvalidQuery: HTTP_400_BAD_REQUEST,  # before InvalidInput, its base: a malformed request
    BodyTooDeep: HTTP_400_BAD_REQUEST,
    NotFound: HTTP_404_NOT_FOUND,
    Conflict: HTTP_409_CONFLICT,
    InvalidInput: HTTP_422_UNPROCESSABLE_ENTITY,
    ImportFailed: HTTP_422_UNPROCESSABLE_ENTITY,
    Forbidden: HTTP_403_FORBIDDEN,
    Unauthorized: HTTP_401_UNAUTHORIZED,
}
PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("registry.web")


#: What ``problem`` sends, as the OpenAPI document states it for every error response.
PROBLEM_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
        "field": Schema(type=OpenAPIType.STRING, description="The request field at fault"),
    },
    description="An RFC 9457 problem document",
)
_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


def _wants_json(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/badges/")) or "json" in request.headers.get("accept", "")


#: Error statuses an operation can answer, by what the operation is (one rule each).
_BY_PATH_PARAMETER = {404: "Nicht gefunden / Not found"}
_BY_SECURITY = {
    401: "Anmeldung nötig oder Token ungültig / Sign-in required or token invalid",
    403: "Keine Berechtigung für diesen Eintrag / Not allowed for this entry",
    429: "Zu viele Versuche; Retry-After abwarten / Too many attempts; wait for Retry-After",
}
_BY_WRITE = {
    409: "Konflikt mit dem gespeicherten Stand / Conflicts with what is stored",
    422: "Eingabe ungültig (das Feld steht in `field`) / Invalid input (`field` names it)",
    503: "Datenbank beschäftigt; Retry-After abwarten / Database busy; wait for Retry-After",
}
_BY_BODY = {413: "Anfrage zu groß / Request body too large"}
_WRITES = ("put", "post", "patch", "delete")


def _expected_problems(path: str, method: str, operation: Operation) -> dict[int, str]:
    """The error statuses this operation can answer, derived from its path, method and security."""
    expected: dict[int, str] = {}
    if "{" in path:
        expected |= _BY_PATH_PARAMETER
    if operation.security:
        expected |= _BY_SECURITY
    if method in _WRITES:
        expected |= _BY_WRITE
    if operation.request_body is not None:
        expected |= _BY_BODY
    return expected


def document_problems(openapi: OpenAPI) -> OpenAPI:
    """State every error response as sent (problem+json), and every error an operation can send.

    Litestar documents success and 400; the statuses a client must handle besides (404 on
    a path with a slug, 401/403/429 where a token is needed, 409/422/503 on writes, 413 with
    a body) are added here by rule, so a generated client and schemathesis know them all.
    """
    for path, item in (openapi.paths or {}).items():
        for method in _METHODS:
            operation = getattr(item, method, None)
            if operation is None:
                continue
            responses = operation.responses if operation.responses is not None else {}
            for status, description in _expected_problems(path, method, operation).items():
                responses.setdefault(str(status), OpenAPIResponse(description=description))
            for status, response in responses.items():
                if isinstance(response, OpenAPIResponse) and status[:1] in ("4", "5"):
                    response.content = {PROBLEM_JSON: OpenAPIMediaType(schema=PROBLEM_SCHEMA)}
            operation.responses = responses
    return openapi


def problem(
    request: Request[Any, Any, Any], status: int, title: str, detail: str, field: str | None
) -> Response[Any]:
    """An RFC 9457 problem document, or an HTML error page for browsers."""
    if _wants_json(request):
        body: dict[str, object] = {"type": "about:blank", "title": title, "status": status,
                                   "detail": detail}  # fmt: skip
        if field:
            body["field"] = field
        return Response(body, status_code=status, media_type=PROBLEM_JSON)
    return Template(
        template_name="error.html",
        context={"status": status, "title": title, "detail": detail},
        status_code=status,
        media_type=MediaType.HTML,
    )


def status_for(exc: RegistryError) -> int:
    """The HTTP status of a registry error (pages that show it in their form use it too)."""
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)


def registry_error_handler(request: Request[Any, Any, Any], exc: RegistryError) -> Response[Any]:
    """Map a ``RegistryError`` to its status."""
    status = status_for(exc)
    response = problem(request, status, type(exc).__name__, exc.message, exc.field)
    if status == HTTP_401_UNAUTHORIZED:
        response.headers["WWW-Authenticate"] = 'Bearer realm="registry"'
    return response


def http_error_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Framework errors (validation, 404 routes, 405) in the same shape."""
    detail = exc.detail
    extra = getattr(exc, "extra", None)
    if isinstance(extra, list) and extra:
        first = extra[0]
        if isinstance(first, dict):
            detail = f"{first.get('key', '')}: {first.get('message', detail)}".strip(": ")
    return problem(request, exc.status_code, "HTTPException", str(detail), None)


def database_unavailable(exc: BaseException) -> bool:
    """The database is busy or away for a moment (so a retry will do), not broken.

    SQLite busy with another writer; a PostgreSQL connection dropped mid-request
    (restart, terminated backend: the pool reconnects with pre-ping); or no connection to
    be had (connection refused, SQLSTATE 08xxx, server starting up or shutting down: 57P).
    """
    if isinstance(exc, DisconnectionError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    if exc.connection_invalidated or "locked" in str(exc.orig):
        return True
    sqlstate = getattr(exc.orig, "sqlstate", "") or ""
    connecting = "connection failed" in str(exc.orig) or "could not connect" in str(exc.orig)
    return connecting or sqlstate.startswith(("08", "57P"))


def database_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Database busy or away: a 503 with Retry-After, never a 500 (nothing was written)."""
    if not database_unavailable(exc):
        return internal_error_handler(request, exc)
    response = problem(
        request, HTTP_503_SERVICE_UNAVAILABLE, "Service Unavailable",
        "Die Datenbank ist gerade beschäftigt; bitte gleich noch einmal versuchen. / "
        "The database is busy; please try again in a moment.", None,
    )  # fmt: skip
    response.headers["Retry-After"] = "2"
    return response


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unexpected: a 500 without internals for the client, the traceback in the log."""
    if isinstance(exc, StaleDataError):  # optimistic locking: someone else saved first
        return registry_error_handler(request, Conflict(
            "version: the entry was changed by someone else meanwhile; reload and try again. / "
            "Der Eintrag wurde inzwischen geändert; bitte neu laden.", field="version",
        ))  # fmt: skip
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        request, HTTP_500_INTERNAL_SERVER_ERROR, "Internal Server Error",
        "An unexpected error occurred.", None,
    )  # fmt: skip
