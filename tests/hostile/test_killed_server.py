"""A server killed with SIGKILL in the middle of an import (issue 14, finding 12).

The attack: submit an import to a real ``registry serve`` whose repository host stalls
the pack transfer, then ``kill -9`` the server while its clone runs. The clone process
used to outlive the server, its temporary directory stayed on disk, and the job stayed
"running" for a 30-minute lease (409 on every resubmission), then failed without a
reason and was never retried. Now the clone dies with the server, the next start removes
the directory, and the job's short lease runs out: it is run again, with the reason kept.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import redis

from registry.accounts import AccountService
from registry.cli._worker import make_saq_worker
from registry.db import make_engine
from registry.organisations import Organisation
from registry.queue import DatabaseQueue, JobRequest
from registry.queue._database import LOST
from registry.queue._redis import RedisQueue
from registry.queue.models import QueueJob
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.httpgit import _handler
from tests.fixtures.server import running_server, server_process

LEASE_SECONDS = 2
REDIS_URL = "redis://127.0.0.1:6379/0"


class StallingGit:
    """Serves bare repositories over smart HTTP; the first pack transfer stalls until
    ``release`` (so the server is reliably inside its clone when it is killed)."""

    def __init__(self, root: Path) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()
        stalling = self

        class Stalling(_handler(root, "git")):  # type: ignore[misc]
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                if not stalling.inside.is_set():
                    stalling.inside.set()
                    stalling.release.wait(60)
                    return  # the stalled client is gone by now
                super().do_POST()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Stalling)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/{name}"


@pytest.fixture
def stalling_git(tmp_path: Path) -> Iterator[StallingGit]:
    root = tmp_path / "repos"
    root.mkdir()
    build_sample_repo(root / "sample.git")
    server = StallingGit(root)
    server.thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.server.shutdown()
        server.server.server_close()
        server.thread.join()


@pytest.fixture
def database(fresh_settings: Settings) -> tuple[Settings, str]:
    """A migrated database with one town, its member and a publish token."""
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a",
                        password="a long enough password")  # fmt: skip
        token = accounts.issue_token("a@example.org", scope="publish").token
    return fresh_settings, token


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state, ppid, pgrp, …)."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def _children(pid: int) -> dict[int, str]:
    """The live child processes of ``pid`` with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat(int(entry.name))
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if int(fields[1]) == pid and fields[0] not in "ZX":
            found[int(entry.name)] = cmdline
    return found


def _running(pid: int) -> bool:
    try:
        return _stat(pid)[0] not in "ZX"  # a zombie has ended
    except OSError:
        return False


def _wait(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.1)
    return False


def _job(settings: Settings, job_id: str) -> QueueJob:
    engine = make_engine(settings)
    try:
        with make_sessionmaker(engine)() as session:
            return session.get_one(QueueJob, int(job_id))
    finally:
        engine.dispose()


def test_a_server_killed_mid_clone_leaves_no_clone_and_its_job_runs_again(
    database: tuple[Settings, str], stalling_git: StallingGit, tmp_path: Path
) -> None:
    settings, token = database
    cache = tmp_path / "cache"
    env = {"REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true", "REGISTRY_GIT_CACHE_DIR": str(cache),
           "REGISTRY_JOB_LEASE_SECONDS": str(LEASE_SECONDS)}  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    body = {"organisation": "stadt-a", "url": stalling_git.url("sample.git")}
    with server_process(settings.database_url, tmp_path, **env) as (base, server):
        submitted = httpx.post(f"{base}/api/v1/imports", json=body, headers=headers, timeout=30)
        assert submitted.status_code == 202, submitted.text
        job_id = submitted.json()["id"]
        assert stalling_git.inside.wait(30), "the server never started cloning"
        assert _wait(lambda: any("spawn_main" in c for c in _children(server.pid).values()), 10)
        children = _children(server.pid)  # the clone (and multiprocessing's helper)
        left = list(cache.glob("clone-*"))
        assert left, "the clone has its temporary directory"
        server.kill()
        server.wait(10)

    assert _wait(lambda: not any(_running(pid) for pid in children), 10), {
        pid: cmd for pid, cmd in children.items() if _running(pid)
    }
    assert all(path.exists() for path in left)  # the dead server could not remove it
    assert _job(settings, job_id).status == "running"
    stalling_git.release.set()

    with running_server(settings.database_url, tmp_path, **env) as base:
        assert not any(path.exists() for path in left), "swept when the server started"

        def finished() -> bool:
            answer = httpx.get(f"{base}/api/v1/imports/{job_id}", headers=headers, timeout=30)
            return answer.status_code == 200 and answer.json()["status"] in {"done", "failed"}

        assert _wait(finished, 60), "the job was not run again after its lease ran out"
        job = _job(settings, job_id)
        assert (job.status, job.attempts, job.error) == ("done", 2, LOST)
        again = httpx.post(f"{base}/api/v1/imports", json=body, headers=headers, timeout=30)
        assert again.status_code == 202, again.text


#: A worker process that clones ``sys.argv[1]`` (a git:// URL: dialled by the clone
#: process itself, with no proxy in the worker whose death would cut its connection).
CLONING = """
import sys, time
from pathlib import Path
from importers.git.clone import open_source
from registry.settings import Settings
settings = Settings(allow_private_addresses=True, git_cache_dir=Path(sys.argv[2]))
with open_source(sys.argv[1], settings=settings, trusted=False, deadline=time.monotonic() + 600):
    pass
"""


def test_a_clone_process_dies_with_its_worker_even_by_sigkill(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers
        url = f"git://127.0.0.1:{silent.getsockname()[1]}/sample.git"
        worker = subprocess.Popen([sys.executable, "-c", CLONING, url, str(tmp_path / "cache")],
                                  env=os.environ | {"PYTHONPATH": os.getcwd()})  # fmt: skip
        try:
            silent.settimeout(30)
            connection, _ = silent.accept()  # the clone process dialled
            clones = {pid for pid, cmd in _children(worker.pid).items() if "spawn_main" in cmd}
            assert clones
            worker.kill()
            worker.wait(10)
            assert _wait(lambda: not any(_running(pid) for pid in clones), 10), "clone outlived"
            connection.close()
        finally:
            if worker.poll() is None:  # pragma: no cover - only when an assertion failed
                worker.kill()
                worker.wait()


def test_a_lease_is_renewed_while_its_job_runs(database: tuple[Settings, str]) -> None:
    settings, _ = database
    engine = make_engine(settings)
    try:
        queue = DatabaseQueue(make_sessionmaker(engine), lease=timedelta(seconds=0.6))
        queue.enqueue_now(JobRequest("repository", "https://git.example.org/a/b"))
        job = queue.claim("worker-1")
        assert job is not None
        with queue.holding(job, "worker-1"):
            time.sleep(1.5)  # more than twice the lease
            assert queue.claim("worker-2") is None  # not taken from a live worker
        time.sleep(0.8)  # no renewal now: worker-1 counts as dead
        again = queue.claim("worker-2")
        assert again is not None and (again.id, again.attempt) == (job.id, 2)
    finally:
        engine.dispose()


def test_a_job_whose_worker_keeps_dying_fails_with_the_reason(
    database: tuple[Settings, str],
) -> None:
    settings, _ = database
    engine = make_engine(settings)
    try:
        queue = DatabaseQueue(make_sessionmaker(engine), lease=timedelta(milliseconds=1))
        request = JobRequest("repository", "https://git.example.org/a/b", max_attempts=1)
        job_id = queue.enqueue_now(request)
        assert job_id is not None
        for attempt in (1, 2):  # a member's one-attempt job is run once more
            claimed = queue.claim(f"worker-{attempt}")
            assert claimed is not None and claimed.attempt == attempt
            time.sleep(0.01)  # the worker dies: its lease runs out
        assert queue.claim("worker-3") is None
        view = asyncio.run(queue.get(job_id))
        assert view is not None and (view.status, view.error) == ("failed", LOST)
        assert queue.enqueue_now(request) is not None  # and it may be submitted again
    finally:
        engine.dispose()


async def test_a_long_job_on_redis_keeps_its_heartbeat(
    database: tuple[Settings, str], stalling_git: StallingGit, tmp_path: Path
) -> None:
    """SAQ's sweeper takes a job without a heartbeat for one whose worker died; an import
    that runs longer than the heartbeat (a slow clone) used to be swept while it ran."""
    settings = dataclasses.replace(database[0], allow_private_addresses=True,
                                   git_cache_dir=tmp_path / "cache")  # fmt: skip
    name = f"test-{uuid.uuid4().hex[:10]}"
    queue = RedisQueue(REDIS_URL, name=name, heartbeat=1)
    engine = make_engine(settings)
    try:
        request = JobRequest("repository", stalling_git.url("sample.git"), max_attempts=1)
        job_id = await queue.enqueue(request)
        assert job_id is not None
        worker = make_saq_worker(settings, engine, queue, concurrency=1, burst=True)
        running = asyncio.ensure_future(worker.start())
        assert await asyncio.to_thread(stalling_git.inside.wait, 30)
        await asyncio.sleep(2.5)  # more than twice the heartbeat
        await queue.saq.redis.delete(queue.saq._sweep)  # the worker's start holds the lock
        assert await queue.saq.sweep() == []  # alive, so not swept
        stalling_git.release.set()
        await asyncio.wait_for(running, 60)
        view = await queue.get(job_id)
        assert view is not None and view.attempts == 1
        assert view.status == "failed" and queue.saq.swept_error_message not in str(view.error)
    finally:
        engine.dispose()
        await queue.close()
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"*{name}*"))
        if keys:
            client.delete(*keys)
        client.close()
