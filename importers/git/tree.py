"""Walk the default branch's tree without a work tree, within limits.

Nothing is checked out and no blob is read here: sizes come from the object
database header (``Odb.read_header``), so a 2 GB blob costs nothing until somebody
asks for it, and ``read_blob`` refuses blobs over the size limit. Symlinks are
recorded with their target and never followed out of the tree; missing objects
(partial or damaged clones) are recorded and skipped, never fatal.
"""

from __future__ import annotations

import posixpath
import time
from collections import deque
from dataclasses import dataclass, field

import pygit2
from pygit2.enums import FileMode

from registry.facts import SkippedBlob, Symlink

__all__ = ["BlobReader", "FileEntry", "TreeScan", "walk_tree"]

#: Cap on recorded skipped blobs, missing objects and symlinks, so facts stay small.
MAX_RECORDED = 200
#: Longest path walked (Linux PATH_MAX): bounds deep trees, whose path strings would
#: otherwise grow with every level.
MAX_PATH_CHARS = 4096
#: Largest tree object read (about a million entries); a bigger one is recorded missing.
MAX_TREE_BYTES = 64_000_000
#: Longest symlink target read; a "symlink" blob can be as large as any other blob.
MAX_LINK_BYTES = 4096


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A regular file in the tree; ``size`` from the object header."""

    path: str
    oid: pygit2.Oid
    size: int


@dataclass(slots=True)
class TreeScan:
    """The files of one tree and everything that could not be taken."""

    files: list[FileEntry] = field(default_factory=list)
    symlinks: list[Symlink] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    submodules: list[str] = field(default_factory=list)
    limits_hit: set[str] = field(default_factory=set)
    total_files: int = 0
    folders: int = 0

    def by_path(self) -> dict[str, FileEntry]:
        """Files keyed by path."""
        return {entry.path: entry for entry in self.files}


def _link_target(repo: pygit2.Repository, oid: pygit2.Oid) -> str | None:
    """The link's target; a blob over ``MAX_LINK_BYTES`` is described, never read."""
    try:
        _kind, size = repo.odb.read_header(oid)
        if size > MAX_LINK_BYTES:
            return f"<not read: {size} bytes>"
        _kind, data = repo.odb.read(oid)
    except (KeyError, pygit2.GitError):
        return None
    return bytes(data[:MAX_LINK_BYTES]).decode("utf-8", errors="replace")


def _note_missing(scan: TreeScan, path: str) -> None:
    if len(scan.missing) < MAX_RECORDED:
        scan.missing.append(path)


def _inside(path: str, target: str) -> bool:
    """Whether ``target`` (relative to ``path``'s folder) stays inside the tree."""
    if target.startswith("/"):
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    return not (joined == ".." or joined.startswith("../"))


def walk_tree(
    repo: pygit2.Repository, tree: pygit2.Tree, *, max_files: int, deadline: float
) -> TreeScan:
    """List the files under ``tree`` (breadth first, so root files are never cut off).

    The walk stops at ``max_files`` files or as many folders (a "git bomb" repeats one
    subtree so that a few objects stand for billions of paths), skips paths longer than
    ``MAX_PATH_CHARS`` and stops at the deadline; each is recorded in ``limits_hit``.
    ``total_files`` counts the files seen until then.
    """
    scan = TreeScan()
    queue: deque[tuple[str, pygit2.Oid]] = deque([("", tree.id)])
    while queue and "max-files" not in scan.limits_hit:
        prefix, tree_id = queue.popleft()
        if time.monotonic() > deadline:
            scan.limits_hit.add("timeout")
            break
        try:
            if repo.odb.read_header(tree_id)[1] > MAX_TREE_BYTES:
                scan.limits_hit.add("tree-size")
                continue
            current = repo[tree_id].peel(pygit2.Tree)
        except (KeyError, ValueError, pygit2.GitError):
            _note_missing(scan, prefix.rstrip("/") or str(tree_id))
            continue
        for entry in current:
            _visit(
                repo,
                scan,
                queue,
                path=prefix + (entry.name or ""),
                entry=entry,
                max_files=max_files,
            )
            if "max-files" in scan.limits_hit:
                break
    return scan


def _visit(
    repo: pygit2.Repository,
    scan: TreeScan,
    queue: deque[tuple[str, pygit2.Oid]],
    *,
    path: str,
    entry: pygit2.Object,
    max_files: int,
) -> None:
    """Take one tree entry: queue a folder, record a link or submodule, add a file."""
    mode = entry.filemode
    if len(path) > MAX_PATH_CHARS:
        scan.limits_hit.add("path-length")
    elif mode == FileMode.TREE:
        scan.folders += 1
        if scan.folders >= max_files:
            scan.limits_hit.add("max-files")
        else:
            queue.append((path + "/", entry.id))
    elif mode == FileMode.COMMIT:
        if len(scan.submodules) < MAX_RECORDED:
            scan.submodules.append(path)
    elif mode == FileMode.LINK:
        target = _link_target(repo, entry.id)
        if target is None:
            _note_missing(scan, path)
        elif len(scan.symlinks) < MAX_RECORDED:
            scan.symlinks.append(Symlink(path, target, _inside(path, target)))
        else:
            scan.limits_hit.add("symlinks")
    else:
        _add_file(repo, scan, path, entry.id, max_files)


def _add_file(
    repo: pygit2.Repository, scan: TreeScan, path: str, oid: pygit2.Oid, max_files: int
) -> None:
    scan.total_files += 1
    if len(scan.files) >= max_files:
        scan.limits_hit.add("max-files")
        return
    try:
        _kind, size = repo.odb.read_header(oid)
    except (KeyError, pygit2.GitError):
        _note_missing(scan, path)
        return
    scan.files.append(FileEntry(path, oid, int(size)))


@dataclass(slots=True)
class BlobReader:
    """Reads blobs within the size limit and a total byte budget, recording what it skips."""

    repo: pygit2.Repository
    max_blob_bytes: int
    budget_bytes: int
    skipped: list[SkippedBlob] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    budget_hit: bool = False

    def read(self, entry: FileEntry, *, limit: int | None = None) -> bytes | None:
        """The blob's bytes, or None when too large, over budget or missing.

        ``limit`` reads only the first bytes of larger files (for header scans); such a
        partial read is not recorded as skipped.
        """
        if entry.size > self.max_blob_bytes and limit is None:
            self._skip(SkippedBlob(entry.path, "too-large", entry.size))
            return None
        if entry.size > self.max_blob_bytes:
            return None  # header scans skip huge files silently; the full read records it
        if self.budget_bytes < entry.size:
            self.budget_hit = True
            self._skip(SkippedBlob(entry.path, "budget", entry.size))
            return None
        try:
            _kind, data = self.repo.odb.read(entry.oid)
        except (KeyError, pygit2.GitError):
            if entry.path not in self.missing and len(self.missing) < MAX_RECORDED:
                self.missing.append(entry.path)
            return None
        self.budget_bytes -= entry.size
        raw = bytes(data)
        return raw[:limit] if limit is not None else raw

    def text(self, entry: FileEntry, *, limit: int | None = None) -> str | None:
        """The blob decoded as UTF-8 (lenient); None for binary files."""
        raw = self.read(entry, limit=limit)
        if raw is None:
            return None
        if b"\0" in raw[:8000]:
            return None
        return raw.decode("utf-8", errors="replace")

    def _skip(self, item: SkippedBlob) -> None:
        if len(self.skipped) < MAX_RECORDED and item not in self.skipped:
            self.skipped.append(item)
