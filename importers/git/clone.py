"""Open a local repository or make a bare, bounded clone of a remote one.

Remote URLs pass ``importers.urlguard`` first; local paths are admitted only for
trusted callers or with ``allow_local_repositories``. Clones go to a temporary
directory under ``settings.git_cache_dir`` and are removed afterwards ("bare clone,
derive facts, discard"). The transfer is aborted from libgit2's progress callback
when the deadline passes, and the clone runs in a child process that is killed at the
deadline, because pygit2 offers no timeout of its own and waits silently for a server
that never finishes sending. HTTP redirects are not followed (they would bypass the
address guard). The child dies with its worker, even one killed with SIGKILL (Linux:
``PR_SET_PDEATHSIG``; elsewhere it watches its parent), and a clone directory is named
after its process, so one left by a dead process is removed when a worker starts
(``sweep_stale_clones``).

libgit2 resolves names itself, so it never dials a name the guard looked at: http(s)
clones go through a loopback proxy that connects only to a checked address
(``importers.git.proxy``), ``git://`` clones dial the checked address itself, and ssh
clones are refused (the registry has no ssh credentials, and libgit2's ssh cannot be
pinned to an address).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import pygit2

from importers.urlguard import UnsafeURLError, check_remote_url, checked_addresses, is_local_source
from registry.settings import Settings

__all__ = [
    "CloneTimeoutError",
    "GitSourceError",
    "OpenedRepository",
    "UnsafeURLError",
    "default_tip",
    "open_source",
    "sweep_stale_clones",
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


def origin_url(source: str) -> str | None:
    """The ``origin`` remote of a local checkout (its public URL, as the checkout was
    cloned from), or None for remote sources and checkouts without one."""
    if not is_local_source(source):
        return None
    try:
        remote = pygit2.Repository(str(_local_path(source))).remotes["origin"]
    except (KeyError, ValueError, pygit2.GitError):
        return None
    return str(remote.url) if remote.url else None


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


def _init_bare(path: str, bare: bool) -> pygit2.Repository:
    """The clone's repository, set up so that libgit2 follows no HTTP redirect.

    libgit2 would otherwise follow the first redirect to any host, past the address
    guard (a public URL answering ``302 Location: http://169.254.169.254/``).
    """
    repo = pygit2.init_repository(path, bare=True)
    repo.config["http.followRedirects"] = "false"
    return repo


#: ``prctl`` option: the signal this process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` dies, however it dies.

    On Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``; the thread that started the
    child waits for it, so the signal comes only with the worker's death); elsewhere a
    thread watches the parent. Checked once more afterwards: the parent may have died
    before the request was made.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # pragma: no cover - the registry runs on Linux
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _clone_child(
    url: str, target: str, depth: int, deadline: float, conn: Connection, *, proxy: str | None,
    parent: int,
) -> None:  # fmt: skip
    """Run in a child process: clone, then report None or the error's message."""
    _die_with_parent(parent)
    try:
        pygit2.clone_repository(
            url,
            target,
            bare=True,
            depth=depth,
            repository=_init_bare,
            callbacks=_DeadlineCallbacks(deadline),
            proxy=proxy,
        )
    except CloneTimeoutError:
        conn.send(("timeout", "clone timed out"))
    except (pygit2.GitError, ValueError, OSError) as exc:
        conn.send(("error", str(exc)))
    else:
        conn.send(("ok", ""))
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class _Route:
    """How libgit2 reaches a remote: the URL it dials, the proxy it tunnels through (https)
    and where the loopback proxy notes its refusals."""

    url: str
    proxy: str | None = None
    refused: list[str] = field(default_factory=list)


@contextmanager
def _pinned(url: str, settings: Settings, deadline: float) -> Iterator[_Route]:
    """A route to ``url`` that ends at an address checked as the connection opens."""
    parts = urlsplit(url) if "://" in url else None
    scheme = parts.scheme.lower() if parts is not None else "ssh"
    if parts is None or not parts.hostname or scheme not in {"http", "https", "git"}:
        raise UnsafeURLError(f"only http, https and git:// repositories are cloned, not {url!r}")
    allow_private = settings.allow_private_addresses
    if scheme == "git":
        address = checked_addresses(parts.hostname, allow_private=allow_private)[0]
        host = f"[{address}]" if ":" in address else address
        yield _Route(urlunsplit(parts._replace(netloc=f"{host}:{parts.port or 9418}")))
        return
    # Loaded here: the proxy brings httpx (and its CLI's rich and pygments), which a
    # local checkout never needs (bench/cli_bench.py).
    from importers.git.proxy import clone_proxy  # noqa: PLC0415

    port = parts.port or (443 if scheme == "https" else 80)
    timeout = max(1.0, deadline - time.monotonic())
    with clone_proxy(parts.hostname, port, allow_private=allow_private, timeout=timeout) as proxy:
        if scheme == "https":
            yield _Route(url, proxy.url, proxy.refused)
        else:
            yield _Route(proxy.reverse_url(url), None, proxy.refused)


def _run_child(
    url: str, target: Path, settings: Settings, deadline: float, proxy: str | None
) -> tuple[str, str]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_clone_child,
        args=(url, str(target), settings.git_depth, deadline, sender),
        kwargs={"proxy": proxy, "parent": os.getpid()},
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        ready = receiver.poll(max(0.0, deadline - time.monotonic()))
        outcome: tuple[str, str] = receiver.recv() if ready else ("timeout", "")
    except EOFError:
        outcome = ("error", f"clone process ended with exit code {child.exitcode}")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    return outcome


def _clone(url: str, target: Path, settings: Settings, deadline: float) -> pygit2.Repository:
    """Clone in a child process that is killed at the deadline.

    libgit2 has no overall timeout and calls no callback while it waits for the ref
    advertisement, so a server that never finishes sending would block the worker for
    ever; a killed child closes its sockets and leaves nothing behind.
    """
    with _pinned(url, settings, deadline) as route:
        status, message = _run_child(route.url, target, settings, deadline, route.proxy)
    if route.refused:
        raise UnsafeURLError(route.refused[0])
    if status == "timeout":
        raise CloneTimeoutError(
            f"clone of {url} timed out after {settings.git_timeout_seconds:g} s"
        )
    if status != "ok":
        raise GitSourceError(f"cannot clone {url}: {message}")
    try:
        return pygit2.Repository(str(target))
    except (pygit2.GitError, KeyError) as exc:
        raise GitSourceError(f"cannot open the clone of {url}: {exc}") from exc


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
    workdir = Path(tempfile.mkdtemp(prefix=_clone_prefix(), dir=settings.git_cache_dir))
    try:
        repo = _clone(source, workdir / "repo.git", settings, deadline)
        branch, tip = default_tip(repo)
        yield OpenedRepository(repo, tip, branch, repo.is_shallow)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _clone_prefix() -> str:
    """Clone directories are named after their process and host: ``clone-<pid>@<host>-…``."""
    return f"clone-{os.getpid()}@{socket.gethostname()}-"


_CLONE_DIR = re.compile(r"clone-(\d+)@(.+)-[^-]+")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep_stale_clones(cache_dir: Path) -> list[Path]:
    """Remove the clone directories of this host's processes that no longer run.

    A worker killed mid-clone cannot remove its temporary clone; the next worker or server
    to start on the host does. Directories of other hosts (a shared cache) stay.
    """
    if not cache_dir.is_dir():
        return []
    host = socket.gethostname()
    removed = []
    for entry in sorted(cache_dir.iterdir()):
        found = _CLONE_DIR.fullmatch(entry.name)
        if found is None or found.group(2) != host or _running(int(found.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed
