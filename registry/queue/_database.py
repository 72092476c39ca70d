"""The job queue on the registry's own database: the embedded default, safe for many workers.

A job is claimed with a conditional ``UPDATE`` (only one worker's update matches), so the
same job never runs twice at once on SQLite or PostgreSQL. A claim is a short lease that
its worker renews while the job runs (``holding``); a lease that ran out means the worker
died (killed, host lost), and the job is queued again with that reason, once more than its
attempts allow, then failed with it. At most one job per key is queued or running, so a
repository is never imported twice at the same time.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from registry.db import begin_writing, utcnow
from registry.queue._types import JobRequest, JobView
from registry.queue.models import QueueJob

__all__ = ["ClaimedJob", "DatabaseQueue", "worker_name"]

#: Short, because it is renewed while the job runs: a dead worker's job waits this long.
LEASE = timedelta(seconds=60)
ACTIVE = ("queued", "running")
#: Kept on a job whose lease ran out (its worker stopped without finishing it).
LOST = (
    "Der Worker hat während dieses Auftrags aufgehört (Lease abgelaufen) / "
    "the worker stopped while running this job (lease expired)"
)
log = logging.getLogger("registry.queue")


def worker_name(role: str) -> str:
    """Who holds a lease: the role, host and process (unique while the process lives)."""
    return f"{role}:{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    """A job a worker holds: what to do and which attempt this is."""

    id: int
    kind: str
    payload: dict[str, Any]
    attempt: int


def _view(job: QueueJob) -> JobView:
    return JobView(
        id=str(job.id), kind=job.kind, key=job.key, status=job.status, attempts=job.attempts,
        result=dict(job.result), error=job.error, options=dict(job.payload.get("options") or {}),
    )  # fmt: skip


class DatabaseQueue:
    """``JobQueue`` on the ``queue_job`` table; each call is its own short transaction."""

    def __init__(self, factory: sessionmaker[Session], *, lease: timedelta | None = None) -> None:
        self.factory = factory
        #: How long a claim holds; after it a job whose worker died is claimed again.
        self.lease = lease if lease is not None else LEASE

    async def enqueue(self, request: JobRequest) -> str | None:
        """Queue a job; None when a job with the same key is already queued or running."""
        return self.enqueue_now(request)

    async def get(self, job_id: str) -> JobView | None:
        """A job's state, or None."""
        if not job_id.isdigit():
            return None
        with self.factory() as session:
            job = session.get(QueueJob, int(job_id))
            return _view(job) if job is not None else None

    def enqueue_now(self, request: JobRequest) -> str | None:
        """``enqueue`` for synchronous callers.

        It reads (is the key busy?) and then writes; on SQLite such a transaction begins
        IMMEDIATE, else a concurrent writer between the two fails it at once ("database
        is locked") instead of making it wait its turn.
        """
        with self.factory() as session, session.begin():
            begin_writing(session)
            busy = session.scalar(
                select(QueueJob.id).where(QueueJob.key == request.key,
                                          QueueJob.status.in_(ACTIVE)).limit(1)
            )  # fmt: skip
            if busy is not None:
                return None
            job = QueueJob(kind=request.kind, key=request.key, payload=request.payload(),
                           max_attempts=request.max_attempts)  # fmt: skip
            session.add(job)
            session.flush()
            return str(job.id)

    def runnable(self, *, now: datetime | None = None) -> bool:
        """Whether a job waits to be claimed; reads only, so an idle poller never takes
        SQLite's write lock (which would make a request's read-then-write fail at once)."""
        now = now or utcnow()
        with self.factory() as session:
            found = session.scalar(
                select(QueueJob.id).where(
                    or_(and_(QueueJob.status == "queued", QueueJob.run_after <= now),
                        and_(QueueJob.status == "running", QueueJob.locked_until < now))
                ).limit(1)
            )  # fmt: skip
            return found is not None

    def claim(self, worker: str, *, now: datetime | None = None) -> ClaimedJob | None:
        """Take the oldest queued job whose time has come.

        Leases that ran out are released first (``_release_lost``). Then one ``UPDATE …
        WHERE id = (oldest runnable) AND runnable … RETURNING``: the condition is checked
        again on the locked row, so two workers never both win. The first statement
        writes, so SQLite takes its write lock before reading.
        """
        now = now or utcnow()
        runnable = and_(QueueJob.status == "queued", QueueJob.run_after <= now)
        oldest = select(QueueJob.id).where(runnable).order_by(QueueJob.id).limit(1)
        for _ in range(5):  # lost races retry at once
            with self.factory() as session, session.begin():
                _release_lost(session, now)
                row = session.execute(
                    update(QueueJob)
                    .where(QueueJob.id == oldest.scalar_subquery(), runnable)
                    .values(status="running", locked_by=worker, locked_until=now + self.lease,
                            attempts=QueueJob.attempts + 1)
                    .returning(QueueJob.id, QueueJob.kind, QueueJob.payload, QueueJob.attempts)
                    .execution_options(synchronize_session=False)
                ).first()  # fmt: skip
                if row is not None:
                    return ClaimedJob(row.id, row.kind, dict(row.payload), row.attempts)
                if session.scalar(oldest) is None:
                    return None
        return None

    def renew(self, job_id: int, worker: str, *, now: datetime | None = None) -> bool:
        """Extend ``worker``'s lease on a running job; False when it no longer holds it."""
        now = now or utcnow()
        with self.factory() as session, session.begin():
            renewed = session.execute(
                update(QueueJob)
                .where(QueueJob.id == job_id, QueueJob.status == "running",
                       QueueJob.locked_by == worker)
                .values(locked_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )  # fmt: skip
            return bool(getattr(renewed, "rowcount", 0))

    @contextmanager
    def holding(self, job: ClaimedJob, worker: str) -> Iterator[None]:
        """Renew the job's lease every third of it while the block runs.

        So the lease can be short (a dead worker's job is taken again soon) and a long
        import is still never taken from a worker that is alive. A renewal that fails
        (the database busy for a moment) is tried again at the next beat.
        """
        stop = threading.Event()
        beat = self.lease.total_seconds() / 3

        def renew_until_stopped() -> None:
            while not stop.wait(beat):
                try:
                    self.renew(job.id, worker)
                except SQLAlchemyError as exc:
                    log.warning("job %s: lease not renewed: %s", job.id, exc)

        thread = threading.Thread(target=renew_until_stopped, name=f"lease-{job.id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def complete(self, job_id: int, result: dict[str, Any]) -> None:
        """The job succeeded."""
        with self.factory() as session, session.begin():
            begin_writing(session)
            job = session.get_one(QueueJob, job_id)
            job.status, job.result, job.finished_at = "done", result, utcnow()
            job.locked_until = None

    def fail(self, job_id: int, error: str, *, now: datetime | None = None) -> None:
        """The job failed: retried later while attempts remain, else marked failed."""
        now = now or utcnow()
        with self.factory() as session, session.begin():
            begin_writing(session)
            job = session.get_one(QueueJob, job_id)
            job.error, job.locked_until = error[:4000], None
            if job.attempts < job.max_attempts:
                job.status, job.run_after = "queued", now + timedelta(seconds=30 * job.attempts)
            else:
                job.status, job.finished_at = "failed", now


def _release_lost(session: Session, now: datetime) -> None:
    """Jobs whose lease ran out (their worker stopped): queued again with the reason, or
    failed with it once they had one attempt more than allowed (so a job that kills its
    worker, or a member's one-attempt publish job, is retried once, not for ever)."""
    expired = and_(QueueJob.status == "running", QueueJob.locked_until < now)
    session.execute(
        update(QueueJob)
        .where(expired, QueueJob.attempts > QueueJob.max_attempts)
        .values(status="failed", error=LOST, finished_at=now, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(QueueJob)
        .where(expired)
        .values(status="queued", error=LOST, run_after=now, locked_until=None)
        .execution_options(synchronize_session=False)
    )
