"""The pictures a repository's publiccode.yml names by path, read from the analysed tree.

Only paths inside the repository are read (no ``..``, no absolute paths, blobs only, at
most ``registry.catalogue.media.MAX_SOURCE_BYTES`` each); URLs are left to the guarded
HTTP fetch (``importers.media``). Nothing here decodes an image.
"""

from __future__ import annotations

import posixpath

import pygit2

from registry.catalogue.media import MAX_SOURCE_BYTES, media_references
from registry.publiccode import read_untrusted

__all__ = ["read_media_blobs", "repository_path"]


def repository_path(source: str) -> str | None:
    """``source`` as a path inside the repository, or None when it leaves it."""
    path = source.strip().replace("\\", "/")
    if not path or path.startswith("/") or ":" in path.split("/", 1)[0]:
        return None
    normal = posixpath.normpath(path)
    return None if normal in (".", "") or normal.startswith("../") or normal == ".." else normal


def read_media_blobs(
    tip: pygit2.Commit, publiccode_raw: bytes | None
) -> tuple[dict[str, bytes], dict[str, str]]:
    """Source (as written in publiccode.yml) → bytes for every readable path it names,
    and source → why not for the paths that could not be read."""
    found: dict[str, bytes] = {}
    refused: dict[str, str] = {}
    if not publiccode_raw:
        return found, refused
    document = read_untrusted(publiccode_raw.decode("utf-8", errors="replace"))
    for ref in media_references(document):
        if ref.is_url:
            continue
        path = repository_path(ref.source)
        if path is None:
            refused[ref.source] = "the path leaves the repository"
            continue
        try:
            blob = tip.tree[path]
        except (KeyError, ValueError):
            refused[ref.source] = "no such file in the repository"
            continue
        if not isinstance(blob, pygit2.Blob):
            refused[ref.source] = "not a file"
        elif blob.size > MAX_SOURCE_BYTES:
            refused[ref.source] = f"{blob.size} bytes is over the {MAX_SOURCE_BYTES} byte limit"
        else:
            found[ref.source] = blob.data
    return found, refused
