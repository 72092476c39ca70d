"""``registry worker``: run queued imports (Redis through SAQ, or the database queue).

    REGISTRY_QUEUE_URL=redis://127.0.0.1:6379/0 registry worker --concurrency 2
    registry worker --burst        # database queue: run what is queued, then stop

A job is ``repository`` (re-import one repository URL, e.g. from a push webhook),
``source`` (crawl an organisation URL, registering it first if it is new) or ``catalog``
(harvest one registered catalogue, by name). A job that
fails is retried (SAQ: ``retries``; database: ``max_attempts`` with a growing delay);
its error is kept on the job and the repository's import log.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import typer

from registry.cli._context import migrated_engine, settings_from_env, unit_of_work

if TYPE_CHECKING:
    from saq import Worker
    from sqlalchemy import Engine

    from registry.queue._redis import RedisQueue
    from registry.settings import Settings

__all__ = ["JobFailed", "execute", "make_saq_worker", "run_database_worker", "worker"]


class JobFailed(Exception):
    """A job ran and did not succeed; the message is the reason kept on the job."""


def _import_repository(settings: Settings, engine: Engine, url: str) -> dict[str, Any]:
    from importers.repository import import_repository

    with unit_of_work(engine, actor="worker") as session:
        result = import_repository(
            session, url, settings=settings, now=datetime.now(UTC), trusted=False, url=url
        )
        outcome = {"action": result.action, "error": result.error, "run": result.run.id}
    if not result.ok:
        raise JobFailed(result.error or result.action)
    return outcome


def _crawl(settings: Settings, engine: Engine, url: str, driver: str | None) -> dict[str, Any]:
    from sqlalchemy import select

    from importers.crawl import crawl_source, git_analyser
    from importers.hosts import locate
    from registry.catalogue import OrganisationRef
    from registry.entries import slugify
    from registry.organisations import CodeSource, OrganisationService

    now = datetime.now(UTC)
    with unit_of_work(engine, actor="worker") as session:
        source = session.scalar(select(CodeSource).where(CodeSource.url == url.rstrip("/")))
        if source is None:
            location = locate(url, driver=driver)
            service = OrganisationService(session)
            name = location.path.rsplit("/", 1)[-1]
            org = service.resolve(OrganisationRef(name=name, slug=slugify(name)))
            source = service.add_source(org, url.rstrip("/"), location.driver)
        summary = crawl_source(
            session, source, settings=settings, now=now, analyser=git_analyser(settings, now)
        )
    if summary.error:
        raise JobFailed(summary.error)
    return summary.as_dict()


def execute(
    settings: Settings, engine: Engine, kind: str, url: str, driver: str | None = None,
    *, options: dict[str, Any] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Run one job synchronously; raises ``JobFailed`` with the reason when it fails.

    A job with ``options["organisation"]`` is a member's publish request
    (``registry.cli._publish``): the organisation becomes the publisher of what it wrote.
    """
    if options and options.get("organisation"):
        from registry.cli._publish import run_publish

        return run_publish(settings, engine, kind, url, driver, options=options)
    if kind == "repository":
        return _import_repository(settings, engine, url)
    if kind == "source":
        return _crawl(settings, engine, url, driver)
    if kind == "catalog":
        from registry.cli._catalogs import harvest_one

        summary = harvest_one(engine, settings, url)
        if summary.error:
            raise JobFailed(summary.error)
        return summary.as_json()
    raise JobFailed(f"kind: unknown job kind {kind!r}")


def run_database_worker(
    settings: Settings, engine: Engine, *, burst: bool, poll_seconds: float = 2.0
) -> int:
    """Claim and run database jobs until stopped (or, with ``burst``, until none is left)."""
    from datetime import timedelta

    from registry.queue import DatabaseQueue, worker_name
    from registry.wiring import make_sessionmaker

    queue = DatabaseQueue(make_sessionmaker(engine),
                          lease=timedelta(seconds=settings.job_lease_seconds))  # fmt: skip
    worker_id = worker_name("worker")
    done = 0
    while True:
        job = queue.claim(worker_id)
        if job is None:
            if burst:
                return done
            time.sleep(poll_seconds)
            continue
        try:
            payload = job.payload
            with queue.holding(job, worker_id):
                result = execute(settings, engine, job.kind, str(payload.get("url", "")),
                                 payload.get("driver"), options=payload.get("options"))  # fmt: skip
        except Exception as exc:
            queue.fail(job.id, str(exc) or type(exc).__name__)
        else:
            queue.complete(job.id, result)
        done += 1


def make_saq_worker(
    settings: Settings, engine: Engine, queue: RedisQueue, *, concurrency: int, burst: bool
) -> Worker[Any]:
    """A SAQ worker whose ``run_job`` calls ``execute`` in a thread (imports block), and
    sends the job's heartbeat meanwhile (else the sweeper takes a long job for dead)."""
    import asyncio

    from saq import Worker

    from registry.queue._redis import JOB_FUNCTION

    async def run_job(
        ctx: Any, *, kind: str, url: str, driver: str | None = None,
        options: dict[str, Any] | None = None, **_extra: Any,
    ) -> dict[str, Any]:  # fmt: skip
        work = asyncio.ensure_future(asyncio.to_thread(
            partial(execute, settings, engine, kind, url, driver, options=options)
        ))  # fmt: skip
        while not (await asyncio.wait({work}, timeout=queue.heartbeat / 3))[0]:
            await ctx["job"].update()
        return work.result()

    async def sweep_first(_ctx: Any) -> None:
        # SAQ sweeps stale jobs when a worker starts, concurrently with its first
        # dequeue: a job just moved to the active list but not yet marked active was
        # swept and re-queued while it ran (seen in CI). Sweeping in the startup hook, before
        # any dequeue, takes SAQ's sweep lock (60 s), so the upkeep sweep that follows
        # finds it held and leaves the fresh job alone.
        await queue.saq.sweep()

    return Worker(
        queue.saq, functions=[(JOB_FUNCTION, run_job)], concurrency=concurrency, burst=burst,
        dequeue_timeout=1.0 if burst else 0.0, startup=sweep_first,
    )  # fmt: skip


def worker(
    burst: bool = typer.Option(False, "--burst", help="Stop when the queue is empty."),
    concurrency: int = typer.Option(2, min=1, max=32, help="Jobs at once (Redis only)."),
) -> None:
    """Run background imports from the queue. / Hintergrund-Importe ausführen."""
    from importers.git.clone import sweep_stale_clones

    settings = settings_from_env()
    engine = migrated_engine(settings)
    sweep_stale_clones(settings.git_cache_dir)
    try:
        if settings.queue_url:
            import asyncio

            from registry.queue._redis import RedisQueue

            saq_worker = make_saq_worker(
                settings, engine, RedisQueue(settings.queue_url), concurrency=concurrency,
                burst=burst,
            )  # fmt: skip
            typer.echo(f"worker on / Worker an {settings.masked()['REGISTRY_QUEUE_URL']}")
            asyncio.run(saq_worker.start())
        else:
            done = run_database_worker(settings, engine, burst=burst)
            typer.echo(f"jobs run / Aufträge ausgeführt: {done}")
    finally:
        engine.dispose()
