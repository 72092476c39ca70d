"""Background jobs on the database (the embedded default's queue, and its fallback)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.db import Base, utcnow


class QueueJob(Base):
    """One requested piece of background work (an import of a URL, a crawl)."""

    __tablename__ = "queue_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # import | crawl
    #: At most one queued or running job per key (a repository is never imported twice at once).
    key: Mapped[str] = mapped_column(String(600))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued|running|done|failed
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=3)
    run_after: Mapped[datetime] = mapped_column(default=utcnow)
    #: The worker holding the job and until when; an expired lease means the worker died.
    locked_by: Mapped[str | None] = mapped_column(String(200))
    locked_until: Mapped[datetime | None]
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_queue_job_status_run_after", "status", "run_after"),
        Index("ix_queue_job_key_status", "key", "status"),
    )
