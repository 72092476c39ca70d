"""``registry export dump`` / ``registry restore``: export → restore → export is the same bytes
on SQLite, on PostgreSQL and across the two; a restore refuses what it must not overwrite."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from registry.accounts import AccountService
from registry.audit import AuditEvent
from registry.backup import dump, dump_tables, restore
from registry.catalogue import CatalogueService
from registry.catalogue.models import Solution
from registry.cli import app
from registry.db import make_engine
from registry.demo import load_demo, load_demo_data
from registry.errors import Conflict, InvalidInput
from registry.organisations import Organisation
from registry.scoring import ScoringService
from registry.search.models import SearchDocument
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import migrate_to_head

NOW = datetime(2026, 11, 1, 12, 0, 0, 123456, tzinfo=UTC)


def _catalogue_with_history(settings: Settings) -> None:
    """The demo catalogue, scored, with a member edit, a soft delete, a restore, an account."""
    migrate_to_head(settings)
    engine = make_engine(settings)
    try:
        factory = make_sessionmaker(engine)
        with factory() as session, session.begin():
            session.info["actor"] = "demo"
            data = load_demo_data()  # a part of it: the whole demo takes seconds to load
            load_demo(session, {**data, "solutions": data["solutions"][:8]})
        with factory() as session, session.begin():
            session.info["actor"] = "editor@example.org"
            catalogue = CatalogueService(session)
            slugs = sorted(session.scalars(select(Solution.slug)))
            session.add(Organisation(slug="land-bayern", name="Land Bayern", kind="state"))
            catalogue.edit(slugs[0], {"governance": "community", "funding": [
                {"funder": "Land Bayern", "programme": "Smart Cities – Ümlaut 🚀"}]})  # fmt: skip
            catalogue.delete(slugs[1], now=NOW)
            catalogue.delete(slugs[2], now=NOW)
            catalogue.restore(slugs[2])
            ScoringService(session).rescore_many(
                list(session.scalars(select(Solution).order_by(Solution.id).limit(5))), now=NOW
            )
            parent = session.scalars(select(Organisation).order_by(Organisation.id)).first()
            assert parent is not None
            child = Organisation(slug="zz-child", name="Child <b>", kind="municipality")
            session.add(child)
            session.flush()
            parent.parent_id = child.id  # a self-reference to a later row
            accounts = AccountService(session)
            accounts.create("a@example.org", role="member", organisation=child.slug,
                            password="a long enough password")  # fmt: skip
            accounts.issue_token("a@example.org", scope="publish")
    finally:
        engine.dispose()


def _dump(settings: Settings) -> str:
    engine = make_engine(settings)
    try:
        out = io.StringIO()
        dump(engine, out)
        return out.getvalue()
    finally:
        engine.dispose()


def _restore(settings: Settings, text: str) -> None:
    engine = make_engine(settings)
    try:
        restore(engine, io.StringIO(text))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def sqlite_dump(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A dump of a demo catalogue with history, written on SQLite."""
    settings = Settings(
        database_url=DatabaseFactory("sqlite", tmp_path_factory.mktemp("src")).new_url()
    )
    _catalogue_with_history(settings)
    return _dump(settings)


@pytest.fixture(scope="module")
def source_dump(database_factory: DatabaseFactory, sqlite_dump: str) -> str:
    """A dump of the demo catalogue with history, written on the current dialect."""
    if database_factory.dialect == "sqlite":
        return sqlite_dump
    settings = Settings(database_url=database_factory.new_url())
    _catalogue_with_history(settings)
    return _dump(settings)


def test_a_dump_is_versioned_complete_and_ordered(source_dump: str) -> None:
    lines = source_dump.splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "registry-dump" and header["version"] == 1
    assert header["head"]
    rows = [json.loads(text) for text in lines[1:]]
    order = dump_tables()
    seen = [row["table"] for row in rows]
    assert seen == sorted(seen, key=order.index)  # tables in dependency order
    for table in set(seen):
        ids = [row["row"]["id"] for row in rows if row["table"] == table]
        assert ids == sorted(ids)  # rows by primary key
    assert {"solution", "organisation", "audit_event", "account", "score_result"} <= set(seen)
    actions = {row["row"]["action"] for row in rows if row["table"] == "audit_event"}
    assert {"create", "update", "delete", "restore"} <= actions  # the history is in it
    deleted = [r for r in rows if r["table"] == "solution" and r["row"]["deleted_at"]]
    assert [r["row"]["deleted_at"] for r in deleted] == ["2026-11-01T12:00:00.123456+00:00"]
    assert all(text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":")) for text in lines)  # fmt: skip


def test_export_restore_export_is_byte_identical(
    source_dump: str, fresh_settings: Settings
) -> None:
    migrate_to_head(fresh_settings)
    _restore(fresh_settings, source_dump)
    assert _dump(fresh_settings) == source_dump
    engine = make_engine(fresh_settings)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            # the search index was rebuilt: deleted entries stay out of it
            assert session.scalar(select(func.count()).select_from(SearchDocument)) == (
                session.scalar(select(func.count(Solution.id)).where(Solution.deleted_at.is_(None)))
            )
            # sequences continue after the restored ids (PostgreSQL: setval)
            top = session.scalar(select(func.max(Organisation.id)))
            org = Organisation(slug="after-restore", name="Neu", kind="municipality")
            session.add(org)
            session.flush()
            assert top is not None and org.id > top
    finally:
        engine.dispose()


def test_restore_refuses_another_head_a_bad_line_and_a_full_database(
    source_dump: str, fresh_settings: Settings
) -> None:
    migrate_to_head(fresh_settings)
    header, *rows = source_dump.splitlines(keepends=True)
    other = json.loads(header) | {"head": "0001"}
    engine = make_engine(fresh_settings)
    try:
        with pytest.raises(Conflict, match="migration '0001'"):
            restore(engine, io.StringIO(json.dumps(other) + "\n" + "".join(rows)))
        with pytest.raises(InvalidInput, match="not a registry dump"):
            restore(engine, io.StringIO('{"hello": 1}\n'))
        broken = header + "".join(rows[:-3]) + "{not json\n" + "".join(rows[-3:])
        with pytest.raises(InvalidInput, match="is not a row"):
            restore(engine, io.StringIO(broken))
        with make_sessionmaker(engine)() as session:  # one transaction: nothing was kept
            assert session.scalar(select(func.count(AuditEvent.id))) == 0
            assert session.scalar(select(func.count(Organisation.id))) == 0
        with make_sessionmaker(engine)() as session, session.begin():
            session.add(Organisation(slug="here", name="Schon da", kind="municipality"))
        with pytest.raises(Conflict, match="not empty"):
            restore(engine, io.StringIO(source_dump))
    finally:
        engine.dispose()


def test_a_dump_moves_between_sqlite_and_postgresql(tmp_path: Path, sqlite_dump: str) -> None:
    """SQLite → dump → PostgreSQL → dump → SQLite → dump: the same bytes each time."""
    lite, pg = DatabaseFactory("sqlite", tmp_path), DatabaseFactory("postgresql", tmp_path)
    try:
        first = sqlite_dump
        on_pg = migrate_to_head(Settings(database_url=pg.new_url()))
        _restore(on_pg, first)
        second = _dump(on_pg)
        assert second == first
        back = migrate_to_head(Settings(database_url=lite.new_url()))
        _restore(back, second)
        assert _dump(back) == first
    finally:
        pg.drop_all()


def test_the_cli_dumps_and_restores(tmp_path: Path, sqlite_dump: str) -> None:
    source_dump = sqlite_dump
    runner = CliRunner()
    src = tmp_path / "dump.jsonl"
    src.write_text(source_dump, encoding="utf-8")
    header = json.loads(source_dump.splitlines()[0])
    env = {"REGISTRY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    restored = runner.invoke(app, ["restore", str(src)], env=env)
    assert restored.exit_code == 0, restored.output
    assert f"(head {header['head']})" in restored.output
    out = tmp_path / "again.jsonl"
    dumped = runner.invoke(app, ["export", "dump", "--output", str(out)], env=env)
    assert dumped.exit_code == 0, dumped.output
    assert out.read_bytes() == src.read_bytes()
    again = runner.invoke(app, ["restore", str(src)], env=env)
    assert again.exit_code == 1
    assert "not empty" in again.output
