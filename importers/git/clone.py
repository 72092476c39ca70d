"""Open a local repository or make a bare, bounded clone of a remote one.

Remote URLs pass ``importers.urlguard`` first; local paths are admitted only for
trusted callers or with ``allow_local_repositories``. Clones go to a temporary
directory under ``settings.git_cache_dir`` and are removed afterwards ("bare clone,
derive facts, discard"). The transfer is aborted from libgit2's progress callback
when the deadline passes, because pygit2 offers no timeout of its own.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pygit2

from importers.urlguard import UnsafeURLError, check_remote_url, is_local_source
from registry.settings import Settings

__all__ = [
    "CloneTimeoutError",
    "GitSourceError",
    "OpenedRepository",
    "UnsafeURLError",
    "default_tip",
    "open_source",
]


class GitSourceError(Exception):
    """The repository could not be opened or cloned (the message says why)."""


class CloneTimeoutError(GitSourceError):
    """The clone took longer than ``settings.git_timeout_seconds``."""


@dataclass(frozen=True, slots=True)
class OpenedRepository:
    """A repository ready for reading, with its default branch's newest commit."""

    repo: pygit2.Repository
    tip: pygit2.Commit | None
    default_branch: str | None
    shallow: bool


class _DeadlineCallbacks(pygit2.RemoteCallbacks):
    """Abort the transfer once the deadline has passed (an exception in a callback aborts)."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self.deadline = deadline

    def transfer_progress(self, stats: object) -> None:
        """Called by libgit2 while objects arrive."""
        if time.monotonic() > self.deadline:
            raise CloneTimeoutError("clone timed out")

    def sideband_progress(self, string: str) -> None:
        """Called for server messages, also before any object arrives."""
        if time.monotonic() > self.deadline:
            raise CloneTimeoutError("clone timed out")


def _local_path(source: str) -> Path:
    if source.lower().startswith("file:"):
        return Path(unquote(urlsplit(source).path))
    return Path(source).expanduser()


def default_tip(repo: pygit2.Repository) -> tuple[str | None, pygit2.Commit | None]:
    """The default branch and its newest commit.

    After a fetch, local ``HEAD`` can be stale, so the remote's ``origin/HEAD`` wins.
    """
    candidates = ("refs/remotes/origin/HEAD", "HEAD", "refs/heads/main", "refs/heads/master")
    for name in candidates:
        try:
            ref = repo.lookup_reference(name).resolve()
            commit = repo[ref.target].peel(pygit2.Commit)
        except (KeyError, ValueError, pygit2.GitError):
            continue
        branch = ref.name.removeprefix("refs/heads/").removeprefix("refs/remotes/origin/")
        return branch, commit
    return None, None


def _clone(url: str, target: Path, settings: Settings, deadline: float) -> pygit2.Repository:
    try:
        return pygit2.clone_repository(
            url,
            str(target),
            bare=True,
            depth=settings.git_depth,
            callbacks=_DeadlineCallbacks(deadline),
        )
    except CloneTimeoutError:
        raise
    except (pygit2.GitError, ValueError, OSError) as exc:
        if time.monotonic() > deadline:
            raise CloneTimeoutError(f"clone of {url} timed out") from exc
        raise GitSourceError(f"cannot clone {url}: {exc}") from exc


@contextmanager
def open_source(
    source: str, *, settings: Settings, trusted: bool, deadline: float
) -> Iterator[OpenedRepository]:
    """Yield the opened repository; a temporary clone is deleted on exit.

    Raises ``UnsafeURLError`` for refused sources, ``GitSourceError`` otherwise.
    """
    allow_local = trusted or settings.allow_local_repositories
    check_remote_url(
        source, allow_private=settings.allow_private_addresses, allow_local=allow_local
    )
    if is_local_source(source):
        path = _local_path(source)
        try:
            repo = pygit2.Repository(str(path))
        except (pygit2.GitError, KeyError) as exc:
            raise GitSourceError(f"no git repository at {path}: {exc}") from exc
        branch, tip = default_tip(repo)
        yield OpenedRepository(repo, tip, branch, repo.is_shallow)
        return
    settings.git_cache_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="clone-", dir=settings.git_cache_dir))
    try:
        repo = _clone(source, workdir / "repo.git", settings, deadline)
        branch, tip = default_tip(repo)
        yield OpenedRepository(repo, tip, branch, repo.is_shallow)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
