"""PostgreSQL connections dropped under the app (``pg_terminate_backend``, as in a server
restart): the app reconnects and no request after the fault returns a 500."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from litestar.testing import TestClient

from registry.settings import Settings
from tests.conftest import DatabaseFactory, _admin_engine
from tests.fixtures.db import migrate_to_head
from web.app import create_app

PATHS = ("/api/v1/solutions", "/api/v1/solutions?q=stadt", "/")


def _terminate(name: str) -> int:
    """End every backend on our own test database (never anyone else's)."""
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            return len(conn.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ), {"name": name}).all())  # fmt: skip
    finally:
        admin.dispose()


def test_dropped_connections_are_replaced_without_500(tmp_path: Path) -> None:
    factory = DatabaseFactory("postgresql", tmp_path)
    try:
        settings = migrate_to_head(Settings(database_url=factory.new_url()))
        name = settings.database_url.rsplit("/", 1)[1]
        with TestClient(app=create_app(settings)) as client:
            for path in PATHS:
                assert client.get(path).status_code == 200
            for _ in range(3):
                assert _terminate(name) >= 1  # the app's pooled connections are gone
                statuses = [client.get(path).status_code for path in PATHS for _ in range(3)]
                assert statuses == [200] * len(statuses)
    finally:
        factory.drop_all()
