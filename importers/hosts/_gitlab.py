"""GitLab REST v4: gitlab.com, OpenCoDE (gitlab.opencode.de) and any self-hosted instance."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from importers.hosts._github import decode_content
from importers.hosts.base import HostDriver, HostRelease, HostRepository, parse_time
from importers.hosts.client import HostNotFound
from registry.licensing import normalise_expression

__all__ = ["GitLabDriver", "map_gitlab_project", "map_gitlab_releases"]


def _licence(data: dict[str, Any]) -> str | None:
    licence = data.get("license")
    if not isinstance(licence, dict) or not licence.get("key"):
        return None
    return normalise_expression(str(licence["key"]))


def map_gitlab_project(data: dict[str, Any]) -> HostRepository:
    """A project body (group listing item or ``GET /projects/:id``) as ``HostRepository``."""
    parent = data.get("forked_from_project") or {}
    topics = data.get("topics") or data.get("tag_list") or ()
    return HostRepository(
        driver="gitlab",
        host_id=str(data["id"]),
        full_name=str(data["path_with_namespace"]),
        web_url=str(data["web_url"]),
        clone_url=str(data.get("http_url_to_repo") or f"{data['web_url']}.git"),
        description=data.get("description") or None,
        topics=tuple(str(t) for t in topics),
        licence=_licence(data),
        archived=bool(data.get("archived")),
        fork=bool(parent),
        fork_parent=parent.get("web_url") if isinstance(parent, dict) else None,
        default_branch=data.get("default_branch"),
        stars=data.get("star_count"),
        forks=data.get("forks_count"),
        issues_enabled=data.get("issues_enabled"),
        pushed_at=parse_time(data.get("last_activity_at")),
        updated_at=parse_time(data.get("updated_at")),
    )


def map_gitlab_releases(data: list[Any]) -> tuple[HostRelease, ...]:
    """Releases, newest first as GitLab lists them."""
    return tuple(
        HostRelease(str(r["tag_name"]), r.get("name"), parse_time(r.get("released_at")))
        for r in data
        if isinstance(r, dict) and r.get("tag_name")
    )


class GitLabDriver(HostDriver):
    """Groups with all their subgroups (``include_subgroups``), with the user fallback."""

    kind = "gitlab"

    def _project_url(self, ident: str) -> str:
        return f"{self.api_base}/projects/{quote(ident, safe='')}"

    async def list_repositories(self, owner: str) -> list[HostRepository]:
        """``/groups/:path/projects`` over every subgroup, or ``/users/:name/projects``."""
        per_page = min(self.client.settings.host_page_size, 100)
        ident = quote(owner.strip("/"), safe="")
        query = f"per_page={per_page}&order_by=id&sort=asc"
        found: list[HostRepository] = []
        try:
            url = f"{self.api_base}/groups/{ident}/projects?include_subgroups=true&{query}"
            async for page in self.pages(url):
                found.extend(map_gitlab_project(item) for item in page)
        except HostNotFound:
            async for page in self.pages(f"{self.api_base}/users/{ident}/projects?{query}"):
                found.extend(map_gitlab_project(item) for item in page)
        return found

    async def repository(self, full_name: str) -> HostRepository:
        """``GET /projects/:path``."""
        return map_gitlab_project(await self.get_json(self._project_url(full_name)))

    async def details(self, repo: HostRepository) -> HostRepository:
        """Project with licence, languages (percentages), releases, publiccode.yml."""
        base = self._project_url(repo.host_id)
        full = map_gitlab_project(await self.get_json(f"{base}?license=true"))
        languages = await self.get_json(f"{base}/languages")
        per_page = min(self.client.settings.host_page_size, 100)
        releases = await self.get_json(f"{base}/releases?per_page={per_page}")
        return full.with_details(
            languages={str(k): float(v) for k, v in dict(languages).items()},
            releases=map_gitlab_releases(list(releases)),
            publiccode=await self._publiccode(base, full.default_branch),
        )

    async def publiccode(self, repo: HostRepository) -> str | None:
        """The project's publiccode.yml on its default branch (None: it has none)."""
        return await self._publiccode(self._project_url(repo.host_id), repo.default_branch)

    async def _publiccode(self, base: str, branch: str | None) -> str | None:
        if not branch:
            return None
        url = f"{base}/repository/files/publiccode.yml?ref={quote(branch, safe='')}"
        try:
            data = await self.get_json(url)
        except HostNotFound:
            return None
        return decode_content(data) if isinstance(data, dict) else None

    async def is_owner(self, path: str) -> bool:
        """A group (any depth) or a user is an owner; a project is not."""
        try:
            await self.client.get(f"{self.api_base}/groups/{quote(path.strip('/'), safe='')}")
        except HostNotFound:
            return "/" not in path.strip("/")
        return True
