"""From a URL a user gives to a driver, an API base and an owner or repository path.

Which driver a host runs is decided in ``registry.forges`` (one list, one guess).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from registry.errors import InvalidInput
from registry.forges import DRIVER_NAMES, HOST_DRIVERS, driver_named, guess_driver

__all__ = ["DRIVERS", "HostLocation", "guess_driver", "locate"]

DRIVERS = HOST_DRIVERS


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
    chosen = driver_named(driver) if driver else guess_driver(url)
    if chosen is None:
        raise InvalidInput(
            f"driver: cannot tell which Git host {parts.hostname} runs; choose one of "
            f"{', '.join(DRIVER_NAMES)} (--driver) / "
            "Git-Host nicht erkannt, bitte --driver angeben",
            field="driver",
        )
    path = parts.path.split("/-/", 1)[0].strip("/").removesuffix(".git")
    if not path:
        raise InvalidInput(f"url: {url!r} names no organisation, group or user", field="url")
    host = parts.hostname.lower()
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    web_base = f"{parts.scheme}://{netloc}"
    if chosen == "github" and host == "api.github.com":
        web_base = "https://github.com"
    return HostLocation(chosen, web_base, _api_base(chosen, web_base, host), path)
