"""Run Alembic from code: the CLI, ``registry serve`` and the tests share this.

Alembic loads only when a database is behind: ``ensure_current`` answers "at head?" with
one query of ``alembic_version`` against the head read from the migration files' own
``revision`` lines, and a new SQLite file starts as a copy of one migrated before
(``registry.db.fresh``), so a command that writes pays for migrations once per schema,
not once per run.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from registry.db import fresh
from registry.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from alembic.config import Config

#: Config attribute: re-seed the shipped reference data once the migrations ran.
SEED_REFERENCE_DATA = "seed_reference_data"

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(settings: Settings, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations; shares ``connection`` when given."""
    from alembic.config import Config  # noqa: PLC0415 - Alembic loads only to migrate

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["settings"] = settings
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(settings: Settings, engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to ``revision``; at head, re-seed the shipped reference data.

    Re-seeding on every upgrade keeps the standards catalogue current when the shipped
    data changes (it writes only rows that differ, so a no-op upgrade stays cheap).
    """
    from alembic import command  # noqa: PLC0415 - Alembic loads only to migrate

    with engine.begin() as connection:
        cfg = alembic_config(settings, connection)
        # The seeding itself lives in the migration environment (registry.migrations.env),
        # which composes the contexts; plumbing here cannot know the catalogue.
        cfg.attributes[SEED_REFERENCE_DATA] = revision == "head"
        command.upgrade(cfg, revision)


def ensure_current(
    settings: Settings, engine: Engine, *, seed: Callable[[Connection], object]
) -> None:
    """Bring the database to head, the cheap way where there is one.

    At head already: one query, then the (row-by-row idempotent) standards re-seed. A
    SQLite file that does not exist yet: a copy of a database these same migrations
    produced before, when one is cached. Otherwise the migrations run, and a new SQLite
    file's result is cached for the next one. ``engine`` is a migration engine
    (``make_engine(..., for_migrations=True)``); ``seed`` writes the shipped reference data
    (the composition root passes the catalogue's, which this plumbing cannot know).
    """
    new_file = fresh.new_sqlite_file(settings.database_url)
    copied = new_file is not None and fresh.copy_template(new_file)
    if not copied and (new_file is not None or not _at_head(engine)):
        upgrade(settings, engine)
        if new_file is not None:
            fresh.save_template(new_file)
        return
    with engine.begin() as connection:
        seed(connection)


def _at_head(engine: Engine) -> bool:
    with engine.connect() as connection:
        return stored_revision(connection) == head_revision()


def downgrade(settings: Settings, engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (``base`` empties it)."""
    from alembic import command  # noqa: PLC0415 - Alembic loads only to migrate

    with engine.begin() as connection:
        command.downgrade(alembic_config(settings, connection), revision)


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE
)


def head_revision(settings: Settings | None = None) -> str | None:
    """The newest migration shipped with this code (read once: it cannot change while
    the process runs, and ``/health`` asks on every probe).

    Read from the ``revision``/``down_revision`` lines of the migration files, without
    loading Alembic (``tests/integration/test_fresh_database.py`` holds it to Alembic's
    own answer): the head is the one revision no other names as its parent.
    """
    return _shipped_head()


@cache
def _shipped_head() -> str | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text("utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        msg = f"migrations must have exactly one head, found {sorted(heads)}"
        raise RuntimeError(msg)
    return heads.pop()


def stored_revision(connection: Connection) -> str | None:
    """The revision recorded in the database (None when never migrated), without Alembic."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()  # noqa: S608 - a constant
    return rows[0] if len(rows) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when never migrated)."""
    with engine.connect() as connection:
        return stored_revision(connection)
