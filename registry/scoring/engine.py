"""``score(facts, rubric, now=…)``: the pure judgement of one entry.

    outcome = score(build_facts(entry, now=now), default_rubric(), now=now)
    outcome.score, outcome.silo, outcome.to_json()

No I/O: the same facts, rubric and ``now`` always give the same outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from registry.licensing import SPDX_LIST_VERSION
from registry.scoring.checks import CheckResult, evaluate_check
from registry.scoring.facts import FactSet
from registry.scoring.rubric import Rubric, default_rubric
from registry.scoring.silo import SiloReason, silo_flag

__all__ = ["ScoreOutcome", "score"]


@dataclass(frozen=True, slots=True)
class ScoreOutcome:
    """The result of scoring one entry; ``to_json()`` is what the API and reports show."""

    slug: str
    rubric_version: str
    total: float
    maximum: float
    full_maximum: float
    score: int
    level: str | None
    silo: str  # no | risk | silo
    silo_reasons: tuple[SiloReason, ...]
    checks: tuple[CheckResult, ...]
    commit: str | None
    computed_at: datetime
    spdx_list_version: str = SPDX_LIST_VERSION

    @property
    def coverage(self) -> float:
        """Share of the rubric's points that could be evaluated."""
        return round(self.maximum / self.full_maximum, 3) if self.full_maximum else 0.0

    def check(self, check_id: str) -> CheckResult | None:
        """The result of one check."""
        return next((c for c in self.checks if c.id == check_id), None)

    def verdict_key(self) -> tuple[Any, ...]:
        """What counts as a change of judgement (observed values and times do not)."""
        return (
            self.rubric_version, self.commit, self.total, self.maximum, self.level, self.silo,
            tuple((r.id, r.exempt) for r in self.silo_reasons),
            tuple((c.id, c.status, c.points) for c in self.checks),
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """Plain data (JSON-safe)."""
        return {
            "solution": self.slug,
            "rubric_version": self.rubric_version,
            "computed_at": self.computed_at.isoformat(),
            "commit": self.commit,
            "spdx_list_version": self.spdx_list_version,
            "score": self.score,
            "total": self.total,
            "maximum": self.maximum,
            "coverage": self.coverage,
            "level": self.level,
            "silo": self.silo,
            "silo_reasons": [reason.to_json() for reason in self.silo_reasons],
            "checks": [check.to_json() for check in self.checks],
        }


def _level(rubric: Rubric, percent: int, silo: str, checks: tuple[CheckResult, ...]) -> str | None:
    if silo == "silo":
        return None
    points = {c.id: c.points for c in checks}
    reached = None
    for level in rubric.levels:
        if percent < level.min_score:
            break
        if any(points.get(check_id, 0) < need for check_id, need in level.requires.items()):
            break
        reached = level.id
    return reached


def score(facts: FactSet, rubric: Rubric | None = None, *, now: datetime) -> ScoreOutcome:
    """Score ``facts`` with ``rubric`` (the shipped one by default) at ``now``."""
    rubric = rubric or default_rubric()
    checks = tuple(
        evaluate_check(check, dim.id, facts, rubric.claim_factor) for dim, check in rubric.checks()
    )
    total = round(sum(c.points for c in checks), 2)
    maximum = round(sum(c.max_points for c in checks if c.counts_in_max), 2)
    full = round(sum(c.max_points for c in checks), 2)
    percent = round(100 * total / maximum) if maximum else 0
    silo, reasons = silo_flag(facts, rubric.silo)
    return ScoreOutcome(
        slug=facts.slug,
        rubric_version=rubric.version,
        total=total,
        maximum=maximum,
        full_maximum=full,
        score=percent,
        level=_level(rubric, percent, silo, checks),
        silo=silo,
        silo_reasons=reasons,
        checks=checks,
        commit=facts.commit,
        computed_at=now,
    )
