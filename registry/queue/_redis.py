"""The job queue on Redis through SAQ: several workers on several machines share the work.

SAQ keeps a job per key unique while it is queued or active (so one repository is never
imported twice at once), retries failed jobs, and its sweeper re-queues the jobs of a
worker that stopped sending heartbeats (a killed worker). The worker sends one every third
of ``heartbeat`` while a job runs (``registry.cli._worker``), so a long import is never
taken from a live worker.
"""

from __future__ import annotations

from typing import Any

from saq import Queue

from registry.queue._types import JobRequest, JobView

__all__ = ["JOB_FUNCTION", "RedisQueue"]

#: The SAQ function name the worker registers (``registry.cli._worker``).
JOB_FUNCTION = "run_job"
QUEUE_NAME = "registry"
#: Seconds a running job may go without a heartbeat before the sweeper takes it for dead.
HEARTBEAT = 60
_STATUS = {
    "new": "queued", "deferred": "queued", "queued": "queued", "active": "running",
    "aborting": "running", "complete": "done", "failed": "failed", "aborted": "failed",
}  # fmt: skip


class RedisQueue:
    """``JobQueue`` over a SAQ queue (``REGISTRY_QUEUE_URL=redis://…``)."""

    def __init__(self, url: str, *, name: str = QUEUE_NAME, heartbeat: int = HEARTBEAT) -> None:
        self.saq = Queue.from_url(url, name=name)
        self.heartbeat = heartbeat

    async def enqueue(self, request: JobRequest) -> str | None:
        """Queue a job; None when the same key is already queued or active."""
        job = await self.saq.enqueue(
            JOB_FUNCTION, key=request.key, retries=request.max_attempts, timeout=3600,
            heartbeat=self.heartbeat, **request.payload(),
        )  # fmt: skip
        return job.key if job is not None else None

    async def get(self, job_id: str) -> JobView | None:
        """A job's state (kept by SAQ for its ``ttl`` after it finished)."""
        job = await self.saq.job(job_id)
        if job is None:
            return None
        kwargs: dict[str, Any] = dict(job.kwargs or {})
        result = job.result if isinstance(job.result, dict) else {}
        return JobView(
            id=job.key, kind=str(kwargs.get("kind", "")), key=job.key,
            status=_STATUS.get(job.status.value, job.status.value), attempts=job.attempts,
            result=result, error=job.error, options=dict(kwargs.get("options") or {}),
        )  # fmt: skip

    async def close(self) -> None:
        """Release the Redis connection."""
        await self.saq.disconnect()
