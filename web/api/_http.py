"""HTTP caching for harvesters: ETag, Last-Modified, conditional GET, CORS, Link."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any, TypeAlias
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response
from litestar.datastructures import ResponseHeader
from litestar.params import PathParameter
from litestar.status_codes import HTTP_304_NOT_MODIFIED

#: A row id in a path: bounded to what both databases store (a larger one was a 500 on SQLite).
RowId: TypeAlias = Annotated[int, PathParameter(ge=1, le=2**63 - 1)]

#: One entry's path: GET, PATCH and DELETE (three resources) share it, so they register in one
#: router (``web.api.v1``): Litestar 2.25 refuses a path in two routers (each adds OPTIONS).
ENTRY = "/api/v1/solutions/{slug:str}"

#: Read endpoints may be fetched from any origin (they need no credentials).
CORS_HEADERS = [
    ResponseHeader(name="Access-Control-Allow-Origin", value="*"),
    ResponseHeader(name="Access-Control-Expose-Headers", value="ETag, Last-Modified, Link"),
]
CACHE_CONTROL = "public, max-age=60"


def base_url(request: Request[Any, Any, Any]) -> str:
    """The site's root URL, without a trailing slash: ``REGISTRY_PUBLIC_URL``, never the
    request's ``Host`` header (a client could choose it, and these bodies are cached
    publicly)."""
    public: str = request.app.state.settings.public_url
    return public.rstrip("/")


def page_url(request: Request[Any, Any, Any], params: Sequence[tuple[str, str]]) -> str:
    """This endpoint's URL with these query parameters."""
    url = base_url(request) + request.url.path
    return f"{url}?{urlencode(params)}" if params else url


def _not_modified(request: Request[Any, Any, Any], etag: str, modified: datetime | None) -> bool:
    wanted = request.headers.get("if-none-match")
    if wanted is not None:
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since and modified is not None:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def cached(
    request: Request[Any, Any, Any],
    body: Any,
    *,
    media_type: str = "application/json",
    modified: datetime | None = None,
    links: dict[str, str] | None = None,
) -> Response[Any]:
    """The body with ETag, Last-Modified and Cache-Control, or 304 when the client has it."""
    content = body if isinstance(body, bytes) else msgspec.json.encode(body)
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified.astimezone(UTC), usegmt=True)
    if links:
        headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
    if _not_modified(request, etag, modified):
        return Response(content=b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(content=content, media_type=media_type, headers=headers)
