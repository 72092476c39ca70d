"""PostgreSQL faults under the app: connections dropped (``pg_terminate_backend``), and a
private server restarted and crashed under load. The app reconnects, answers 503 with
Retry-After while the database is away, never a 500, and loses no confirmed write."""

from __future__ import annotations

import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from litestar.testing import TestClient

from registry.settings import Settings
from tests.conftest import DatabaseFactory, _admin_engine
from tests.fixtures.db import migrate_to_head
from tests.fixtures.pgcluster import private_cluster
from tests.fixtures.server import EXE, registry_env, running_server
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


# -- the server itself restarted and crashed under load --------------------------------


@dataclass
class Answer:
    """One request of the load: when it ended, what, and its status (0: no answer)."""

    ended: float
    kind: str
    status: int
    retry_after: str | None = None


def _load(base: str, slugs: list[str], stop: threading.Event, out: list[Answer]) -> None:
    with httpx.Client(base_url=base, timeout=20) as client:
        i = 0
        while not stop.is_set():
            i += 1
            kind, path = [("search", "/api/v1/solutions?q=stadt"),
                          ("entry", f"/api/v1/solutions/{slugs[i % len(slugs)]}"),
                          ("page", f"/solutions/{slugs[i % len(slugs)]}")][i % 3]  # fmt: skip
            try:
                response = client.get(path)
                answer = Answer(time.monotonic(), kind, response.status_code,
                                response.headers.get("retry-after"))  # fmt: skip
            except httpx.TransportError:
                answer = Answer(time.monotonic(), kind, 0)
            out.append(answer)


def _write(base: str, slug: str, token: str, stop: threading.Event,
           acknowledged: list[int]) -> list[Answer]:  # fmt: skip
    """Edit one entry again and again; remember which edits the server confirmed."""
    answers: list[Answer] = []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=20, headers=headers) as client:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                response = client.patch(f"/api/v1/solutions/{slug}",
                                        json={"alternative_to": [f"Produkt {n}"]})  # fmt: skip
                answers.append(Answer(time.monotonic(), "edit", response.status_code,
                                      response.headers.get("retry-after")))  # fmt: skip
                if response.status_code == 200:
                    acknowledged.append(n)
            except httpx.TransportError:
                answers.append(Answer(time.monotonic(), "edit", 0))
            time.sleep(0.05)
    return answers


def _until_healthy(base: str) -> float:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return time.monotonic()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail("the registry did not recover within 60 s of the database coming back")


def test_restarted_and_crashed_server_under_load_never_gives_500(tmp_path: Path) -> None:
    """A private PostgreSQL (the shared one is never restarted) behind ``registry serve``
    with two workers: a clean restart and a crash while readers and a writer run. During
    the outage answers are 503 with Retry-After; once ``/health`` is green again every
    answer is a success; every confirmed edit is stored."""
    with private_cluster() as cluster:
        admin = sa.create_engine(cluster.url.replace("postgresql://", "postgresql+psycopg://"),
                                 isolation_level="AUTOCOMMIT")  # fmt: skip
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE registry")
        admin.dispose()
        url = cluster.url.rsplit("/", 1)[0] + "/registry"
        with running_server(url, tmp_path, "--demo", "--workers", "2") as base:
            slugs = [s["slug"] for s in httpx.get(f"{base}/api/v1/solutions").json()["data"]]
            env = registry_env(url)
            subprocess.run([EXE, "account", "create", "root@example.org", "--role", "admin"],
                           env=env, check=True, capture_output=True)  # fmt: skip
            token = subprocess.run([EXE, "token", "create", "root@example.org", "--scope", "admin"],
                                   env=env, check=True, capture_output=True, text=True
                                   ).stdout.split()[0]  # fmt: skip
            stop = threading.Event()
            reads: list[Answer] = []
            acknowledged: list[int] = []
            with ThreadPoolExecutor(4) as pool:
                readers = [pool.submit(_load, base, slugs, stop, reads) for _ in range(3)]
                writer = pool.submit(_write, base, slugs[0], token, stop, acknowledged)
                time.sleep(2)
                cluster.restart()
                recovered = [_until_healthy(base)]
                time.sleep(2)
                cluster.crash()
                recovered.append(_until_healthy(base))
                time.sleep(3)
                stop.set()
                for future in [*readers, writer]:
                    future.result()
                edits = writer.result()
            answers = reads + edits
            assert len(reads) > 30 and len(acknowledged) > 10
            assert {a.status for a in answers} <= {200, 503}, sorted({a.status for a in answers})
            assert all(a.retry_after for a in answers if a.status == 503)
            after = [a for a in answers if a.ended > recovered[-1] + 0.5]
            assert after and {a.status for a in after} == {200}
            entry = httpx.get(f"{base}/api/v1/solutions/{slugs[0]}").json()
            stored = int(entry["alternative_to"][0].split()[-1])
            assert stored >= acknowledged[-1]  # nothing confirmed was lost
