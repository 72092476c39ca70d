"""Provenance: every import run and every attempt on an entry, with what failed and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, utcnow


class ImportRun(Base):
    """One import request: a publiccode.yml, a repository, an organisation crawl."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # publiccode | repository | host | crawl | demo
    source: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|ok|failed|partial
    requested_by: Mapped[str | None] = mapped_column(String(300))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)

    entries: Mapped[list[ImportLogEntry]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="ImportLogEntry.id"
    )


class ImportLogEntry(Base):
    """What happened to one entry in a run: fetched, created, updated, unchanged or failed."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id", ondelete="CASCADE"), index=True)
    solution_id: Mapped[int | None] = mapped_column(
        ForeignKey("solution.id", ondelete="SET NULL"), index=True
    )
    repository_id: Mapped[int | None] = mapped_column(
        ForeignKey("repository.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(1000))
    action: Mapped[str] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[ImportRun] = relationship(back_populates="entries")
