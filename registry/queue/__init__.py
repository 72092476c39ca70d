"""Background work: one ``JobQueue`` interface, on Redis (SAQ) or on the database.

``make_queue(settings, sessionmaker)`` gives ``RedisQueue`` when ``REGISTRY_QUEUE_URL`` is
a ``redis://`` URL, else ``DatabaseQueue`` (the embedded default). Web handlers and
webhooks only *enqueue* through this interface; ``registry worker`` runs the jobs.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from registry.errors import InvalidInput
from registry.queue._database import ClaimedJob, DatabaseQueue, worker_name
from registry.queue._types import JOB_KINDS, JobQueue, JobRequest, JobView
from registry.settings import Settings

__all__ = [
    "JOB_KINDS",
    "ClaimedJob",
    "DatabaseQueue",
    "JobQueue",
    "JobRequest",
    "JobView",
    "make_queue",
    "worker_name",
]


def make_queue(settings: Settings, factory: sessionmaker[Session]) -> JobQueue:
    """The configured queue."""
    url = settings.queue_url
    if not url:
        return DatabaseQueue(factory, lease=timedelta(seconds=settings.job_lease_seconds))
    if url.startswith(("redis://", "rediss://", "unix://")):
        from registry.queue._redis import RedisQueue  # noqa: PLC0415 - only with Redis

        return RedisQueue(url)
    raise InvalidInput(
        "REGISTRY_QUEUE_URL: expected redis://host:port/db or empty (database queue)",
        field="queue_url",
    )
