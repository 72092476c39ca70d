"""A new SQLite database as a copy of one the migrations produced before.

Replaying every migration costs half a second, on each new file, for the same result;
so the first new file migrated is copied (SQLite's backup API: a consistent snapshot of
schema and seeded rows) into the user's cache, keyed by the migration files' contents
and the SQLite library, and each later new file starts as a copy of it. The copy *is*
the migrations' result, byte for byte; ``tests/integration/test_fresh_database.py``
holds schema and rows of both to each other. PostgreSQL always migrates: a new database
there is a deployment step, not a command's start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from functools import cache
from pathlib import Path

from registry.cachedir import user_cache_dir

_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_PREFIX = "schema-"
_UNUSED_SECONDS = 30 * 24 * 3600


def new_sqlite_file(database_url: str) -> Path | None:
    """The file of a SQLite URL when it does not exist yet (else None: nothing to copy)."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if database_url.startswith(prefix):
            name = database_url.removeprefix(prefix).split("?", 1)[0]
            if not name or name == ":memory:":
                return None
            path = Path(name)
            return None if path.exists() else path
    return None


def template_path() -> Path | None:
    """Where the migrated template for these migrations lives; None without a cache."""
    base = user_cache_dir()
    return None if base is None else base / f"{_PREFIX}{_schema_key()}.sqlite3"


@cache
def _schema_key() -> str:
    digest = hashlib.sha256(sqlite3.sqlite_version.encode())
    for path in sorted(_MIGRATIONS.rglob("*.py")):
        digest.update(path.relative_to(_MIGRATIONS).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def copy_template(target: Path) -> bool:
    """Create ``target`` as a copy of the template; False when there is none (or the
    file appeared meanwhile), and the caller migrates instead."""
    template = template_path()
    if template is None or not template.is_file():
        return False
    with contextlib.suppress(OSError):
        os.utime(template)  # in use: not removed as unused (``_forget_unused``)
    partial: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as out:
            partial = out.name
        shutil.copyfile(template, partial)
        os.link(partial, target)  # fails when another process created the file meanwhile
    except OSError:
        return False
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
    return True


def save_template(source: Path) -> None:
    """Keep a snapshot of ``source``, just migrated from empty, as the template."""
    template = template_path()
    if template is None or template.exists():
        return
    partial: str | None = None
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=template.parent, prefix=".tmp-", delete=False) as out:
            partial = out.name
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        os.replace(partial, template)
        partial = None
        _forget_unused(template)
    except (OSError, sqlite3.Error):
        return  # a read-only cache: the next new file migrates again
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


def _forget_unused(current: Path) -> None:
    """Remove other migration sets' templates unused for a month (not at once: two
    checkouts on one account would otherwise delete each other's on every new file)."""
    month_ago = time.time() - _UNUSED_SECONDS
    for old in current.parent.glob(f"{_PREFIX}*.sqlite3"):
        if old != current and old.stat().st_mtime < month_ago:
            old.unlink(missing_ok=True)
