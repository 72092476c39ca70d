"""A publisher's own things: its organisations' solutions and the imports it asked for.

    rows = organisation_solutions(session, [org.id])       # with score, silo and state
    jobs = my_imports(session, "anna@stadt-a.example")      # newest first, failures explained

For the account page's "Meine Lösungen und Importe". Imports are read from the database
queue (the embedded default); with a Redis queue the jobs live in Redis and only the
entries are listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue.models import ScoreResult, Solution
from registry.imports.errors import ImportProblem, explain_failure
from registry.organisations import Organisation
from registry.queue.models import QueueJob

__all__ = ["MyImport", "MySolution", "my_imports", "organisation_solutions"]

#: Publish jobs read to find one person's (their payload names who asked).
SCAN_JOBS = 500
#: At most this many rows in each list.
MAX_ROWS = 100
_PUBLISH_KINDS = {"repository": "repository", "source": "organisation",
                  "publiccode": "publiccode", "preview": "preview"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MySolution:
    """One entry an organisation publishes, as its members see it in their list."""

    slug: str
    name: str
    organisation: str
    active: bool
    score: int | None  # percent; None: not scored yet
    silo: str | None


@dataclass(frozen=True, slots=True)
class MyImport:
    """One publish job of a person: its state and, when it failed, why."""

    id: str
    kind: str  # repository | organisation | publiccode | preview
    source: str
    status: str
    created_at: datetime
    solution: str | None
    problem: ImportProblem | None


def organisation_solutions(session: Session, organisation_ids: Iterable[int]) -> list[MySolution]:
    """The live entries the organisations publish, lowest score first (the ones to work on)."""
    ids = list(organisation_ids)
    if not ids:
        return []
    rows = session.execute(
        select(Solution, Organisation.name, ScoreResult)
        .join(Organisation, Organisation.id == Solution.publisher_id)
        .outerjoin(ScoreResult, (ScoreResult.solution_id == Solution.id) & ScoreResult.current)
        .where(Solution.publisher_id.in_(ids), Solution.live())
        .order_by(Solution.name)
        .limit(MAX_ROWS)
    ).all()
    mine: dict[int, MySolution] = {}
    for solution, org_name, result in rows:
        percent = None
        if result is not None:
            percent = round(100 * result.total / result.maximum) if result.maximum else 0
        mine.setdefault(solution.id, MySolution(
            solution.slug, solution.name, org_name, solution.active, percent,
            result.silo if result is not None else None,
        ))  # fmt: skip
    return sorted(mine.values(), key=lambda s: (s.score is not None, s.score or 0, s.name))


def my_imports(session: Session, email: str) -> list[MyImport]:
    """The person's publish jobs, failed ones first, then newest first."""
    jobs = session.scalars(
        select(QueueJob)
        .where(QueueJob.kind.in_(tuple(_PUBLISH_KINDS)))
        .order_by(QueueJob.id.desc())
        .limit(SCAN_JOBS)
    ).all()
    found = []
    for job in jobs:
        if (job.payload.get("options") or {}).get("requested_by") != email:
            continue
        kind = _PUBLISH_KINDS[job.kind]
        source = "publiccode.yml" if kind == "publiccode" else job.key.partition(":")[2]
        found.append(MyImport(
            str(job.id), kind, source, job.status, job.created_at,
            (job.result or {}).get("solution"),
            explain_failure(job.error) if job.status == "failed" and job.error else None,
        ))  # fmt: skip
    found.sort(key=lambda j: (j.status != "failed", -int(j.id)))
    return found[:MAX_ROWS]
