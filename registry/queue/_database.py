"""The job queue on the registry's own database: the embedded default, safe for many workers.

A job is claimed with a conditional ``UPDATE`` (only one worker's update matches), so the
same job never runs twice at once on SQLite or PostgreSQL; a claim is a lease, and a job
whose lease ran out (its worker died) is claimed again. At most one job per key is queued
or running, so a repository is never imported twice at the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from registry.db.base import utcnow
from registry.db.engine import begin_writing
from registry.queue._types import JobRequest, JobView
from registry.queue.models import QueueJob

__all__ = ["ClaimedJob", "DatabaseQueue"]

LEASE = timedelta(minutes=30)
ACTIVE = ("queued", "running")


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
        """Take the oldest runnable job (queued, or running with an expired lease).

        One ``UPDATE … WHERE id = (oldest runnable) AND runnable … RETURNING``: the
        condition is checked again on the locked row, so two workers never both win.
        The first statement writes, so SQLite takes its write lock before reading.
        """
        now = now or utcnow()
        expired = and_(QueueJob.status == "running", QueueJob.locked_until < now)
        runnable = and_(
            or_(and_(QueueJob.status == "queued", QueueJob.run_after <= now), expired),
            QueueJob.attempts < QueueJob.max_attempts,
        )
        oldest = select(QueueJob.id).where(runnable).order_by(QueueJob.id).limit(1)
        for _ in range(5):  # lost races retry at once
            with self.factory() as session, session.begin():
                session.execute(
                    update(QueueJob)
                    .where(expired, QueueJob.attempts >= QueueJob.max_attempts)
                    .values(status="failed", finished_at=now, locked_until=None)
                    .execution_options(synchronize_session=False)
                )
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
