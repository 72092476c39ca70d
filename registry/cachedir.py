"""The user's cache folder for data this code prepares once and reuses across runs."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/municipal-software-registry`` (else ``~/.cache/…``); None
    without either, so callers then simply work uncached."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base:
        home = os.environ.get("HOME", "").strip()
        if not home:
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "municipal-software-registry"
