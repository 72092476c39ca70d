"""GitHub REST v3 (github.com and GitHub Enterprise's ``/api/v3``)."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from importers.hosts.base import HostDriver, HostRelease, HostRepository, parse_time
from importers.hosts.client import HostNotFound

__all__ = ["GitHubDriver", "decode_content", "map_github_releases", "map_github_repository"]

PUBLICCODE = "publiccode.yml"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def map_github_repository(data: dict[str, Any]) -> HostRepository:
    """A repository body (list item or ``GET /repos/{owner}/{repo}``) as ``HostRepository``."""
    licence = data.get("license") or {}
    spdx = licence.get("spdx_id") if isinstance(licence, dict) else None
    parent = data.get("parent") or {}
    return HostRepository(
        driver="github",
        host_id=str(data["id"]),
        full_name=str(data["full_name"]),
        web_url=str(data["html_url"]),
        clone_url=str(data.get("clone_url") or f"{data['html_url']}.git"),
        description=data.get("description") or None,
        topics=tuple(str(t) for t in data.get("topics") or ()),
        licence=spdx if spdx and spdx != "NOASSERTION" else None,
        archived=bool(data.get("archived")),
        fork=bool(data.get("fork")),
        fork_parent=parent.get("html_url") if isinstance(parent, dict) else None,
        default_branch=data.get("default_branch"),
        stars=_int(data.get("stargazers_count")),
        forks=_int(data.get("forks_count")),
        issues_enabled=data.get("has_issues"),
        pushed_at=parse_time(data.get("pushed_at")),
        updated_at=parse_time(data.get("updated_at")),
    )


def map_github_releases(data: list[Any]) -> tuple[HostRelease, ...]:
    """Published releases (drafts are not releases yet)."""
    return tuple(
        HostRelease(str(r["tag_name"]), r.get("name"), parse_time(r.get("published_at")))
        for r in data
        if isinstance(r, dict) and r.get("tag_name") and not r.get("draft")
    )


def decode_content(data: dict[str, Any]) -> str | None:
    """The text of a contents body (base64, with line breaks, as GitHub and Forgejo send)."""
    if data.get("type", "file") != "file" or data.get("encoding", "base64") != "base64":
        return None
    raw = str(data.get("content") or "").replace("\\n", "").replace("\n", "")
    try:
        return base64.b64decode(raw, validate=False).decode("utf-8", "replace")
    except ValueError:
        return None


class ContentsApi(HostDriver):
    """What GitHub and Gitea/Forgejo answer alike: file contents and owner paths."""

    async def _publiccode(self, base: str) -> str | None:
        try:
            data = await self.get_json(f"{base}/contents/{PUBLICCODE}")
        except HostNotFound:
            return None
        return decode_content(data) if isinstance(data, dict) else None

    async def is_owner(self, path: str) -> bool:
        """``owner`` is an owner, ``owner/repo`` a repository."""
        return "/" not in path.strip("/")


class GitHubDriver(ContentsApi):
    """Organisations with the user fallback; four requests per changed repository."""

    kind = "github"

    def _repos_url(self, full_name: str) -> str:
        return f"{self.api_base}/repos/{quote(full_name, safe='/')}"

    async def list_repositories(self, owner: str) -> list[HostRepository]:
        """``/orgs/{owner}/repos``, or ``/users/{owner}/repos`` when it is a user."""
        per_page = self.client.settings.host_page_size
        return await self.org_or_user_repositories(
            owner, f"per_page={per_page}", map_github_repository
        )

    async def repository(self, full_name: str) -> HostRepository:
        """``GET /repos/{owner}/{repo}``; a renamed one answers 301 to its new place."""
        return map_github_repository(await self.get_json(self._repos_url(full_name)))

    async def details(self, repo: HostRepository) -> HostRepository:
        """Full body (licence, parent), languages, releases, publiccode.yml."""
        base = self._repos_url(repo.full_name)
        full = map_github_repository(await self.get_json(base))
        languages = await self.get_json(f"{base}/languages")
        per_page = self.client.settings.host_page_size
        releases = await self.get_json(f"{base}/releases?per_page={per_page}")
        return full.with_details(
            languages={str(k): float(v) for k, v in dict(languages).items()},
            releases=map_github_releases(list(releases)),
            publiccode=await self._publiccode(base),
        )
