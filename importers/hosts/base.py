"""What every host driver returns, and the interface the crawl speaks to.

A driver *fetches* (through ``HostClient``) and *maps* (pure ``map_*`` functions over the
host's JSON), as in ecosyste.ms' adapters: the mapping is tested on the hosts' own
example bodies, the fetching over a real HTTP server on loopback.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from importers.hosts.client import HostClient, HostNotFound, HostResponse

__all__ = ["HostDriver", "HostRelease", "HostRepository", "next_page_url", "parse_time"]

_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([^";]+)"?')


@dataclass(frozen=True, slots=True)
class HostRelease:
    """A release as the host lists it."""

    tag: str
    name: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HostRepository:
    """One repository as its host describes it (listing fields, then details)."""

    driver: str
    host_id: str
    full_name: str
    web_url: str
    clone_url: str
    description: str | None = None
    topics: tuple[str, ...] = ()
    licence: str | None = None  # SPDX id as the host sees it
    archived: bool = False
    fork: bool = False
    fork_parent: str | None = None  # web URL of the repository it forks
    default_branch: str | None = None
    stars: int | None = None
    forks: int | None = None
    issues_enabled: bool | None = None
    pushed_at: datetime | None = None
    updated_at: datetime | None = None
    languages: dict[str, float] = field(default_factory=dict)
    releases: tuple[HostRelease, ...] = ()
    publiccode: str | None = None
    detailed: bool = False

    def fingerprint(self) -> str:
        """Changes whenever the listing shows a change (push, rename, archive, settings)."""
        parts = (
            self.full_name, self.web_url, str(self.archived), str(self.pushed_at),
            str(self.updated_at), self.default_branch or "", self.description or "",
        )  # fmt: skip
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def with_details(self, **changes: Any) -> HostRepository:
        """A copy with detail fields filled in."""
        return replace(self, detailed=True, **changes)

    def to_metadata(self) -> dict[str, Any]:
        """JSON-safe facts for ``Repository.host_metadata``."""
        data = asdict(self)
        data.pop("publiccode")
        for key in ("pushed_at", "updated_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["releases"] = [
            {**r, "published_at": r["published_at"].isoformat() if r["published_at"] else None}
            for r in data["releases"]
        ]
        data["topics"] = list(self.topics)
        return data


def parse_time(raw: object) -> datetime | None:
    """An ISO 8601 time from a host (``Z`` or an offset), or None."""
    if not isinstance(raw, str) or not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def next_page_url(response: HostResponse) -> str | None:
    """The next page of a list.

    ``Link: rel="next"`` (GitHub, Forgejo, GitLab keyset), else GitLab's ``x-next-page``
    (offset pagination) applied to the current URL.
    """
    for target, rel in _LINK.findall(response.headers.get("link", "")):
        if "next" in str(rel).split():
            return str(target)
    following = response.headers.get("x-next-page", "").strip()
    if following.isdigit():
        parts = urlsplit(response.url)
        query = dict(parse_qsl(parts.query))
        query["page"] = following
        return urlunsplit(parts._replace(query=urlencode(query)))
    return None


class HostDriver(ABC):
    """One Git host's API: list an owner's repositories, read one, fetch publiccode.yml."""

    kind: ClassVar[str]

    def __init__(self, client: HostClient, *, api_base: str, web_base: str) -> None:
        self.client = client
        self.api_base = api_base.rstrip("/")
        self.web_base = web_base.rstrip("/")

    async def pages(self, url: str, *, limit: int = 1000) -> AsyncIterator[list[Any]]:
        """Every page of a list endpoint (at most ``limit`` pages: a runaway host stops)."""
        current: str | None = url
        for _ in range(limit):
            if current is None:
                return
            response = await self.client.get(current)
            body = response.json()
            if not isinstance(body, list):
                raise HostNotFound(f"{current}: expected a list, got {type(body).__name__}")
            yield body
            current = next_page_url(response)

    async def get_json(self, url: str) -> Any:
        """One JSON document."""
        return (await self.client.get(url)).json()

    async def org_or_user_repositories(
        self, owner: str, query: str, mapper: Callable[[Any], HostRepository]
    ) -> list[HostRepository]:
        """``/orgs/{owner}/repos?query``, or ``/users/{owner}/repos`` when it is a user
        (GitHub and Gitea/Forgejo share this layout)."""
        name = quote(owner, safe="")
        found: list[HostRepository] = []
        try:
            async for page in self.pages(f"{self.api_base}/orgs/{name}/repos?{query}"):
                found.extend(mapper(item) for item in page)
        except HostNotFound:
            async for page in self.pages(f"{self.api_base}/users/{name}/repos?{query}"):
                found.extend(mapper(item) for item in page)
        return found

    @abstractmethod
    async def list_repositories(self, owner: str) -> list[HostRepository]:
        """Every repository of an organisation, group or user (listing fields only)."""

    @abstractmethod
    async def repository(self, full_name: str) -> HostRepository:
        """One repository's listing fields; follows renames; ``HostNotFound`` if deleted."""

    @abstractmethod
    async def details(self, repo: HostRepository) -> HostRepository:
        """Languages, releases, host licence and publiccode.yml added to a listed repository."""

    @abstractmethod
    async def is_owner(self, path: str) -> bool:
        """True when ``path`` names an organisation, group or user (not a repository)."""
