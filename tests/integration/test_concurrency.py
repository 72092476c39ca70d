"""Concurrency: parallel imports of one repository make one entry; concurrent edits of one
entry are detected (optimistic locking, ``Solution.version_id``) and answered with 409."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from registry.catalogue.models import Repository, Solution
from registry.cli._worker import execute
from registry.db import make_engine
from registry.demo import load_demo, load_demo_data
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.httpgit import HttpGit, serving
from web.errors import internal_error_handler

WORKERS = 3


@pytest.fixture(scope="module")
def http_git(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpGit]:
    root = tmp_path_factory.mktemp("concurrent-git")
    build_sample_repo(root / "sample.git")
    with serving(root) as server:
        yield server


def test_parallel_imports_of_one_repository_make_one_entry_on_postgresql(
    tmp_path: Path, http_git: HttpGit
) -> None:
    """Three workers import the same URL at the same moment, each in its own transaction
    and clone cache (as workers on three machines would)."""
    factory = DatabaseFactory("postgresql", tmp_path)
    try:
        settings = migrate_to_head(Settings(database_url=factory.new_url()))
        engine = make_engine(settings)
        url = http_git.url("sample.git")
        start = threading.Barrier(WORKERS)
        outcomes: list[Any] = [None] * WORKERS

        def work(index: int) -> None:
            own = dataclasses.replace(
                settings, allow_private_addresses=True, git_cache_dir=tmp_path / f"cache{index}"
            )
            start.wait()
            try:
                outcomes[index] = execute(own, engine, "repository", url)["action"]
            except Exception as exc:
                outcomes[index] = exc

        threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        try:
            with make_sessionmaker(engine)() as session:
                solutions = session.scalar(select(func.count(Solution.id)))
                repositories = session.scalar(select(func.count(Repository.id)))
                urls = session.scalar(select(func.count(Repository.url.distinct())))
        finally:
            engine.dispose()
        assert "created" in outcomes, outcomes
        assert solutions == 1, outcomes
        assert repositories == urls == 2, outcomes  # served URL + declared URL, once each
    finally:
        factory.drop_all()


def test_concurrent_edits_of_one_entry_are_detected(fresh_settings: Settings) -> None:
    settings = migrate_to_head(fresh_settings)
    engine = make_engine(settings)
    try:
        factory = make_sessionmaker(engine)
        with factory() as session, session.begin():
            data = load_demo_data()
            load_demo(session, {**data, "solutions": data["solutions"][:1]})
        with factory() as first, factory() as second:
            mine = first.scalars(select(Solution)).one()
            theirs = second.scalars(select(Solution)).one()
            assert mine.version_id == theirs.version_id
            second.commit()  # the other editor's form was loaded earlier (object kept)
            mine.name = "Erste Änderung"
            first.commit()
            theirs.name = "Zweite Änderung"
            with pytest.raises(StaleDataError):
                second.commit()  # not silently overwritten
        with factory() as session:
            stored = session.scalars(select(Solution)).one()
            assert stored.name == "Erste Änderung"
    finally:
        engine.dispose()


def test_a_stale_write_is_answered_with_409() -> None:
    from litestar import Request

    scope: Any = {
        "type": "http", "method": "PATCH", "path": "/api/v1/solutions/x", "raw_path": b"",
        "query_string": b"", "headers": [], "scheme": "http", "root_path": "",
        "server": ("testserver", 80), "client": ("127.0.0.1", 1), "app": None,
        "path_params": {}, "state": {},
    }  # fmt: skip
    response = internal_error_handler(Request(scope), StaleDataError("stale"))
    assert response.status_code == 409
    assert response.content["title"] == "Conflict"
    assert response.content["field"] == "version"
