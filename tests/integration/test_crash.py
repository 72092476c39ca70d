"""A worker killed with SIGKILL in the middle of an import: the database stays consistent,
nothing half-written is left, and the job is taken again once its lease ran out.

The repository is served over smart HTTP on loopback by a server that holds the pack
transfer of the first fetch, so the real ``registry worker`` process is reliably inside
the import (job claimed, unit of work open, clone half done) when it is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from registry.catalogue.models import Repository, Solution
from registry.db import make_engine
from registry.queue import DatabaseQueue, JobRequest
from registry.queue.models import QueueJob
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.httpgit import _handler

LEASE_SECONDS = 2
#: The real ``registry worker`` command (its lease made short by REGISTRY_JOB_LEASE_SECONDS).
WORKER = "import sys; from registry.cli import main; sys.argv[0] = 'registry'; main()"


class HeldGit:
    """Serves bare repositories; the first pack transfer waits until ``release``."""

    def __init__(self, root: Path) -> None:
        self.inside = threading.Event()  # the first fetch reached the pack transfer
        self.release = threading.Event()
        git = "/usr/bin/git" if Path("/usr/bin/git").exists() else "git"
        base = _handler(root, git)
        held = self

        class Held(base):  # type: ignore[misc, valid-type]
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                if not held.inside.is_set():
                    held.inside.set()
                    held.release.wait(60)
                try:
                    super().do_POST()
                except (BrokenPipeError, ConnectionResetError):
                    return  # the killed worker's socket

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Held)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/{name}"


@pytest.fixture
def held_git(tmp_path: Path) -> Iterator[HeldGit]:
    root = tmp_path / "repos"
    root.mkdir()
    build_sample_repo(root / "sample.git")
    server = HeldGit(root)
    server.thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.server.shutdown()
        server.server.server_close()
        server.thread.join()


def _counts(settings: Settings) -> dict[str, object]:
    engine = make_engine(settings)
    try:
        with make_sessionmaker(engine)() as session:
            job = session.scalars(select(QueueJob)).one()
            return {
                "solutions": session.scalar(select(func.count(Solution.id))),
                "repositories": session.scalar(select(func.count(Repository.id))),
                "urls": session.scalar(select(func.count(Repository.url.distinct()))),
                "status": job.status, "attempts": job.attempts,
            }  # fmt: skip
    finally:
        engine.dispose()


def test_a_killed_worker_leaves_nothing_half_written_and_the_job_is_retried(
    tmp_path: Path, held_git: HeldGit
) -> None:
    settings = migrate_to_head(Settings(database_url=DatabaseFactory("sqlite", tmp_path).new_url()))
    url = held_git.url("sample.git")
    engine = make_engine(settings)
    try:
        job_id = DatabaseQueue(make_sessionmaker(engine)).enqueue_now(JobRequest("repository", url))
    finally:
        engine.dispose()
    assert job_id is not None
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")},
        "REGISTRY_DATABASE_URL": settings.database_url,
        "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true",
        "REGISTRY_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        # both workers share the clone cache: the second must cope with the first's leftovers
        "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "cache"),
    }  # fmt: skip
    first = subprocess.Popen(
        [sys.executable, "-c", WORKER, "worker", "--burst"], env=env, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert held_git.inside.wait(30), "the worker never started fetching"
        time.sleep(0.3)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:  # pragma: no cover - only when the wait above failed
            first.kill()
            first.wait()
        assert first.stdout is not None
        first.stdout.close()
    assert first.returncode == -signal.SIGKILL
    held_git.release.set()

    # consistent: no entry, the job still held by the dead worker, the file intact
    assert _counts(settings) == {"solutions": 0, "repositories": 0, "urls": 0, "status": "running",
                                 "attempts": 1}  # fmt: skip
    engine = make_engine(settings)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        engine.dispose()

    time.sleep(LEASE_SECONDS + 0.2)  # the dead worker's lease runs out
    second = subprocess.run(
        [sys.executable, "-c", WORKER, "worker", "--burst"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert second.returncode == 0, second.stdout + second.stderr
    assert "jobs run / Aufträge ausgeführt: 1" in second.stdout
    # one entry; its two repository rows are the served URL and the one its
    # publiccode.yml declares, each once
    assert _counts(settings) == {"solutions": 1, "repositories": 2, "urls": 2, "status": "done",
                                 "attempts": 2}  # fmt: skip


def test_the_lease_is_configurable(tmp_path: Path) -> None:
    settings = migrate_to_head(Settings(database_url=DatabaseFactory("sqlite", tmp_path).new_url()))
    engine = make_engine(settings)
    try:
        queue = DatabaseQueue(make_sessionmaker(engine), lease=timedelta(milliseconds=1))
        queue.enqueue_now(JobRequest("repository", "https://git.example.org/a/b"))
        claimed = queue.claim("worker-1")
        assert claimed is not None and claimed.attempt == 1
        time.sleep(0.01)
        again = queue.claim("worker-2")  # worker-1 counts as dead
        assert again is not None and (again.id, again.attempt) == (claimed.id, 2)
    finally:
        engine.dispose()
