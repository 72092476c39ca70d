"""Hostile repositories, built for real with pygit2 (and raw object files) in a folder.

Shared by ``tests/hostile`` and ``bench/hostile_bench.py``. Every builder is cheap: the
2 GiB blob is a real loose object of zeros, streamed through SHA-1 and zlib in chunks
(a few seconds, about 2 MB on disk, never 2 GiB in memory); the 200,000 files reuse one
blob; deep trees and the "git bomb" are a few thousand tree objects.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pygit2
from pygit2.enums import FileMode

from tests.fixtures.gitrepos import ALICE, NOW, Link, RepoBuilder

GIB = 1 << 30
_CHUNK = 16 << 20
WHEN = datetime(2026, 10, 1, tzinfo=UTC)


def _sig() -> pygit2.Signature:
    return pygit2.Signature(ALICE[0], ALICE[1], int(WHEN.timestamp()), 0)


def commit_tree(repo: pygit2.Repository, tree: pygit2.Oid, message: str = "hostile") -> str:
    """Commit ``tree`` on main and point HEAD at it."""
    oid = repo.create_commit("refs/heads/main", _sig(), _sig(), message, tree, [])
    repo.set_head("refs/heads/main")
    return str(oid)


def write_zero_blob(repo_path: Path, size: int) -> str:
    """A real, valid loose blob of ``size`` zero bytes, written without holding it."""
    header = f"blob {size}\0".encode()
    digest = hashlib.sha1(header)
    packer = zlib.compressobj(1)
    tmp = repo_path / "objects" / "tmp-huge"
    zeros = bytes(_CHUNK)
    with tmp.open("wb") as out:
        out.write(packer.compress(header))
        left = size
        while left:
            part = zeros if left >= _CHUNK else bytes(left)
            digest.update(part)
            out.write(packer.compress(part))
            left -= len(part)
        out.write(packer.flush())
    oid = digest.hexdigest()
    folder = repo_path / "objects" / oid[:2]
    folder.mkdir(exist_ok=True)
    os.replace(tmp, folder / oid[2:])
    return oid


def huge_blob_repo(path: Path, size: int = 2 * GIB) -> str:
    """LICENSE, openapi.yaml and a symlink all point at one ``size``-byte blob."""
    repo = pygit2.init_repository(str(path), bare=True)
    huge = pygit2.Oid(hex=write_zero_blob(path, size))
    builder = repo.TreeBuilder()
    builder.insert("README.md", repo.create_blob(b"# Huge\n\nLicensed under MIT.\n"), FileMode.BLOB)
    builder.insert("LICENSE", huge, FileMode.BLOB)
    builder.insert("openapi.yaml", huge, FileMode.BLOB)
    builder.insert("link-to-huge", huge, FileMode.LINK)
    return commit_tree(repo, builder.write())


def many_files_repo(path: Path, count: int = 200_000) -> None:
    """``count`` files in 200 folders, all the same small blob, named like source files."""
    repo = pygit2.init_repository(str(path), bare=True)
    blob = repo.create_blob(b"# SPDX-License-Identifier: MIT\nprint('x')\n")
    root = repo.TreeBuilder()
    root.insert("LICENSE", repo.create_blob(b"MIT\n"), FileMode.BLOB)
    per = count // 200
    for folder in range(200):
        sub = repo.TreeBuilder()
        for i in range(per):
            sub.insert(f"m{i:06d}.py", blob, FileMode.BLOB)
        root.insert(f"pkg{folder:03d}", sub.write(), FileMode.TREE)
    commit_tree(repo, root.write())


def git_bomb_repo(path: Path, fanout: int = 10, levels: int = 10) -> None:
    """``fanout ** levels`` paths from ``levels`` tree objects (each holds its child ``fanout``
    times): the classic "git bomb"."""
    repo = pygit2.init_repository(str(path), bare=True)
    blob = repo.create_blob(b"boom\n")
    builder = repo.TreeBuilder()
    for i in range(fanout):
        builder.insert(f"f{i}", blob, FileMode.BLOB)
    tree = builder.write()
    for _level in range(levels - 1):
        builder = repo.TreeBuilder()
        for i in range(fanout):
            builder.insert(f"d{i}", tree, FileMode.TREE)
        tree = builder.write()
    commit_tree(repo, tree)


def deep_repo(path: Path, depth: int) -> None:
    """``depth`` nested folders ``d/d/…/d`` with ``bottom.txt`` at the end, plus a LICENSE."""
    repo = pygit2.init_repository(str(path), bare=True)
    builder = repo.TreeBuilder()
    builder.insert("bottom.txt", repo.create_blob(b"deep\n"), FileMode.BLOB)
    tree = builder.write()
    for _level in range(depth):
        builder = repo.TreeBuilder()
        builder.insert("d", tree, FileMode.TREE)
        tree = builder.write()
    builder = repo.TreeBuilder(repo[tree].peel(pygit2.Tree))
    builder.insert("LICENSE", repo.create_blob(b"MIT\n"), FileMode.BLOB)
    commit_tree(repo, builder.write())


def symlink_repo(path: Path) -> None:
    """Symlinks out of the tree, some named like the files the importer reads."""
    RepoBuilder(path).commit(
        {
            "README.md": "# Links\n",
            "LICENSE": Link("../../etc/passwd"),
            "publiccode.yml": Link("/etc/passwd"),
            "docs/escape": Link("../../../../../../root/.ssh/id_rsa"),
            "docs/abs": Link("/proc/self/environ"),
            "docs/inside": Link("../README.md"),
            "package.json": Link("/etc/shadow"),
        },
        author=ALICE,
        when=WHEN,
    )


@dataclass
class Broken:
    """What was destroyed in the broken repository."""

    missing_blob_path: str = "src/gone.py"
    corrupt_blob_path: str = "README.md"
    mismatch_path: str = "docs/lies.md"
    missing_tree_path: str = "vanished"
    corrupt_tree_path: str = "mangled"
    wrong_type_path: str = "not-a-tree"
    removed: list[str] = field(default_factory=list)


def _loose(path: Path, oid: str) -> Path:
    return path / "objects" / oid[:2] / oid[2:]


def _overwrite(file: Path, data: bytes) -> None:
    os.chmod(file, 0o644)
    file.write_bytes(data)


def broken_repo(path: Path) -> Broken:
    """A tree with a missing blob, a corrupt loose blob, a blob whose content does not
    match its id, a missing subtree, a corrupt subtree, a folder entry that is a blob and
    a history whose parent commit is gone."""
    broken = Broken()
    builder = RepoBuilder(path)
    repo = builder.repo
    first = builder.commit({"old.txt": "old\n"}, author=ALICE, when=WHEN)
    builder.commit(
        {
            "LICENSE": "MIT\n",
            broken.corrupt_blob_path: "# Broken but readable elsewhere\n",
            broken.missing_blob_path: "print('gone')\n",
            broken.mismatch_path: "the truth\n",
            f"{broken.missing_tree_path}/a.txt": "a\n",
            f"{broken.corrupt_tree_path}/b.txt": "b\n",
            "ok/fine.txt": "fine\n",
        },
        author=ALICE,
        when=NOW,
    )
    tip = repo.lookup_reference("refs/heads/main").target
    root = repo[tip].peel(pygit2.Tree)
    # a folder entry whose object is a blob
    fixed = repo.TreeBuilder(root)
    pygit2.settings.enable_strict_object_creation(False)
    try:
        fixed.insert(broken.wrong_type_path, repo.create_blob(b"i am a blob\n"), FileMode.TREE)
    finally:
        pygit2.settings.enable_strict_object_creation(True)
    tip = repo.create_commit(
        "refs/heads/main", _sig(), _sig(), "type confusion", fixed.write(), [tip]
    )
    root = repo[tip].peel(pygit2.Tree)
    broken.removed.append(builder.remove_object(b"print('gone')\n"))
    _overwrite(_loose(path, str(root[broken.corrupt_blob_path].id)), b"\x78\x9cnot zlib at all")
    _overwrite(_loose(path, str(root[broken.mismatch_path].id)), zlib.compress(b"blob 5\0lies\n"))
    missing_tree = _loose(path, str(root[broken.missing_tree_path].id))
    os.chmod(missing_tree, 0o644)
    missing_tree.unlink()
    _overwrite(
        _loose(path, str(root[broken.corrupt_tree_path].id)), zlib.compress(b"tree 9\0garbage!!")
    )
    first_loose = _loose(path, str(first))
    os.chmod(first_loose, 0o644)
    first_loose.unlink()
    return broken


class Trickle:
    """An HTTP server on loopback that answers git's first request and never finishes.

    The status line and the first headers come at once; then one byte of an endless
    header every ``interval`` seconds, for ever (until ``close``).
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.requests = 0
        self.sent = 0
        self._stop = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def _accept(self) -> None:
        self._server.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _addr = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        self.requests += 1
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\n"
                    b"Content-Type: application/x-git-upload-pack-advertisement\r\n"
                    b"X-Never-Ends: "
                )
                while not self._stop.is_set():
                    conn.sendall(b"a")
                    self.sent += 1
                    time.sleep(self.interval)
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join()


@contextmanager
def trickling(interval: float = 0.05) -> Iterator[Trickle]:
    """A ``Trickle`` server for the duration of the block."""
    server = Trickle(interval)
    try:
        yield server
    finally:
        server.close()


class Redirector:
    """An HTTP server on loopback that answers every request with a redirect to ``target``
    (also when used as a forward proxy) and counts what it was asked."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.paths: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                return

            def do_GET(self) -> None:
                owner.paths.append(self.path)
                self.send_response(302)
                self.send_header("Location", owner.target)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@contextmanager
def redirecting(target: str) -> Iterator[Redirector]:
    """A ``Redirector`` for the duration of the block."""
    server = Redirector(target)
    try:
        yield server
    finally:
        server.close()


@dataclass
class Usage:
    """Wall time, growth of the peak resident set (Linux ``VmHWM``) and the Python heap."""

    seconds: float = 0.0
    rss_growth_mb: float = 0.0
    py_peak_mb: float = 0.0


def _vm(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


@contextmanager
def measured(*, python_heap: bool = True) -> Iterator[Usage]:
    """Measure the block: the peak RSS is reset first (``/proc/self/clear_refs``);
    ``python_heap`` traces Python allocations too (slower)."""
    usage = Usage()
    Path("/proc/self/clear_refs").write_text("5")
    before = _vm("VmRSS")
    if python_heap:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        yield usage
    finally:
        usage.seconds = time.perf_counter() - start
        if python_heap:
            usage.py_peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        usage.rss_growth_mb = max(0, _vm("VmHWM") - before) / 1e6
