"""Two workers crawling the same organisation at once: every repository imported once.

Each worker is a real thread with its own session and transaction (as two ``registry
worker`` processes would have), both start together against the replay server. On
PostgreSQL the crawl takes the source's row lock, so the second worker waits and then
finds everything unchanged; on SQLite the writer lock (``BEGIN IMMEDIATE``) serialises
them the same way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from importers.crawl import crawl_source, host_only_analyser
from registry.catalogue.models import Repository, Solution
from registry.crawl import (
    CrawlSummary,
    HostRepositoryState,
    HttpCacheEntry,
    HttpCacheStore,
    StoredResponse,
)
from registry.db import make_engine, migrate, writer
from registry.imports import ImportLogEntry
from registry.organisations import CodeSource, Organisation
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.hostserver import HostServer, host_server

__all__ = ["host_server"]

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAMES = tuple(f"fachverfahren-{n}" for n in range(8))


@pytest.fixture(scope="module")
def shared_settings(database_factory: DatabaseFactory) -> Settings:
    """One committed database for this module (its tests use distinct rows)."""
    return Settings(database_url=database_factory.new_url())


@pytest.fixture(scope="module")
def shared_engine(shared_settings: Settings) -> Iterator[Engine]:
    """The migrated database: each worker commits."""
    migration = make_engine(shared_settings, for_migrations=True)
    migrate.upgrade(shared_settings, migration)
    migration.dispose()
    engine = make_engine(shared_settings)
    yield engine
    engine.dispose()


def _register(engine: Engine, host: HostServer) -> int:
    host.world.owners["acme"] = "org"
    for name in NAMES:
        host.world.add("acme", name)
    with make_sessionmaker(engine)() as session, session.begin():
        org = Organisation(slug="acme", name="Stadt Acme")
        source = CodeSource(organisation=org, url=host.url("acme"), driver="github")
        session.add_all([org, source])
        session.flush()
        return source.id


def test_two_workers_import_the_same_organisation_once(
    shared_engine: Engine, shared_settings: Settings, host_server: HostServer, tmp_path: Path
):
    settings = replace(shared_settings, allow_private_addresses=True,
                       git_cache_dir=tmp_path / "cache", host_page_size=3)  # fmt: skip
    source_id = _register(shared_engine, host_server)
    start = threading.Barrier(2)
    results: dict[str, CrawlSummary | BaseException] = {}
    factory = make_sessionmaker(writer(shared_engine))

    def worker(name: str) -> None:  # a worker process: its own session and transaction
        try:
            start.wait(timeout=10)
            with factory() as session, session.begin():
                session.info["actor"] = name
                source = session.get_one(CodeSource, source_id)
                results[name] = crawl_source(
                    session, source, settings=settings, now=NOW, analyser=host_only_analyser()
                )
        except BaseException as exc:
            results[name] = exc

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    summaries = [r for r in results.values() if isinstance(r, CrawlSummary)]
    assert len(summaries) == 2, results
    assert all(s.error is None and s.failed == 0 and s.seen == len(NAMES) for s in summaries)
    # One worker imported every repository, the other found them all unchanged.
    assert sorted(s.new for s in summaries) == [0, len(NAMES)]
    assert sorted(s.unchanged for s in summaries) == [0, len(NAMES)]
    with make_sessionmaker(shared_engine)() as session:
        urls = session.scalars(select(Repository.url)).all()
        assert len(urls) == len(set(urls)) == len(NAMES)
        slugs = session.scalars(select(Solution.slug)).all()
        assert sorted(slugs) == sorted(NAMES)
        states = session.scalars(select(HostRepositoryState.host_id)).all()
        assert len(states) == len(set(states)) == len(NAMES)
        cached = session.scalars(
            select(HttpCacheEntry.url_hash).where(HttpCacheEntry.url.startswith(host_server.base))
        ).all()
        assert cached and len(cached) == len(set(cached))
        created = select(func.count()).where(ImportLogEntry.action == "created")
        assert session.scalar(created) == len(NAMES)


def test_two_crawls_storing_the_same_answer_keep_one_cache_row(shared_engine: Engine):
    """Different sources can fetch the same URL: the second insert waits, then updates."""
    factory = make_sessionmaker(writer(shared_engine))
    url = "https://api.github.com/repos/acme/portal"
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with factory() as session, session.begin():
                HttpCacheStore(session).put(url, StoredResponse('"b"', None, b"{}"))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=second)
    with factory() as session, session.begin():
        HttpCacheStore(session).put(url, StoredResponse('"a"', None, b"[]"))
        session.flush()
        thread.start()
        time.sleep(0.3)  # the second writer is now waiting for this transaction
    thread.join(timeout=30)
    assert not thread.is_alive() and errors == []
    with make_sessionmaker(shared_engine)() as session:
        rows = session.scalars(select(HttpCacheEntry).where(HttpCacheEntry.url == url)).all()
        assert [(r.url, r.etag, r.body) for r in rows] == [(url, '"b"', b"{}")]
