"""The cheap ways to a current database give what the migrations give.

``migrate.ensure_current`` (every writing command) skips Alembic at head and starts a
new SQLite file as a copy of one migrated before; both must leave the database exactly
as ``migrate.upgrade`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from registry.catalogue import seed_standards
from registry.db import fresh, make_engine, migrate
from registry.settings import Settings


def _refuse_alembic(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("the migrations ran")


def _ensure(settings: Settings) -> None:
    engine = make_engine(settings, for_migrations=True)
    try:
        migrate.ensure_current(settings, engine, seed=seed_standards)
    finally:
        engine.dispose()


def _schema(settings: Settings) -> dict[str, Any]:
    """Every table's columns, keys, indexes and rows, and (SQLite) every stored DDL text."""
    engine = make_engine(settings)
    try:
        inspector = sa.inspect(engine)
        found: dict[str, Any] = {}
        with engine.connect() as connection:
            for table in sorted(inspector.get_table_names()):
                columns = [
                    (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                    for c in inspector.get_columns(table)
                ]
                indexes = sorted(
                    (i["name"] or "", tuple(i["column_names"] or ()), bool(i["unique"]))
                    for i in inspector.get_indexes(table)
                )
                foreign = sorted(
                    (f["name"] or "", tuple(f["constrained_columns"]), f["referred_table"])
                    for f in inspector.get_foreign_keys(table)
                )
                # Rows without their timestamps: when each database was made differs.
                kept = [
                    f'"{c["name"]}"'
                    for c in inspector.get_columns(table)
                    if not isinstance(c["type"], sa.DateTime | sa.TIMESTAMP)
                ]
                query = f'SELECT {", ".join(kept)} FROM "{table}"'
                rows = connection.execute(sa.text(query)).all()
                found[table] = (columns, indexes, foreign, sorted(map(repr, rows)))
            if engine.dialect.name == "sqlite":
                stored = connection.execute(
                    sa.text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
                )
                found["sqlite_master"] = [
                    (kind, name, table, _clauses(sql)) for kind, name, table, sql in stored
                ]
        return found
    finally:
        engine.dispose()


def _clauses(sql: str | None) -> list[str]:
    """A stored CREATE statement as its sorted clauses: Alembic's batch mode (a table
    rebuilt on SQLite) writes a table's constraints in no fixed order, so two runs of the
    same migrations differ in that order alone."""
    body = (sql or "").strip().removesuffix(")").strip()
    return sorted(part.strip() for part in body.split(", \n"))


def test_head_read_from_files_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config(Settings()))
    assert migrate.head_revision() == script.get_current_head()


def test_new_database_equals_the_migrations_result(
    fresh_settings: Settings,
    database_factory: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """First new database: migrated (and, on SQLite, kept as the template); the next is
    a copy on SQLite, migrated on PostgreSQL; both equal a plainly migrated one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    reference = Settings(database_url=database_factory.new_url())
    engine = make_engine(reference, for_migrations=True)
    migrate.upgrade(reference, engine)
    engine.dispose()

    _ensure(fresh_settings)
    second = Settings(database_url=database_factory.new_url())
    if database_factory.dialect == "sqlite":
        template = fresh.template_path()
        assert template is not None
        assert template.is_file()
        monkeypatch.setattr(migrate, "upgrade", _refuse_alembic)
    _ensure(second)

    expected = _schema(reference)
    assert "alembic_version" in expected
    assert expected["standard"][3], "the standards catalogue is seeded"
    assert _schema(fresh_settings) == expected
    assert _schema(second) == expected


def test_current_database_skips_alembic(
    migrated_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "upgrade", _refuse_alembic)
    _ensure(migrated_settings)
    engine = make_engine(migrated_settings)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_database_behind_head_is_migrated(fresh_settings: Settings) -> None:
    engine = make_engine(fresh_settings, for_migrations=True)
    try:
        migrate.upgrade(fresh_settings, engine, "0007_sessions")
        migrate.ensure_current(fresh_settings, engine, seed=seed_standards)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
