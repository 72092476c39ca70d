"""Forgejo and Gitea API v1 (Codeberg and self-hosted instances)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from importers.hosts._github import ContentsApi, map_github_releases
from importers.hosts.base import HostRepository, parse_time

__all__ = ["ForgejoDriver", "map_forgejo_repository"]


def map_forgejo_repository(data: dict[str, Any]) -> HostRepository:
    """A ``Repository`` body (list item or ``GET /repos/{owner}/{repo}``)."""
    parent = data.get("parent") or {}
    return HostRepository(
        driver="gitea",
        host_id=str(data["id"]),
        full_name=str(data["full_name"]),
        web_url=str(data["html_url"]),
        clone_url=str(data.get("clone_url") or f"{data['html_url']}.git"),
        description=data.get("description") or None,
        topics=tuple(str(t) for t in data.get("topics") or ()),
        archived=bool(data.get("archived")),
        fork=bool(data.get("fork")),
        fork_parent=parent.get("html_url") if isinstance(parent, dict) else None,
        default_branch=data.get("default_branch"),
        stars=data.get("stars_count"),
        forks=data.get("forks_count"),
        issues_enabled=data.get("has_issues"),
        # Forgejo has no push time in the listing; updated_at moves on every push.
        pushed_at=parse_time(data.get("updated_at")),
        updated_at=parse_time(data.get("updated_at")),
    )


class ForgejoDriver(ContentsApi):
    """Organisations, falling back to users when the name is not an organisation."""

    kind = "gitea"

    def _repos_url(self, full_name: str) -> str:
        return f"{self.api_base}/repos/{quote(full_name, safe='/')}"

    async def list_repositories(self, owner: str) -> list[HostRepository]:
        """``/orgs/{org}/repos``, or ``/users/{name}/repos`` when it is a user."""
        limit = min(self.client.settings.host_page_size, 50)  # MAX_RESPONSE_ITEMS default
        return await self.org_or_user_repositories(owner, f"limit={limit}", map_forgejo_repository)

    async def repository(self, full_name: str) -> HostRepository:
        """``GET /repos/{owner}/{repo}``."""
        return map_forgejo_repository(await self.get_json(self._repos_url(full_name)))

    async def details(self, repo: HostRepository) -> HostRepository:
        """Languages (bytes), releases, publiccode.yml (Forgejo reports no licence)."""
        base = self._repos_url(repo.full_name)
        languages = await self.get_json(f"{base}/languages")
        releases = await self.get_json(f"{base}/releases?limit=50")
        return repo.with_details(
            languages={str(k): float(v) for k, v in dict(languages).items()},
            releases=map_github_releases(list(releases)),
            publiccode=await self._publiccode(base),
        )
