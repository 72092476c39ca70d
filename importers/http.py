"""One set of rules for HTTP requests to the outside, kept by the sync and the async client.

``FetchRules`` holds them: http(s) only and every URL (each redirect hop too) through the
address guard (``importers.urlguard``: no private or loopback address unless configured),
redirects followed by us (at most ``MAX_REDIRECTS``, each hop guarded again), bodies
capped (a larger one is refused, not cut), our User-Agent and timeouts. Connections are
made by ``importers.egress``, to an address checked as the connection opens.

Two callers keep them: ``fetch_bytes`` over ``make_client`` (publiccode.yml fetches, URL
checks) and ``importers.hosts.HostClient`` (Git-host and catalogue APIs, async, adding
politeness and caching). Each runs the same loop::

    hops = rules.hops(url)
    for current in hops:
        rules.guard(current)            # the async client runs it in a worker thread
        ...send...
        if hops.follow(status, headers):
            continue
        body = rules.body(current, headers)   # then body.add(chunk) per chunk
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any
from urllib.parse import urljoin

import httpx

from importers.egress import EgressTransport
from importers.urlguard import check_remote_url
from registry.errors import ImportFailed, InvalidInput
from registry.settings import Settings

__all__ = [
    "MAX_REDIRECTS",
    "Body",
    "FetchRules",
    "GuardedUrlChecker",
    "Hops",
    "fetch_bytes",
    "make_client",
]

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Seconds to open a connection; reading has ``settings.http_timeout_seconds``.
CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class FetchRules:
    """The rules of every outside request (see the module docstring)."""

    allow_private: bool
    max_bytes: int
    timeout_seconds: float
    user_agent: str
    #: What a failed fetch raises (``HostError`` for the host client).
    failure: Callable[[str], ImportFailed] = field(
        default=partial(ImportFailed, field="url"), compare=False
    )

    @classmethod
    def of(cls, settings: Settings, **changes: Any) -> FetchRules:
        """The rules as configured (``REGISTRY_ALLOW_PRIVATE_ADDRESSES``, ``…_HTTP_*``)."""
        rules = cls(
            allow_private=settings.allow_private_addresses, max_bytes=settings.http_max_bytes,
            timeout_seconds=settings.http_timeout_seconds, user_agent=settings.user_agent,
        )  # fmt: skip
        return replace(rules, **changes)

    def client_options(self, headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        """``httpx.Client`` / ``AsyncClient`` options: our User-Agent, timeouts, and no
        redirects followed by httpx (``hops`` follows them, guarding each)."""
        return {
            "headers": {"User-Agent": self.user_agent, **(headers or {})},
            "timeout": httpx.Timeout(self.timeout_seconds, connect=CONNECT_TIMEOUT),
            "follow_redirects": False,
        }

    def guard(self, url: str) -> None:
        """Refuse anything but http(s), and any address the guard refuses (it resolves the
        host name: the async client calls this in a worker thread)."""
        if not url.startswith(("http://", "https://")):
            raise self.failure(f"{url}: only http and https are fetched")
        check_remote_url(url, allow_private=self.allow_private, allow_local=False)

    def hops(self, url: str) -> Hops:
        """The redirect loop for ``url``."""
        return Hops(url, self.failure)

    def body(self, url: str, headers: Mapping[str, str]) -> Body:
        """A body capped at ``max_bytes``; a declared length over it is refused at once."""
        return Body(url, self.max_bytes, headers, self.failure)


class Hops:
    """Iterate for the URL to request next; ``follow`` a redirect answer. More than
    ``MAX_REDIRECTS`` redirects raise the rules' failure."""

    def __init__(self, url: str, failure: Callable[[str], ImportFailed]) -> None:
        self.start = self.url = url
        self.redirected = False
        self._failure = failure

    def __iter__(self) -> Iterator[str]:
        for _ in range(MAX_REDIRECTS + 1):
            yield self.url
        raise self._failure(f"{self.start}: more than {MAX_REDIRECTS} redirects")

    def follow(self, status: int, headers: Mapping[str, str]) -> bool:
        """True (and the next URL set) when the answer is a redirect with a ``Location``."""
        location = headers.get("location")
        if status not in REDIRECT_STATUSES or location is None:
            return False
        self.url, self.redirected = urljoin(self.url, location), True
        return True


class Body:
    """A response body read in chunks, refused once it passes the limit."""

    def __init__(
        self, url: str, limit: int, headers: Mapping[str, str],
        failure: Callable[[str], ImportFailed],
    ) -> None:  # fmt: skip
        self.url, self.limit, self._failure = url, limit, failure
        declared = int(headers.get("content-length") or 0)
        if declared > limit:
            raise failure(f"{url}: {declared} bytes is over the {limit} byte limit")
        self._data = bytearray()

    def add(self, chunk: bytes) -> None:
        """Append a chunk; past the limit the fetch fails (the body is never cut)."""
        self._data.extend(chunk)
        if len(self._data) > self.limit:
            raise self._failure(f"{self.url}: the body is over the {self.limit} byte limit")

    def bytes(self) -> bytes:
        """The whole body."""
        return bytes(self._data)


def make_client(
    settings: Settings, *, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The synchronous client under ``FetchRules`` (``transport`` replaces the egress only
    for recorded answers in tests)."""
    rules = FetchRules.of(settings)
    return httpx.Client(
        **rules.client_options(),
        transport=transport or EgressTransport(allow_private=rules.allow_private),
    )


def fetch_bytes(
    client: httpx.Client, url: str, settings: Settings, *, max_bytes: int | None = None
) -> bytes:
    """GET ``url`` and return at most ``max_bytes``; larger bodies are refused, not cut."""
    rules = FetchRules.of(settings)
    if max_bytes is not None:
        rules = replace(rules, max_bytes=max_bytes)
    hops = rules.hops(url)
    for current in hops:
        rules.guard(current)
        with client.stream("GET", current) as response:
            if hops.follow(response.status_code, response.headers):
                continue
            if response.status_code >= 400:
                raise rules.failure(f"{current}: HTTP {response.status_code}")
            body = rules.body(current, response.headers)
            for chunk in response.iter_bytes():
                body.add(chunk)
            return body.bytes()
    raise AssertionError("unreachable: Hops raises after the last redirect")


class GuardedUrlChecker:
    """``registry.publiccode.UrlChecker`` over the guarded client (``--network`` checks)."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client or make_client(settings)

    def check(self, url: str) -> str | None:
        """Why ``url`` is not reachable, or None."""
        try:
            fetch_bytes(self.client, url, self.settings, max_bytes=self.settings.http_max_bytes)
        except (InvalidInput, ImportFailed) as exc:
            return exc.message
        except httpx.HTTPError as exc:
            return f"{url}: {type(exc).__name__}"
        return None
