"""Run Alembic from code: the CLI, ``registry serve`` and the tests share this."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from registry.settings import Settings

#: Config attribute: re-seed the shipped reference data once the migrations ran.
SEED_REFERENCE_DATA = "seed_reference_data"

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(settings: Settings, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations; shares ``connection`` when given."""
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
    with engine.begin() as connection:
        cfg = alembic_config(settings, connection)
        # The seeding itself lives in the migration environment (registry.migrations.env),
        # which composes the contexts; plumbing here cannot know the catalogue.
        cfg.attributes[SEED_REFERENCE_DATA] = revision == "head"
        command.upgrade(cfg, revision)


def downgrade(settings: Settings, engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (``base`` empties it)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(settings, connection), revision)


def head_revision(settings: Settings) -> str | None:
    """The newest migration shipped with this code (read once: it cannot change while
    the process runs, and ``/health`` asks on every probe)."""
    return _shipped_head()


@cache
def _shipped_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config(Settings())).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
