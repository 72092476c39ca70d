"""Shared fixtures: every persistence test runs on SQLite and on PostgreSQL.

PostgreSQL is taken from ``REGISTRY_TEST_POSTGRES_URL`` (default: the local server,
database ``test``). Each test session creates its own databases there and drops them at
the end. An unreachable PostgreSQL fails the run loudly; set
``REGISTRY_TEST_SKIP_POSTGRES=1`` to run the SQLite leg alone on a machine without it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from registry.db import make_engine, migrate
from registry.settings import Settings
from registry.wiring import make_sessionmaker

POSTGRES_URL = os.environ.get(
    "REGISTRY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
SKIP_POSTGRES = os.environ.get("REGISTRY_TEST_SKIP_POSTGRES") == "1"
DIALECTS = ["sqlite"] if SKIP_POSTGRES else ["sqlite", "postgresql"]


def _admin_engine() -> Engine:
    url = POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


class DatabaseFactory:
    """Creates empty databases of one dialect and removes them afterwards."""

    def __init__(self, dialect: str, tmp: Path) -> None:
        self.dialect = dialect
        self.tmp = tmp
        self.created: list[str] = []

    def new_url(self) -> str:
        """The URL of a new, empty database."""
        name = f"registry_test_{uuid.uuid4().hex[:12]}"
        if self.dialect == "sqlite":
            return f"sqlite:///{self.tmp / name}.sqlite3"
        admin = _admin_engine()
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except sa.exc.OperationalError as exc:  # pragma: no cover - environment problem
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc}")
        finally:
            admin.dispose()
        self.created.append(name)
        return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop_all(self) -> None:
        """Drop every database this factory created."""
        if not self.created:
            return
        admin = _admin_engine()
        with admin.connect() as conn:
            for name in self.created:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session", params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> str:
    """Each persistence test runs once per database."""
    return str(request.param)


@pytest.fixture(scope="session")
def database_factory(
    dialect: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    """Makes fresh databases of the current dialect."""
    factory = DatabaseFactory(dialect, tmp_path_factory.mktemp(f"db-{dialect}"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def migrated_settings(database_factory: DatabaseFactory) -> Settings:
    """Settings for a database migrated to head once per session and dialect."""
    settings = Settings(database_url=database_factory.new_url())
    engine = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="session")
def engine(migrated_settings: Settings) -> Iterator[Engine]:
    """The application engine on the migrated database."""
    eng = make_engine(migrated_settings)
    yield eng
    eng.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside one outer transaction that is rolled back after the test."""
    with engine.connect() as connection:
        outer = connection.begin()
        factory = make_sessionmaker(engine)
        session = factory(bind=connection, join_transaction_mode="create_savepoint")
        session.info["actor"] = "test"
        try:
            yield session
        finally:
            session.close()
            outer.rollback()


@pytest.fixture
def fresh_settings(database_factory: DatabaseFactory) -> Settings:
    """Settings on a new, empty (unmigrated) database, for tests that commit."""
    return Settings(database_url=database_factory.new_url())
