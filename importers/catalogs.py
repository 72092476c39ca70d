"""Reading an open-catalog-api catalogue: ``/software`` and ``/publishers``, page by page.

    summary = harvest_catalog(session, catalog, settings=settings, now=now)

Every request goes through ``importers.hosts.HostClient`` (the address guard, timeouts,
size caps, ``Retry-After`` on 429, backoff on 5xx), asks "changed since?" with the ETag
stored for that page URL (an unchanged page is a ``304`` and its stored body is reused),
and waits ``min_interval`` seconds between two requests to the same catalogue (polite to
small instances). Paging follows ``links.next`` (a cursor for ``page[after]`` or a URL).
The rules for what an entry becomes are ``registry.federation.harvest``.

A page that fails ends the harvest with the reason: what earlier pages brought stays, the
catalogue row says ``failed``, and nothing is marked removed (the listing was incomplete).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from sqlalchemy.orm import Session

from importers.hosts import HostError, make_host_client
from importers.hosts.client import HostClient
from registry.crawl import HttpCacheStore
from registry.federation import Harvest, HarvestedCatalog, HarvestSummary
from registry.settings import Settings

__all__ = ["MAX_PAGES", "PAGE_SIZE", "Progress", "harvest_catalog", "list_url"]

#: The API's largest page (fewest requests).
PAGE_SIZE = 100
#: A catalogue that pages on and on is stopped (1,000,000 entries at the largest page).
MAX_PAGES = 10_000
#: Seconds between two requests to one catalogue.
MIN_INTERVAL = 0.1

Progress = Callable[[str, int], None]


def list_url(
    base_url: str, resource: str, *, after: str | None = None, size: int = PAGE_SIZE
) -> str:
    """The URL of one page of ``resource`` (all entries, inactive ones included)."""
    query: dict[str, str] = {"all": "true", "page[size]": str(size)}
    if after:
        query["page[after]"] = after
    return f"{base_url.rstrip('/')}/{resource}?{urlencode(query)}"


def _next(base_url: str, resource: str, current: str, links: object, size: int) -> str | None:
    following = links.get("next") if isinstance(links, dict) else None
    if not isinstance(following, str) or not following:
        return None
    if following.startswith(("?", "/", "http://", "https://")):
        target = urljoin(current, following)
        if urlsplit(target).netloc != urlsplit(current).netloc:
            raise HostError(f"{current}: links.next leaves the catalogue ({target})")
        return target
    return list_url(base_url, resource, after=following, size=size)


class _Pacer:
    """At most one request per ``interval`` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last = 0.0

    async def wait(self) -> None:
        pause = self.last + self.interval - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)
        self.last = time.monotonic()


async def _pages(
    client: HostClient, pacer: _Pacer, base_url: str, resource: str, size: int
) -> AsyncIterator[list[Any]]:
    current: str | None = list_url(base_url, resource, size=size)
    for _ in range(MAX_PAGES):
        if current is None:
            return
        await pacer.wait()
        response = await client.get(current)
        body = response.json()
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise HostError(f"{current}: expected {{data: [...], links: {{...}}}}")
        yield body["data"]
        current = _next(base_url, resource, current, body.get("links"), size)
    raise HostError(f"{base_url}/{resource}: more than {MAX_PAGES} pages")


async def _walk(
    harvest: Harvest,
    client: HostClient,
    *,
    pacer: _Pacer,
    base_url: str,
    progress: Progress,
    size: int,
) -> None:
    for resource, take in (("publishers", harvest.publishers), ("software", harvest.software)):
        count = 0
        async for page in _pages(client, pacer, base_url, resource, size):
            take(page)
            count += len(page)
            progress(resource, count)


def harvest_catalog(
    session: Session,
    catalog: HarvestedCatalog,
    *,
    settings: Settings,
    now: datetime,
    progress: Progress | None = None,
    min_interval: float = MIN_INTERVAL,
    page_size: int = PAGE_SIZE,
    transport: httpx.AsyncBaseTransport | None = None,
) -> HarvestSummary:
    """Harvest ``catalog`` into the caller's unit of work (not committed here).

    ``page_size`` (1-100) trades requests for smaller answers; ``transport`` replaces the
    egress only for recorded answers.
    """
    harvest = Harvest(session, catalog, now=now)
    client = make_host_client(settings, cache=HttpCacheStore(session), transport=transport)

    async def run() -> str | None:
        async with client:
            try:
                await _walk(harvest, client, pacer=_Pacer(min_interval),
                            base_url=catalog.base_url, size=page_size,
                            progress=progress or (lambda _r, _n: None))  # fmt: skip
            except HostError as exc:
                return exc.message
            except httpx.HTTPError as exc:
                return f"{catalog.base_url}: {type(exc).__name__}"
        return None

    error = asyncio.run(run())
    stats = client.stats
    return harvest.finish(error=error, requests=stats.sent, not_modified=stats.not_modified)
