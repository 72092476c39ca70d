"""Refuse malformed requests before any handler or decoder sees them.

Two shapes of request used to end in a 500 on every route: a ``Host`` header that is not
a host (``Host: x:y`` breaks every URL the framework builds) and a JSON body nested
thousands deep (the decoder recurses until Python's limit and logs a traceback). Both
are the client's fault, so they get a 400 problem naming the part of the request at
fault. The depth is counted while the body streams in, so nothing is buffered twice.
"""

from __future__ import annotations

import json
import re
from typing import Final

from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from registry.errors import InvalidInput

#: No document this API takes is nested deeper than a handful of levels.
MAX_JSON_DEPTH: Final = 64
_HOST: Final = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_\-]{0,61}"
    r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?$"
)


_SPECIAL: Final = re.compile(rb'\\.|\\$|[\[\]{}"]', re.DOTALL)


class BodyTooDeep(InvalidInput):
    """A JSON body nested past ``MAX_JSON_DEPTH``: a malformed request (400)."""


def valid_host(value: str) -> bool:
    """A host name or bracketed IPv6 address with an optional port in range."""
    found = _HOST.match(value)
    return found is not None and (found["port"] is None or 0 < int(found["port"]) <= 65535)


class _DepthCounter:
    """Bracket depth of a JSON text fed in chunks (strings and escapes skipped)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self.in_string = False
        self.escaped = False

    def feed(self, chunk: bytes) -> None:
        """Raise ``BodyTooDeep`` once the nesting passes the limit.

        Only brackets, quotes and escapes matter, so the scan jumps between them (a
        byte-by-byte loop in Python would cost seconds on a 5 MB upload). An escape is
        taken with the byte it escapes; one cut off at a chunk's end skips the next
        chunk's first byte.
        """
        if self.escaped and chunk:
            chunk, self.escaped = chunk[1:], False
        for found in _SPECIAL.finditer(chunk):
            token = found.group()
            if token == b"\\":  # the last byte of the chunk: its escaped byte comes next
                self.escaped = True
            elif len(token) == 2:  # an escape pair: never a quote or bracket of its own
                continue
            elif token == b'"':
                self.in_string = not self.in_string
            elif self.in_string:
                continue
            elif token in (b"[", b"{"):
                self.depth += 1
                if self.depth > self.limit:
                    raise BodyTooDeep(
                        f"body: JSON nested deeper than {self.limit} levels", field="body"
                    )
            else:
                self.depth -= 1


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            kind = value.split(b";", 1)[0].strip().lower()
            return kind == b"application/json" or kind.endswith(b"+json")
    return False


def _host(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            return str(value.decode("latin-1"))
    return None


async def _bad_host(send: Send) -> None:
    body = json.dumps({
        "type": "about:blank", "title": "Bad Request", "status": 400,
        "detail": "Host: not a host name (expected name or name:port)", "field": "Host",
    }).encode()  # fmt: skip
    start: HTTPResponseStartEvent = {
        "type": "http.response.start", "status": 400,
        "headers": [(b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode())],
    }  # fmt: skip
    await send(start)
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)


def request_guard(app: ASGIApp) -> ASGIApp:
    """Wrap the app's ASGI handler: the two checks in front of every HTTP route."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        host = _host(scope)
        if host is not None and not valid_host(host):
            await _bad_host(send)
            return
        if not _is_json(scope):
            await app(scope, receive, send)
            return
        counter = _DepthCounter(MAX_JSON_DEPTH)

        async def counted() -> ReceiveMessage:
            message = await receive()
            if message["type"] == "http.request":
                counter.feed(message.get("body", b""))
            return message

        await app(scope, counted, send)

    return guarded
