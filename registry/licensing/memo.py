"""A small on-disk memo of answers derived from the licence reference texts.

Keyed by the reference data's cache key (``corpus.cache_key``: data version, Python,
normalising code) and the deriving code's own text, so a change to either starts a
new memo. Losing entries is harmless (two processes writing at once: the last wins),
so there is no locking; the file is replaced atomically and starts over when large.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from registry.cachedir import user_cache_dir
from registry.licensing.corpus import cache_key

_MAX_ENTRIES = 2000


class AnswerMemo:
    """``get``/``put`` of marshal-able answers by string key, in the user's cache."""

    def __init__(self, prefix: str, code: tuple[Path, ...]) -> None:
        self._prefix = prefix
        self._code = code
        self._entries: dict[str, Any] | None = None
        self._name: str | None = None

    def _path(self) -> Path | None:
        base = user_cache_dir()
        if base is None:
            return None
        if self._name is None:
            digest = hashlib.sha256(cache_key().encode())
            for path in self._code:
                digest.update(path.read_bytes())
            self._name = f"{self._prefix}{digest.hexdigest()[:20]}.marshal"
        return base / self._name

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            path = self._path()
            if path is not None:
                with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                    data = marshal.loads(path.read_bytes())  # noqa: S302 - our own file, in the user's own cache
                    if isinstance(data, dict):
                        self._entries = data
        return self._entries

    def get(self, key: str) -> Any:
        """The answer stored for ``key``, or None."""
        return self._load().get(key)

    def put(self, key: str, answer: Any) -> None:
        """Store ``answer`` (in this process at once, on disk when possible)."""
        entries = self._load()
        if len(entries) >= _MAX_ENTRIES:
            entries.clear()
        entries[key] = answer
        path = self._path()
        if path is None:
            return
        partial: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as out:
                partial = out.name
                out.write(marshal.dumps(entries, 4))
            os.replace(partial, path)
            partial = None
        except OSError:
            return  # a read-only cache: remembered for this process only
        finally:
            if partial is not None:
                Path(partial).unlink(missing_ok=True)
