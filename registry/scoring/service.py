"""Scoring on stored entries: snapshot from the database, judge, keep the history.

    result = rescore(session, solution, now=utcnow())   # after every import or edit

``ScoringService`` is built with a session and never commits; the caller owns the unit
of work. A new ``ScoreResult`` is stored only when the judgement changed (statuses,
points, silo, level, rubric version or judged commit); the previous current result is
kept with ``current = False``, so a score has a history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from registry.audit import plain
from registry.catalogue import models as m
from registry.errors import NotFound
from registry.organisations import Organisation
from registry.scoring.badge import badge_data
from registry.scoring.engine import ScoreOutcome, score
from registry.scoring.explain import explain_result
from registry.scoring.facts import FactSet, build_facts
from registry.scoring.profiles import Profile, ProfileReport, evaluate_profile, shipped_profile
from registry.scoring.rubric import Rubric, default_rubric

__all__ = ["RescoreResult", "ScoringService", "entry_input", "rescore", "result_json"]

_LOAD = (
    selectinload(m.Solution.texts),
    selectinload(m.Solution.repositories),
    selectinload(m.Solution.offers),
    selectinload(m.Solution.contacts),
    selectinload(m.Solution.interfaces).selectinload(m.SolutionInterface.standard),
    selectinload(m.Solution.dependencies),
    selectinload(m.Solution.adoptions),
    selectinload(m.Solution.funding),
    selectinload(m.Solution.releases),
)
_ROWS: dict[str, tuple[str, ...]] = {
    "texts": ("lang", "documentation", "api_documentation"),
    "offers": ("kind", "provider_id", "docs_url", "until"),
    "contacts": ("role", "email", "until"),
    "dependencies": ("kind", "name", "optional", "licence"),
    "adoptions": ("organisation_id", "role", "verified", "claim_text", "until", "expires_at"),
    "funding": ("funder_name", "programme"),
    "releases": ("version", "released_on"),
}


def _row(row: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(row, name)) for name in fields}


def entry_input(solution: m.Solution, standards: dict[str, bool]) -> dict[str, Any]:
    """The plain snapshot ``build_facts`` reads, from a loaded solution."""
    entry: dict[str, Any] = {
        "slug": solution.slug, "name": solution.name, "url": solution.url,
        "licence": solution.licence, "licence_source": solution.licence_source,
        "licence_detected": solution.licence_detected,
        "maintenance_type": solution.maintenance_type, "governance": solution.governance,
        "development_status": solution.development_status,
        "publiccode_valid": solution.publiccode_valid,
        "publiccode_present": solution.publiccode_raw is not None,
        "publisher_id": solution.publisher_id, "updated_at": plain(solution.updated_at),
        "standards": standards,
    }  # fmt: skip
    for relation, fields in _ROWS.items():
        entry[relation] = [_row(row, fields) for row in getattr(solution, relation)]
    entry["interfaces"] = [
        {"name": i.name, "role": i.role, "evidence_level": i.evidence_level,
         "details": i.details, "standard": i.standard.slug if i.standard else None,
         "standard_open": i.standard.open if i.standard else None}
        for i in solution.interfaces
    ]  # fmt: skip
    entry["repositories"] = [
        {"url": r.url, "forge": r.forge, "archived": r.archived, "gone": r.gone_at is not None,
         "facts": r.facts, "host_metadata": r.host_metadata}
        for r in solution.repositories
    ]  # fmt: skip
    return entry


@dataclass(frozen=True, slots=True)
class RescoreResult:
    """The current result after a rescore, and whether a new row was written."""

    result: m.ScoreResult
    outcome: ScoreOutcome
    stored: bool


def _stored_key(row: m.ScoreResult) -> tuple[Any, ...]:
    return (
        row.rubric_version, row.commit, row.total, row.maximum, row.level, row.silo,
        tuple((r.get("id"), r.get("exempt", False)) for r in row.silo_reasons),
        tuple((c.get("id"), c.get("status"), c.get("points")) for c in row.checks),
    )  # fmt: skip


def result_json(row: m.ScoreResult, slug: str) -> dict[str, Any]:
    """A stored result in the ``ScoreOutcome.to_json()`` shape."""
    percent = round(100 * row.total / row.maximum) if row.maximum else 0
    return {
        "solution": slug, "rubric_version": row.rubric_version,
        "computed_at": row.computed_at.isoformat(), "commit": row.commit, "score": percent,
        "total": row.total, "maximum": row.maximum, "coverage": row.coverage,
        "level": row.level, "silo": row.silo, "silo_reasons": row.silo_reasons,
        "checks": row.checks, "current": row.current,
    }  # fmt: skip


class ScoringService:
    """Domain verbs of scoring on one session."""

    #: Loader options for everything scoring reads (for callers that select solutions).
    load_options = _LOAD

    def __init__(self, session: Session, *, rubric: Rubric | None = None) -> None:
        self.db = session
        self.rubric = rubric or default_rubric()
        self._standards: dict[str, bool] | None = None

    # -- reading ---------------------------------------------------------------------
    def solution(self, slug: str) -> m.Solution:
        """The entry with this slug, loaded for scoring, or ``NotFound``."""
        found = self.db.scalar(
            select(m.Solution).where(m.Solution.slug == slug, m.Solution.live()).options(*_LOAD)
        )
        if found is None:
            raise NotFound(f"solution {slug!r} not found", field="slug")
        return found

    def solutions(
        self,
        slugs: Sequence[str] = (),
        *,
        organisation: str | None = None,
        funded_by: str | None = None,
    ) -> list[m.Solution]:
        """Entries by slug (each must exist), by publisher slug or funder (slug or name,
        any case), or all."""
        if slugs:
            return [self.solution(slug) for slug in slugs]
        query = select(m.Solution).where(m.Solution.live()).options(*_LOAD)
        if organisation:
            query = query.join(Organisation, m.Solution.publisher_id == Organisation.id).where(
                Organisation.slug == organisation
            )
        if funded_by:
            funders = select(m.Funding.solution_id).join(
                Organisation, m.Funding.funder_id == Organisation.id
            )
            # A funder is an organisation, named by its slug or name in any case.
            wanted = funded_by.strip().lower()
            named = or_(func.lower(Organisation.slug) == wanted,
                        func.lower(Organisation.name) == wanted)  # fmt: skip
            query = query.where(m.Solution.id.in_(funders.where(named)))
        return list(self.db.scalars(query.order_by(m.Solution.slug)))

    def standards(self) -> dict[str, bool]:
        """Open flag of every known interface standard, by slug."""
        if self._standards is None:
            rows = self.db.execute(select(m.Standard.slug, m.Standard.open))
            self._standards = {slug: bool(is_open) for slug, is_open in rows}
        return self._standards

    def facts(self, solution: m.Solution, *, now: datetime) -> FactSet:
        """The fact set of a stored entry."""
        return build_facts(entry_input(solution, self.standards()), now=now)

    def evaluate(self, solution: m.Solution, *, now: datetime) -> tuple[FactSet, ScoreOutcome]:
        """Facts and outcome, computed and not stored."""
        facts = self.facts(solution, now=now)
        return facts, score(facts, self.rubric, now=now)

    def check_profile(
        self, solution: m.Solution, profile: Profile, *, now: datetime
    ) -> ProfileReport:
        """Judge a stored entry against a requirement profile (nothing stored)."""
        facts, outcome = self.evaluate(solution, now=now)
        return evaluate_profile(profile, facts, outcome)

    def current(self, slug: str) -> m.ScoreResult:
        """The current result of an entry; ``NotFound`` when never scored."""
        solution = self.solution(slug)
        row = self.db.scalar(
            select(m.ScoreResult).where(
                m.ScoreResult.solution_id == solution.id, m.ScoreResult.current.is_(True)
            )
        )
        if row is None:
            raise NotFound(f"solution {slug!r} has not been scored yet", field="slug")
        return row

    def history(self, slug: str) -> list[m.ScoreResult]:
        """Every stored result of an entry, newest first."""
        solution = self.solution(slug)
        query = select(m.ScoreResult).where(m.ScoreResult.solution_id == solution.id)
        order = (m.ScoreResult.computed_at.desc(), m.ScoreResult.id.desc())
        return list(self.db.scalars(query.order_by(*order)))

    def latest_json(self, slug: str, *, now: datetime) -> dict[str, Any]:
        """The current stored result as data; computed (not stored) when never scored."""
        try:
            return result_json(self.current(slug), slug)
        except NotFound:
            _, outcome = self.evaluate(self.solution(slug), now=now)
            return {**outcome.to_json(), "current": None}

    def explained(self, slug: str, *, lang: str, now: datetime) -> dict[str, Any]:
        """The current result with every check explained in ``lang``, and the history."""
        data = explain_result(self.latest_json(slug, now=now), lang)
        history = [result_json(row, slug) for row in self.history(slug)]
        data["history"] = [
            {key: item[key] for key in ("computed_at", "rubric_version", "commit", "score",
                                        "total", "maximum", "coverage", "level", "silo",
                                        "current")}
            for item in history
        ]  # fmt: skip
        return data

    def badge(self, slug: str, *, lang: str, now: datetime) -> dict[str, Any]:
        """Badge fields and the full explanation."""
        return badge_data(explain_result(self.latest_json(slug, now=now), lang), lang)

    def profile_report(self, slug: str, name: str, *, now: datetime) -> ProfileReport:
        """A stored entry against a shipped profile (by name only)."""
        profile = shipped_profile(name)
        return self.check_profile(self.solution(slug), profile, now=now)

    # -- writing ---------------------------------------------------------------------
    def rescore(self, solution: m.Solution, *, now: datetime) -> RescoreResult:
        """Score the entry; store a new current result when the judgement changed."""
        (result,) = self.rescore_many([solution], now=now)
        return result

    def _currents(self, solution_ids: list[int]) -> dict[int, list[m.ScoreResult]]:
        found: dict[int, list[m.ScoreResult]] = {}
        for start in range(0, len(solution_ids), 500):  # stay below bind-parameter limits
            chunk = solution_ids[start : start + 500]
            query = select(m.ScoreResult).where(
                m.ScoreResult.solution_id.in_(chunk), m.ScoreResult.current.is_(True)
            )
            for row in self.db.scalars(query):
                found.setdefault(row.solution_id, []).append(row)
        return found

    def rescore_many(
        self, solutions: Iterable[m.Solution], *, now: datetime
    ) -> list[RescoreResult]:
        """Rescore several entries; one query for the current results, one flush at the end."""
        solutions = list(solutions)
        self.db.flush()
        currents = self._currents([s.id for s in solutions])
        results: list[RescoreResult] = []
        with self.db.no_autoflush:
            for solution in solutions:
                _, outcome = self.evaluate(solution, now=now)
                previous = currents.get(solution.id, [])
                if len(previous) == 1 and _stored_key(previous[0]) == outcome.verdict_key():
                    results.append(RescoreResult(previous[0], outcome, stored=False))
                    continue
                for row in previous:
                    row.current = False
                row = _new_row(solution, outcome, now)
                self.db.add(row)
                currents[solution.id] = [row]
                results.append(RescoreResult(row, outcome, stored=True))
        self.db.flush()
        return results


def _new_row(solution: m.Solution, outcome: ScoreOutcome, now: datetime) -> m.ScoreResult:
    data = outcome.to_json()
    return m.ScoreResult(
        solution_id=solution.id, rubric_version=outcome.rubric_version,
        total=outcome.total, maximum=outcome.maximum, coverage=outcome.coverage,
        level=outcome.level, silo=outcome.silo, silo_reasons=data["silo_reasons"],
        checks=data["checks"], commit=outcome.commit, computed_at=now, current=True,
    )  # fmt: skip


def rescore(session: Session, solution: m.Solution, *, now: datetime) -> m.ScoreResult:
    """Recompute and (if changed) store the score of ``solution``; call after imports and edits.

    Returns the current ``ScoreResult``. Does not commit.
    """
    return ScoringService(session).rescore(solution, now=now).result
