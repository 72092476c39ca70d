"""The Git hosts the registry knows: one list of drivers and one guess from a URL.

Everything that names a host type reads it from here: ``--driver`` on the command
line, the drivers of ``importers/hosts``, the stored ``CodeSource.driver`` and
``Repository.forge`` (``registry.entries.vocab``). Forgejo is a fork of Gitea with
the same API, so ``forgejo`` is accepted as another name of the ``gitea`` driver and
stored as ``gitea``.

    >>> guess_driver("https://git.opencode.de/stadt/app")
    'gitlab'
    >>> driver_named("Forgejo")
    'gitea'
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from registry.errors import InvalidInput

__all__ = [
    "DRIVER_ALIASES",
    "DRIVER_NAMES",
    "HOST_DRIVERS",
    "PLAIN_GIT",
    "driver_named",
    "forge_of",
    "guess_driver",
]

#: Hosts with an API driver (``importers.hosts``), as stored.
HOST_DRIVERS: Final = ("github", "gitlab", "gitea")
#: Other names people give a driver, and the driver they mean.
DRIVER_ALIASES: Final = {"forgejo": "gitea"}
#: Every name ``--driver`` accepts.
DRIVER_NAMES: Final = (*HOST_DRIVERS, *DRIVER_ALIASES)
#: A repository on a host without a driver: only ``git`` itself reads it.
PLAIN_GIT: Final = "git"

_GITHUB_HOSTS = frozenset({"github.com", "www.github.com", "api.github.com"})
_GITLAB_HOSTS = frozenset({"gitlab.com", "gitlab.opencode.de", "opencode.de", "git.opencode.de"})
_GITEA_HOSTS = frozenset({"codeberg.org", "gitea.com", "next.forgejo.org"})


def driver_named(name: str) -> str:
    """The stored driver for a name a user typed (``forgejo`` → ``gitea``)."""
    key = name.strip().lower()
    key = DRIVER_ALIASES.get(key, key)
    if key not in HOST_DRIVERS:
        raise InvalidInput(f"driver: must be one of {', '.join(DRIVER_NAMES)}", field="driver")
    return key


def guess_driver(url: str) -> str | None:
    """``github``, ``gitlab`` or ``gitea`` from the host name; None when it cannot tell."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    labels = set(host.split(".")[:-1])  # the top-level domain names no host type
    if host in _GITHUB_HOSTS or host.startswith("github."):
        return "github"
    if host in _GITLAB_HOSTS or "gitlab" in labels:
        return "gitlab"
    if host in _GITEA_HOSTS or labels & {"gitea", "forgejo", "codeberg"}:
        return "gitea"
    return None


def forge_of(url: str) -> str:
    """The forge a repository URL is stored with: its driver, else ``git``."""
    return guess_driver(url) or PLAIN_GIT
