"""Alembic environment: batch mode so every migration runs on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from registry.catalogue import seed_standards
from registry.db import make_engine
from registry.db.migrate import SEED_REFERENCE_DATA
from registry.models import Base
from registry.search import schema as search_schema
from registry.settings import Settings

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # move-and-copy on SQLite, plain ALTER elsewhere
        compare_server_default=True,
        compare_type=True,
        include_name=search_schema.include_name,  # FTS5 table, tsvector column: per backend
    )
    with context.begin_transaction():
        context.run_migrations()
    if config.attributes.get(SEED_REFERENCE_DATA):
        seed_standards(connection)  # the upgrade went to head: shipped data current


def run_migrations_online() -> None:
    """Use the caller's connection (tests, CLI) or open one from the settings."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    settings = config.attributes.get("settings") or Settings.from_env({})
    engine = make_engine(settings, for_migrations=True)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():  # pragma: no cover - we never emit SQL scripts
    msg = "offline migrations are not supported; run against a database"
    raise SystemExit(msg)
run_migrations_online()
