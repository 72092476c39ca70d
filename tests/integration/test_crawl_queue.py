"""Background jobs: the database queue on both databases, the SAQ queue on a real Redis."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import Engine, select

from registry.catalogue.models import Repository
from registry.cli._worker import make_saq_worker, run_database_worker
from registry.db import make_engine, migrate, utcnow
from registry.errors import InvalidInput
from registry.queue import DatabaseQueue, JobRequest, make_queue
from registry.queue._redis import RedisQueue
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.gitserver import GitServer, git_server
from tests.fixtures.hostserver import HostServer, host_server
from tests.integration.test_crawl import _serve

__all__ = ["git_server", "host_server"]

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def queue_engine(fresh_settings: Settings) -> Iterator[Engine]:
    """A migrated database of its own: queue calls commit."""
    migration = make_engine(fresh_settings, for_migrations=True)
    migrate.upgrade(fresh_settings, migration)
    migration.dispose()
    engine = make_engine(fresh_settings)
    yield engine
    engine.dispose()


def _queue(engine: Engine) -> DatabaseQueue:
    return DatabaseQueue(make_sessionmaker(engine))


async def test_database_queue_keeps_one_job_per_key(queue_engine: Engine):
    queue = _queue(queue_engine)
    first = await queue.enqueue(JobRequest("repository", "https://github.com/a/b"))
    assert first is not None
    assert await queue.enqueue(JobRequest("repository", "https://github.com/a/b")) is None
    view = await queue.get(first)
    assert view is not None and view.status == "queued" and view.kind == "repository"
    assert await queue.get("999999") is None and await queue.get("x") is None


def test_two_workers_never_claim_the_same_job(queue_engine: Engine):
    queue = _queue(queue_engine)
    for n in range(12):
        queue.enqueue_now(JobRequest("repository", f"https://github.com/a/r{n}"))
    claimed: dict[str, list[int]] = {"one": [], "two": []}

    def work(name: str) -> None:
        while (job := queue.claim(name)) is not None:
            claimed[name].append(job.id)

    threads = [threading.Thread(target=work, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = claimed["one"] + claimed["two"]
    assert len(every) == 12 and len(set(every)) == 12


def test_a_dead_workers_job_is_claimed_again_then_given_up(queue_engine: Engine):
    queue = _queue(queue_engine)
    job_id = queue.enqueue_now(JobRequest("repository", "https://github.com/a/b", max_attempts=2))
    now = utcnow()
    first = queue.claim("dies", now=now)
    assert first is not None and first.attempt == 1
    assert queue.claim("other", now=now) is None  # leased
    later = now + timedelta(hours=1)
    second = queue.claim("other", now=later)
    assert second is not None and second.id == first.id and second.attempt == 2
    queue.fail(second.id, "boom", now=later)
    view = asyncio.run(queue.get(str(job_id)))
    assert view is not None and view.status == "failed" and view.error == "boom"


def test_the_database_worker_runs_a_crawl(
    queue_engine: Engine, fresh_settings: Settings, host_server: HostServer,
    git_server: GitServer, tmp_path: Path,
):  # fmt: skip
    host_server.world.owners["acme"] = "org"
    host_server.world.add("acme", "portal", clone_url=_serve(git_server, "portal"))
    settings = replace(fresh_settings, allow_private_addresses=True,
                       git_cache_dir=tmp_path / "cache")  # fmt: skip
    queue = _queue(queue_engine)
    ok = queue.enqueue_now(JobRequest("source", host_server.url("acme"), driver="github"))
    bad = queue.enqueue_now(JobRequest("repository", git_server.url("missing.git")))
    assert run_database_worker(settings, queue_engine, burst=True) == 2
    done = asyncio.run(queue.get(str(ok)))
    assert done is not None and done.status == "done" and done.result["new"] == 1
    retry = asyncio.run(queue.get(str(bad)))
    assert retry is not None and retry.status == "queued" and retry.error  # retried later


def test_make_queue_picks_the_backend(queue_engine: Engine):
    factory = make_sessionmaker(queue_engine)
    assert isinstance(make_queue(Settings(), factory), DatabaseQueue)
    assert isinstance(make_queue(Settings(queue_url=REDIS_URL), factory), RedisQueue)
    with pytest.raises(InvalidInput, match="REGISTRY_QUEUE_URL"):
        make_queue(Settings(queue_url="amqp://x"), factory)


@pytest.fixture
def redis_queue() -> Iterator[RedisQueue]:
    name = f"test-{uuid.uuid4().hex[:10]}"
    yield RedisQueue(REDIS_URL, name=name)
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"*{name}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def acme(host_server: HostServer, git_server: GitServer) -> HostServer:
    """An organisation of two repositories served by the git daemon."""
    host_server.world.owners["acme"] = "org"
    for name in ("portal", "karten"):
        host_server.world.add("acme", name, clone_url=_serve(git_server, name))
    return host_server


@pytest.fixture
def crawl_settings(fresh_settings: Settings, tmp_path: Path) -> Settings:
    return replace(fresh_settings, allow_private_addresses=True, git_cache_dir=tmp_path / "c")


async def test_redis_queue_runs_jobs_once_per_key(
    redis_queue: RedisQueue, queue_engine: Engine, crawl_settings: Settings, acme: HostServer
):
    host_server, settings = acme, crawl_settings
    request = JobRequest("source", host_server.url("acme"), driver="github")
    job_id = await redis_queue.enqueue(request)
    assert job_id is not None
    assert await redis_queue.enqueue(request) is None  # the same organisation is not queued twice
    queued = await redis_queue.get(job_id)
    assert queued is not None and queued.status == "queued"
    worker = make_saq_worker(settings, queue_engine, redis_queue, concurrency=2, burst=True)
    await asyncio.wait_for(worker.start(), timeout=120)
    done = await redis_queue.get(job_id)
    assert done is not None and done.status == "done", done
    assert done.result["new"] == 2 and done.result["failed"] == 0
    with make_sessionmaker(queue_engine)() as session:
        assert len(session.scalars(select(Repository)).all()) == 2
    assert await redis_queue.enqueue(request) is not None  # finished: may be queued again
    await redis_queue.close()
