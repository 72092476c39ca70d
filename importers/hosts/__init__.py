"""Git-host drivers (GitHub, GitLab, Forgejo/Gitea) behind one interface, over one client.

``locate(url, driver=None)`` tells the driver and the API base from a URL;
``make_driver(location, client)`` gives the driver; ``make_host_client(settings, cache=…)``
the polite client every driver uses (see ``importers.hosts.client`` for the error tree).
"""

from importers.hosts._forgejo import ForgejoDriver, map_forgejo_repository
from importers.hosts._github import GitHubDriver, map_github_releases, map_github_repository
from importers.hosts._gitlab import GitLabDriver, map_gitlab_project, map_gitlab_releases
from importers.hosts.base import HostDriver, HostRelease, HostRepository, next_page_url
from importers.hosts.client import (
    HostClient,
    HostError,
    HostNotFound,
    HostResponse,
    MemoryCache,
    RateLimited,
    RequestStats,
    ResponseCache,
    make_host_client,
)
from importers.hosts.locate import DRIVERS, HostLocation, guess_driver, locate

__all__ = [
    "DRIVERS",
    "ForgejoDriver",
    "GitHubDriver",
    "GitLabDriver",
    "HostClient",
    "HostDriver",
    "HostError",
    "HostLocation",
    "HostNotFound",
    "HostRelease",
    "HostRepository",
    "HostResponse",
    "MemoryCache",
    "RateLimited",
    "RequestStats",
    "ResponseCache",
    "guess_driver",
    "locate",
    "make_driver",
    "make_host_client",
    "map_forgejo_repository",
    "map_github_releases",
    "map_github_repository",
    "map_gitlab_project",
    "map_gitlab_releases",
    "next_page_url",
]

_DRIVERS: dict[str, type[HostDriver]] = {
    "github": GitHubDriver,
    "gitlab": GitLabDriver,
    "gitea": ForgejoDriver,
}


def make_driver(location: HostLocation, client: HostClient) -> HostDriver:
    """The driver for a located host."""
    return _DRIVERS[location.driver](client, api_base=location.api_base, web_base=location.web_base)
