"""Reading an open-catalog-api catalogue: ``/software`` and ``/publishers``, page by page.

    summary = harvest_catalog(session, catalog, settings=settings, now=now)

Every request goes through ``importers.hosts.HostClient`` (the address guard, timeouts,
size caps, ``Retry-After`` on 429, backoff on 5xx), asks "changed since?" with the ETag
stored for that page URL (an unchanged page is a ``304`` and its stored body is reused),
and waits ``min_interval`` seconds between two requests to the same catalogue (polite to
small instances). Paging follows ``links.next`` (a cursor for ``page[after]`` or a URL).
The rules for what an entry becomes are ``registry.federation.harvest``.

A catalogue of kind ``gitlab`` (OpenCoDE, ``https://gitlab.opencode.de``) is a GitLab
instance: its registered groups are walked with the GitLab driver of ``importers.hosts``
(subgroups included, ETags on the listing), and each project's ``publiccode.yml`` is read
only when the listing shows the project changed since the last harvest; a project without
one is remembered and not asked again until it changes.

After each page the harvest records where it is (``Harvest.checkpoint``) and calls
``checkpoint`` (the command line commits there): a harvest killed half-way carries on from
the next page when it runs again, and only a complete listing retires anything.

A page that fails ends the harvest with the reason: what earlier pages brought stays, the
catalogue row says ``failed``, and nothing is marked removed (the listing was incomplete).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from sqlalchemy.orm import Session

from importers.hosts import GitLabDriver, HostError, HostRepository, locate, make_host_client
from importers.hosts.client import HostClient
from registry.catalogue import GITLAB, HarvestedCatalog
from registry.crawl import HttpCacheStore
from registry.federation import Harvest, HarvestSummary
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
    client: HostClient, pacer: _Pacer, base_url: str, resource: str, size: int,
    *, start: str | None = None,
) -> AsyncIterator[tuple[list[Any], str | None]]:  # fmt: skip
    """Each page's entries with the URL of the page after it (None after the last)."""
    current: str | None = start or list_url(base_url, resource, size=size)
    for _ in range(MAX_PAGES):
        if current is None:
            return
        await pacer.wait()
        response = await client.get(current)
        body = response.json()
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise HostError(f"{current}: expected {{data: [...], links: {{...}}}}")
        current = _next(base_url, resource, current, body.get("links"), size)
        yield body["data"], current
    raise HostError(f"{base_url}/{resource}: more than {MAX_PAGES} pages")


@dataclass
class _Walk:
    """What every walker needs: the rules, the client, pacing, progress, the commit hook."""

    harvest: Harvest
    client: HostClient
    pacer: _Pacer
    base_url: str
    progress: Progress
    size: int
    checkpoint: Callable[[], None]

    def saved(self, **where: Any) -> None:
        self.harvest.checkpoint(**where)
        self.checkpoint()


async def _walk(walk: _Walk) -> None:
    """``/publishers`` then ``/software``, resuming at the page an interrupted run reached."""
    harvest, resumed = walk.harvest, walk.harvest.resumed or {}
    order: list[tuple[str, Callable[[list[Any]], None]]] = [
        ("publishers", harvest.publishers), ("software", harvest.software)
    ]  # fmt: skip
    if resumed.get("resource") == "software":
        order = order[1:]
    for resource, take in order:
        start = resumed.get("next") if resumed.get("resource") == resource else None
        if resumed.get("resource") == resource and start is None:
            continue  # that listing was complete when the harvest stopped
        count = 0
        pages = _pages(walk.client, walk.pacer, walk.base_url, resource, walk.size, start=start)
        async for page, following in pages:
            take(page)
            count += len(page)
            walk.progress(resource, count)
            walk.saved(resource=resource, next=following)


async def _walk_gitlab(walk: _Walk, groups: list[str]) -> None:
    """Every project of every group; its publiccode.yml read only when the project changed."""
    count = 0
    for group in groups:
        location = locate(f"{walk.base_url}/{group}", driver=GITLAB)
        driver = GitLabDriver(walk.client, api_base=location.api_base,
                              web_base=location.web_base)  # fmt: skip
        await walk.pacer.wait()
        projects = await driver.list_repositories(group)
        for start in range(0, len(projects), walk.size):
            chunk = projects[start : start + walk.size]
            items = [await _project_item(walk, driver, p) for p in chunk]
            walk.harvest.software([i for i in items if i is not None])
            for project in chunk:
                _remember(walk.harvest, project)
            count += len(chunk)
            walk.progress("projects", count)
            walk.saved(resource="projects")


async def _project_item(
    walk: _Walk, driver: GitLabDriver, project: HostRepository
) -> dict[str, Any] | None:
    """The project as a catalogue's software; None when it has no publiccode.yml."""
    harvest = walk.harvest
    if harvest.project_fingerprint(project.host_id) == project.fingerprint():
        return harvest.stored_item(project.host_id)
    await walk.pacer.wait()
    text = await driver.publiccode(project)
    if text is None:
        return None
    return {"id": project.host_id, "url": project.web_url, "aliases": [],
            "publiccodeYml": text, "active": True}  # fmt: skip


def _remember(harvest: Harvest, project: HostRepository) -> None:
    listed = ("software", project.host_id) in harvest.rows and project.host_id in harvest.seen
    harvest.remember_project(project.host_id, project.web_url, project.fingerprint(),
                             listed=listed)  # fmt: skip


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
    checkpoint: Callable[[], None] | None = None,
) -> HarvestSummary:
    """Harvest ``catalog`` into the caller's unit of work (committed only by ``checkpoint``).

    ``page_size`` (1-100) trades requests for smaller answers; ``transport`` replaces the
    egress only for recorded answers; ``checkpoint`` is called after each page, once the
    harvest has recorded where it is (commit there, and a crash resumes from that page).
    """
    harvest = Harvest(session, catalog, now=now)
    client = make_host_client(settings, cache=HttpCacheStore(session), transport=transport)
    walk = _Walk(harvest, client, _Pacer(min_interval), catalog.base_url,
                 progress or (lambda _r, _n: None), page_size,
                 checkpoint or (lambda: None))  # fmt: skip
    groups = [str(g) for g in (catalog.options or {}).get("groups", [])]

    async def run() -> str | None:
        async with client:
            try:
                if catalog.kind == GITLAB:
                    await _walk_gitlab(walk, groups)
                else:
                    await _walk(walk)
            except HostError as exc:
                return exc.message
            except httpx.HTTPError as exc:
                return f"{catalog.base_url}: {type(exc).__name__}"
        return None

    error = asyncio.run(run())
    stats = client.stats
    return harvest.finish(error=error, requests=stats.sent, not_modified=stats.not_modified)
