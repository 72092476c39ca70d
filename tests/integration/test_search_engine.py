"""The search engine's index (Tantivy) answers as the SQL index does and follows the
outbox: same transaction, crash and restart, two indexes on one database, format upgrade."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from registry.catalogue import models as m
from registry.cli import app
from registry.db import make_engine
from registry.demo.loader import load_demo
from registry.search import (
    Cursor,
    SearchIndex,
    SearchQuery,
    SearchService,
    attach_search_index,
    index_terms,
)
from registry.search._engine import META
from registry.search.models import SearchDocument, SearchOutbox
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import migrate_to_head
from tests.integration._search_data import NOW, add_entries, add_score
from tests.integration.test_search_backends_agree import QUERIES, _summary
from web.app import create_app

HOSTILE = ['"unbalanced', "(((Abfall", "Abfall)) OR", "a AND OR NOT -b +c", "name:x^3 ~2 * ?",
           '-+&&||!(){}[]^"~*?:\\/', "' OR 1=1 --", "x" * 10_000, "Abfall\x00kalender", "\x00",
           "ä" * 5000, "abfa*", "Beteiligung" * 900]  # fmt: skip


@dataclass
class World:
    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    index: SearchIndex

    def service(self) -> SearchService:
        return SearchService(self.factory(), now=NOW)


@pytest.fixture(scope="module")
def world(
    database_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The demo and the search test entries, committed, with an engine index attached."""
    settings = Settings(
        database_url=database_factory.new_url(),
        search_index_dir=str(tmp_path_factory.mktemp("index") / "a"),
    )
    migrate_to_head(settings)
    engine = make_engine(settings)
    factory = make_sessionmaker(engine)
    with factory() as session:
        load_demo(session)
        entries = add_entries(session)
        add_score(session, entries["parkspot"], 80, level="gold", silo="no")
        add_score(session, entries["abfallkalender"], 30, level="bronze", silo="risk")
        session.commit()
    index = attach_search_index(engine, settings)
    assert index is not None
    yield World(settings, engine, factory, index)
    engine.dispose()


def test_the_engine_answers_as_the_sql_index(world: World) -> None:
    with world.factory() as session:
        service = SearchService(session, now=NOW)
        for query in QUERIES:
            engine = _summary(service, query)
            sql = _summary(_Sql(session), query)
            assert engine == sql, query
        for query in WALKS:  # keyset pages: the same cursors, the same pages
            assert _walk(service, query) == _walk(_Sql(session), query), query
    assert world.index.searcher().num_docs > 10


WALKS = [SearchQuery(size=7), SearchQuery(size=7, sort="score"),
         SearchQuery(size=7, sort="adopters"), SearchQuery(size=7, sort="recent"),
         SearchQuery(q="Daten", size=3)]  # fmt: skip


def _walk(service: SearchService, query: SearchQuery) -> list[list[str]]:
    pages = []
    while True:
        result = service.search(query, with_facets=False)
        pages.append([h.slug for h in result.hits])
        if result.next_cursor is None or len(pages) > 20:
            return pages
        query = query.replace(after=Cursor.decode(result.next_cursor))


class _Sql(SearchService):
    def __init__(self, session: Session) -> None:
        super().__init__(session, now=NOW)

    def search(self, query: SearchQuery, *, with_facets: bool = True):  # type: ignore[override]
        return self.search_sql(query, with_facets=with_facets)


def test_the_engine_path_is_the_one_taken(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the SQL path answered")

    monkeypatch.setattr(SearchService, "search_sql", refuse)
    result = world.service().search(SearchQuery(q="Abfall"))
    assert result.total > 0


def _head(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(sa.select(sa.func.max(SearchOutbox.seq))) or 0)


def _rename(world: World, slug: str, name: str) -> int:
    """Rename a solution and commit; returns its id."""
    with world.factory() as session:
        solution = session.scalars(sa.select(m.Solution).where(m.Solution.slug == slug)).one()
        solution.name = name
        session.commit()
        return solution.id


def _finds(world: World, q: str, index: SearchIndex | None = None) -> list[str]:
    with world.factory() as session:
        if index is not None:  # search through another index on the same database
            other = Settings(database_url=world.settings.database_url,
                             search_index_dir=str(index.path))  # fmt: skip
            attach_search_index(world.engine, other)
        try:
            return [h.slug for h in SearchService(session, now=NOW).search(SearchQuery(q=q)).hits]
        finally:
            attach_search_index(world.engine, world.settings)


def test_the_outbox_row_is_written_in_the_transaction_of_the_change(world: World) -> None:
    before = _head(world.engine)
    with world.factory() as session:
        solution = session.scalars(sa.select(m.Solution).where(m.Solution.slug == "parkspot")).one()
        solution.name = "Parkspot Rollback"
        session.flush()
        logged = session.scalars(
            sa.select(SearchOutbox.solution_id).where(SearchOutbox.seq > before)
        ).all()
        assert logged == [solution.id]
        session.rollback()
    assert _head(world.engine) == before  # rolled back with the change
    sid = _rename(world, "parkspot", "Parkspot Quokkaplatz")
    with world.engine.connect() as connection:
        rows = connection.execute(
            sa.select(SearchOutbox.solution_id).where(SearchOutbox.seq > before)
        ).all()
    assert [r[0] for r in rows] == [sid]
    assert _finds(world, "Quokkaplatz") == ["parkspot"]  # visible at the next search


def test_a_restarted_index_catches_up_and_a_crash_reapplies(world: World) -> None:
    _finds(world, "warm")  # caught up
    world.index.catch_up()
    docs = world.index.searcher().num_docs
    applied = world.index.applied
    # A crash after Tantivy's commit but before the sequence number was stored:
    meta = json.loads((world.index.path / META).read_text())
    (world.index.path / META).write_text(json.dumps({**meta, "applied": applied - 3}))
    _rename(world, "parkspot", "Parkspot Wombatweg")
    restarted = SearchIndex(world.index.path, world.engine)  # a new process on the same files
    restarted.catch_up()
    assert restarted.applied == _head(world.engine)
    assert restarted.searcher().num_docs == docs  # re-applied entries replaced, not added
    assert _finds(world, "Wombatweg", restarted) == ["parkspot"]


def test_two_indexes_follow_one_database(world: World, tmp_path: Path) -> None:
    second = SearchIndex(tmp_path / "b", world.engine)
    second.catch_up()  # a new index builds itself from the database
    assert second.searcher().num_docs == world.index.searcher().num_docs
    _rename(world, "parkspot", "Parkspot Kiwiallee")
    assert _finds(world, "Kiwiallee", second) == ["parkspot"]
    assert _finds(world, "Kiwiallee") == ["parkspot"]
    assert second.applied == world.index.applied == _head(world.engine)


def test_an_index_of_another_format_is_rebuilt(world: World, tmp_path: Path) -> None:
    old = SearchIndex(tmp_path / "c", world.engine)
    old.catch_up()
    docs = old.searcher().num_docs
    meta = json.loads((old.path / META).read_text())
    (old.path / META).write_text(json.dumps({**meta, "format": "registry-0/tantivy v0.1"}))
    upgraded = SearchIndex(old.path, world.engine)
    assert upgraded.applied == -1  # emptied: built again at the first catch-up
    upgraded.catch_up()
    assert upgraded.searcher().num_docs == docs
    assert json.loads((old.path / META).read_text())["format"] != "registry-0/tantivy v0.1"


def test_the_reindex_command_rebuilds_from_the_database(world: World, tmp_path: Path) -> None:
    env = {"REGISTRY_DATABASE_URL": world.settings.database_url,
           "REGISTRY_SEARCH_INDEX_DIR": str(tmp_path / "cli")}  # fmt: skip
    result = CliRunner().invoke(app, ["search", "reindex"], env=env)
    assert result.exit_code == 0, result.output
    assert "indexed / indiziert" in result.output
    built = SearchIndex(tmp_path / "cli", world.engine)
    world.index.catch_up()
    assert built.applied == _head(world.engine)
    assert built.searcher().num_docs == world.index.searcher().num_docs > 0


def test_hostile_queries_never_give_500_through_the_engine(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the SQL path answered")

    monkeypatch.setattr(SearchService, "search_sql", refuse)  # the app searches the engine
    try:
        with TestClient(app=create_app(world.settings)) as client:
            for i, q in enumerate(HOSTILE):
                for path in ("/api/v1/solutions", "/solutions")[: 2 if i % 4 == 0 else 1]:
                    response = client.get(path, params={"q": q})
                    assert response.status_code in (200, 400), (path, q[:40], response.text[:300])
                    if response.status_code == 400:
                        assert "q" in response.text
            found = client.get("/api/v1/solutions", params={"q": "(Abfall"}).json()["data"]
            assert found  # operators are plain text, not syntax
    finally:  # the app's engine is disposed: the index follows the test's again
        attach_search_index(world.engine, world.settings)


def test_an_entry_committed_after_a_later_one_is_not_skipped(world: World) -> None:
    """PostgreSQL hands out sequence numbers before commit: a transaction can commit its
    entry after a later number was applied. The index looks for that gap again."""
    world.index.catch_up()
    head = _head(world.engine)
    ids = _ids(world, ("parkspot", "abfallkalender"))
    now = {"created_at": NOW}
    with world.engine.begin() as connection:  # the later number commits first
        connection.execute(
            sa.insert(SearchOutbox),
            [{"seq": head + 2, "solution_id": ids["abfallkalender"], **now}],
        )
    world.index.catch_up()
    assert world.index.applied == head + 2
    with world.engine.begin() as connection:  # then the earlier one, with its change
        connection.execute(
            sa.update(SearchDocument)
            .where(SearchDocument.solution_id == ids["parkspot"])
            .values(name_terms=SearchDocument.name_terms + " " + index_terms(["Nachzügler"]))
        )
        connection.execute(
            sa.insert(SearchOutbox), [{"seq": head + 1, "solution_id": ids["parkspot"], **now}]
        )
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('search_outbox', 'seq'), "
                "(SELECT max(seq) FROM search_outbox))"
            )
    assert _finds(world, "Nachzügler") == ["parkspot"]


def _ids(world: World, slugs: tuple[str, ...]) -> dict[str, int]:
    with world.engine.connect() as connection:
        rows = connection.execute(
            sa.select(m.Solution.slug, m.Solution.id).where(m.Solution.slug.in_(slugs))
        )
        return {str(slug): int(sid) for slug, sid in rows}
