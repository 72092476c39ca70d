"""The one HTTP client for Git-host APIs: politeness, conditional requests, the address guard.

``make_host_client(settings, cache=…)`` gives a ``HostClient`` that

* sends our User-Agent and its timeouts, and a host's token from ``settings.host_tokens``
  only over https to exactly the origin it was configured for (``token_for``);
* checks every URL, and every redirect hop, against the address guard, and connects
  through ``importers.egress`` (only to an address checked as the connection opens);
* asks "changed since?" (``If-None-Match`` / ``If-Modified-Since``) for every URL it has a
  stored answer for, and reuses the stored body on ``304``;
* waits as rate limits ask (primary, secondary, ``Retry-After``), at most
  ``settings.host_max_wait_seconds`` per wait, with jitter; a longer wait is an error,
  not a silent gap;
* retries transport errors and 5xx with capped, jittered backoff;
* refuses bodies over ``settings.http_max_bytes``.

The address guard, redirects, the size cap and timeouts are ``importers.http.FetchRules``,
the same rules the synchronous ``fetch_bytes`` keeps.

Error tree::

    registry.errors.ImportFailed
     └── HostError            (the host answered with an error, or not at all)
          ├── HostNotFound    (404 / 410)
          └── RateLimited     (the host wants us to wait longer than we may)
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import anyio.to_thread
import httpx

from importers.egress import AsyncEgressTransport
from importers.hosts.ratelimit import backoff, exhausted_until, jitter, rate_limit_wait
from importers.http import FetchRules
from registry.crawl import StoredResponse
from registry.errors import ImportFailed
from registry.settings import Settings, token_origin

__all__ = [
    "HostClient",
    "HostError",
    "HostNotFound",
    "HostResponse",
    "MemoryCache",
    "RateLimited",
    "RequestStats",
    "ResponseCache",
    "make_host_client",
    "token_for",
]

#: API hosts whose token is configured under the web host's name (GitHub's API lives apart).
API_HOSTS = {"api.github.com": "github.com"}
#: Headers a reused (304) answer needs: pagination and the type of the body.
KEPT_HEADERS = ("link", "x-next-page", "x-total", "x-total-pages", "x-total-count", "content-type")


class HostError(ImportFailed):
    """The host answered with an error status, or could not be reached."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message, field="url")
        self.status = status


class HostNotFound(HostError):
    """The host says the thing does not exist (404) or is gone (410)."""


class RateLimited(HostError):
    """The host's rate limit would need a longer wait than allowed."""


class ResponseCache(Protocol):
    """Where validators and bodies are kept per URL (``registry.crawl.HttpCacheStore``)."""

    def get(self, url: str) -> StoredResponse | None:
        """The stored answer for ``url``."""

    def put(self, url: str, response: StoredResponse) -> None:
        """Store the answer for ``url``."""

    def touch(self, url: str) -> None:
        """``url`` was confirmed unchanged."""


class MemoryCache:
    """A ``ResponseCache`` in a dict (one process, tests, ``registry import`` of one URL)."""

    def __init__(self) -> None:
        self.entries: dict[str, StoredResponse] = {}

    def get(self, url: str) -> StoredResponse | None:
        """The stored answer for ``url``."""
        return self.entries.get(url)

    def put(self, url: str, response: StoredResponse) -> None:
        """Store the answer for ``url``."""
        self.entries[url] = response

    def touch(self, url: str) -> None:
        """Nothing to note in memory."""


@dataclass
class RequestStats:
    """What a client cost the host: requests sent, 304s, retries, seconds waited."""

    sent: int = 0
    not_modified: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    by_status: dict[int, int] = field(default_factory=dict)

    def count(self, status: int) -> None:
        """Count one answer."""
        self.sent += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status == 304:
            self.not_modified += 1


@dataclass(frozen=True, slots=True)
class HostResponse:
    """A final answer: its URL after redirects, status, headers (lower-case) and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    from_cache: bool = False
    redirected: bool = False

    def json(self) -> Any:
        """The body as JSON; a malformed body is the host's error, named as such."""
        try:
            return json.loads(self.body)
        except ValueError:
            raise HostError(f"{self.url}: the host answered with malformed JSON") from None


Sleep = Callable[[float], Awaitable[None]]


class HostClient:
    """See the module docstring. Use as ``async with make_host_client(...) as client``."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        *,
        cache: ResponseCache | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.rules = FetchRules.of(settings, failure=HostError)
        self.http = http
        self.cache = cache
        self.sleep = sleep
        self.stats = RequestStats()
        self._paused_until: dict[str, float] = {}

    async def __aenter__(self) -> HostClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.http.aclose()

    async def get(
        self, url: str, *, headers: Mapping[str, str] | None = None, conditional: bool = True
    ) -> HostResponse:
        """GET ``url`` politely; 4xx/5xx other than 404 raise ``HostError``."""
        response = await self.fetch(url, headers=headers, conditional=conditional)
        if response.status in (404, 410):
            raise HostNotFound(f"{url}: HTTP {response.status}", status=response.status)
        if response.status >= 400:
            raise HostError(f"{url}: HTTP {response.status}", status=response.status)
        return response

    async def fetch(
        self, url: str, *, headers: Mapping[str, str] | None = None, conditional: bool = True
    ) -> HostResponse:
        """GET ``url`` following redirects (each hop guarded); any final status is returned."""
        hops = self.rules.hops(url)
        for current in hops:
            response = await self._polite(current, headers or {}, conditional=conditional)
            if hops.follow(response.status, response.headers):
                continue
            if hops.redirected:
                return HostResponse(
                    response.url, response.status, response.headers, response.body,
                    response.from_cache, redirected=True,
                )  # fmt: skip
            return response
        raise AssertionError("unreachable: Hops raises after the last redirect")

    async def _polite(
        self, url: str, headers: Mapping[str, str], *, conditional: bool
    ) -> HostResponse:
        await anyio.to_thread.run_sync(self.rules.guard, url)
        stored = self.cache.get(url) if (conditional and self.cache is not None) else None
        request_headers = dict(self._auth(url))
        request_headers.update(headers)
        if stored is not None:
            if stored.etag:
                request_headers["If-None-Match"] = stored.etag
            if stored.last_modified:
                request_headers["If-Modified-Since"] = stored.last_modified
        response = await self._with_retries(url, request_headers)
        return self._remember(url, response, stored)

    def _remember(
        self, url: str, response: HostResponse, stored: StoredResponse | None
    ) -> HostResponse:
        if response.status == 304 and stored is not None:
            if self.cache is not None:
                self.cache.touch(url)
            headers = {**stored.headers, **_rate_headers(response.headers)}
            return HostResponse(url, 200, headers, stored.body, from_cache=True)
        validators = response.headers.get("etag"), response.headers.get("last-modified")
        if response.status == 200 and self.cache is not None and any(validators):
            kept = {
                name: response.headers[name] for name in KEPT_HEADERS if name in response.headers
            }
            self.cache.put(url, StoredResponse(validators[0], validators[1], response.body, kept))
        return response

    async def _with_retries(self, url: str, headers: dict[str, str]) -> HostResponse:
        attempts = self.settings.host_max_retries + 1
        for attempt in range(attempts):
            await self._respect_pause(url)
            last = attempt == attempts - 1
            try:
                response = await self._send(url, headers)
            except httpx.TransportError as exc:
                if last:
                    raise HostError(f"{url}: host not reachable ({type(exc).__name__})") from exc
                await self._wait(backoff(attempt, cap=self.settings.host_max_wait_seconds))
                continue
            self.stats.count(response.status)
            wait = rate_limit_wait(response.status, response.headers, response.body, time.time())
            if wait is not None:
                if wait > self.settings.host_max_wait_seconds:
                    raise RateLimited(
                        f"{url}: rate limit; the host asks to wait {wait:.0f} s, more than "
                        f"the {self.settings.host_max_wait_seconds:.0f} s allowed",
                        status=response.status,
                    )
                if not last:
                    await self._wait(jitter(wait))
                    continue
            elif response.status >= 500 and not last:
                await self._wait(backoff(attempt, cap=self.settings.host_max_wait_seconds))
                continue
            self._note_budget(url, response.headers)
            return response
        raise RateLimited(f"{url}: still rate limited after {attempts} attempts")

    async def _wait(self, seconds: float) -> None:
        self.stats.retries += 1
        self.stats.waited_seconds += seconds
        await self.sleep(seconds)

    def _note_budget(self, url: str, headers: Mapping[str, str]) -> None:
        """A spent budget pauses this host until its reset, so no request is wasted."""
        reset = exhausted_until(headers)
        if reset is not None:
            self._paused_until[_origin(url)] = reset

    async def _respect_pause(self, url: str) -> None:
        until = self._paused_until.pop(_origin(url), None)
        if until is None:
            return
        wait = until - time.time()
        if wait > self.settings.host_max_wait_seconds:
            raise RateLimited(f"{url}: the host's rate limit is spent for {wait:.0f} s")
        if wait > 0:
            await self._wait(jitter(wait))

    async def _send(self, url: str, headers: dict[str, str]) -> HostResponse:
        async with self.http.stream("GET", url, headers=headers) as response:
            body = self.rules.body(url, response.headers)
            async for chunk in response.aiter_bytes():
                body.add(chunk)
            lowered = {name.lower(): value for name, value in response.headers.items()}
            return HostResponse(url, response.status_code, lowered, body.bytes())

    def _auth(self, url: str) -> dict[str, str]:
        token = token_for(self.settings.host_tokens, url)
        return {"Authorization": f"Bearer {token}"} if token else {}


def token_for(tokens: Mapping[str, str], url: str) -> str | None:
    """The token configured for ``url``'s exact origin, and only over https.

    A member can submit ``http://<a host with a token>:<any port>/group``: the token must
    not go out in clear text, nor to another port or host of the same name.
    """
    parts = urlsplit(url)
    try:
        port = parts.port or 443
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() != "https" or not host:
        return None
    wanted = ("https", API_HOSTS.get(host, host), port)
    for key, token in tokens.items():
        try:
            if token_origin(key) in {wanted, ("https", host, port)}:
                return token
        except ValueError:
            continue
    return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _rate_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if "ratelimit" in k or k == "retry-after"}


def make_host_client(
    settings: Settings,
    *,
    cache: ResponseCache | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> HostClient:
    """The client every host driver uses (``transport`` for recorded answers)."""
    rules = FetchRules.of(settings)
    http = httpx.AsyncClient(
        **rules.client_options({"Accept": "application/json"}),
        transport=transport or AsyncEgressTransport(allow_private=rules.allow_private),
    )
    return HostClient(settings, http, cache=cache, sleep=sleep)
