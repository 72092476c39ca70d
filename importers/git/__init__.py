"""Git repositories read with pygit2, without a work tree, reduced to ``RepoFacts``.

``analyse(source, settings=…, now=…)`` opens a local repository (trusted callers or
``allow_local_repositories``) or makes a bare, bounded clone of a remote one, derives
licence, metadata, operating, interface and activity facts with their evidence, and
discards the clone. pygit2 calls block: call it from a worker thread.

Error tree::

    registry.errors.InvalidInput
     └── UnsafeURLError      (importers.urlguard: refused URL or path)
    GitSourceError           (the repository cannot be opened or cloned)
     └── CloneTimeoutError   (the clone exceeded git_timeout_seconds)
"""

from importers.git.analyse import Analysis, analyse, analyse_with_media
from importers.git.clone import (
    CloneTimeoutError,
    GitSourceError,
    default_tip,
    open_source,
    origin_url,
)
from importers.urlguard import UnsafeURLError

__all__ = [
    "Analysis",
    "CloneTimeoutError",
    "GitSourceError",
    "UnsafeURLError",
    "analyse",
    "analyse_with_media",
    "default_tip",
    "open_source",
    "origin_url",
]
