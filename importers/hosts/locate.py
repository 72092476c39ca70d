"""From a URL a user gives to a driver, an API base and an owner or repository path."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from registry.errors import InvalidInput

__all__ = ["DRIVERS", "HostLocation", "guess_driver", "locate"]

DRIVERS = ("github", "gitlab", "gitea")
_GITLAB_HOSTS = frozenset({"gitlab.com", "gitlab.opencode.de", "opencode.de", "git.opencode.de"})
_FORGEJO_HOSTS = frozenset({"codeberg.org", "gitea.com", "next.forgejo.org"})


@dataclass(frozen=True, slots=True)
class HostLocation:
    """Where an owner or a repository lives: driver, web and API bases, and its path."""

    driver: str
    web_base: str
    api_base: str
    path: str

    @property
    def url(self) -> str:
        """The web URL of the owner or repository."""
        return f"{self.web_base}/{self.path}"


def guess_driver(url: str) -> str | None:
    """``github``, ``gitlab`` or ``gitea`` from the host name; None when it cannot tell."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    if host in {"github.com", "www.github.com"} or host.startswith("github."):
        return "github"
    if host in _GITLAB_HOSTS or host.startswith("gitlab.") or ".gitlab." in host:
        return "gitlab"
    if host in _FORGEJO_HOSTS or host.startswith(("gitea.", "forgejo.", "codeberg.")):
        return "gitea"
    return None


def _api_base(driver: str, web_base: str, host: str) -> str:
    if driver == "github":
        return (
            "https://api.github.com"
            if host in {"github.com", "www.github.com"}
            else (f"{web_base}/api/v3")
        )
    return f"{web_base}/api/v4" if driver == "gitlab" else f"{web_base}/api/v1"


def locate(url: str, *, driver: str | None = None) -> HostLocation:
    """Parse an organisation, group, user or repository URL; ``driver`` overrides the guess."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput(f"url: expected an http(s) URL of a Git host, got {url!r}", field="url")
    chosen = driver or guess_driver(url)
    if chosen is None:
        raise InvalidInput(
            f"driver: cannot tell which Git host {parts.hostname} runs; choose one of "
            f"{', '.join(DRIVERS)} (--driver) / Git-Host nicht erkannt, bitte --driver angeben",
            field="driver",
        )
    if chosen not in DRIVERS:
        raise InvalidInput(f"driver: must be one of {', '.join(DRIVERS)}", field="driver")
    path = parts.path.split("/-/", 1)[0].strip("/").removesuffix(".git")
    if not path:
        raise InvalidInput(f"url: {url!r} names no organisation, group or user", field="url")
    host = parts.hostname.lower()
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    web_base = f"{parts.scheme}://{netloc}"
    if chosen == "github" and host == "api.github.com":
        web_base = "https://github.com"
    return HostLocation(chosen, web_base, _api_base(chosen, web_base, host), path)
