"""Recording provenance: an ``ImportRun`` per request and a log line per entry attempt."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.db import utcnow
from registry.imports.models import ImportLogEntry, ImportRun


class ImportRecorder:
    """Writes one run and its log lines; the counts become the run's summary."""

    def __init__(self, session: Session, *, kind: str, source: str) -> None:
        self.db = session
        self.counts: Counter[str] = Counter()
        self.run = ImportRun(
            kind=kind, source=source[:1000], requested_by=str(session.info.get("actor", ""))
        )
        session.add(self.run)
        session.flush()

    def log(
        self,
        action: str,
        *,
        url: str | None = None,
        solution_id: int | None = None,
        repository_id: int | None = None,
        message: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> ImportLogEntry:
        """Record what happened to one entry (created, updated, unchanged, invalid, failed)."""
        self.counts[action] += 1
        entry = ImportLogEntry(
            run_id=self.run.id, action=action, url=url, solution_id=solution_id,
            repository_id=repository_id, message=message, details=details or {},
        )  # fmt: skip
        self.db.add(entry)
        return entry

    def finish(self, *, error: str | None = None) -> ImportRun:
        """Close the run: ``ok``, ``partial`` when some entries failed, ``failed`` on error."""
        failed = self.counts["failed"]
        if error is not None or (failed and failed == sum(self.counts.values())):
            self.run.status = "failed"
        else:
            self.run.status = "partial" if failed else "ok"
        self.run.error = error
        self.run.finished_at = utcnow()
        self.run.stats = dict(self.counts)
        self.db.flush()
        return self.run


def last_log(session: Session, solution_id: int, limit: int = 20) -> list[ImportLogEntry]:
    """The newest import log lines of an entry (for its page and its maintainers)."""
    query = (
        select(ImportLogEntry)
        .where(ImportLogEntry.solution_id == solution_id)
        .order_by(ImportLogEntry.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
