"""The three generic evaluators (flag, threshold, map) and the result of one check.

Statuses: ``pass`` (all points), ``partial`` (some), ``fail`` (none), ``unknown`` (no
evidence: no points, counts in the maximum) and ``not_applicable`` (cannot be measured
for this entry: left out of the maximum). A value of the wrong type counts as unknown,
so a check never raises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from registry.scoring.evidence import Evidence, Fact
from registry.scoring.facts import FactSet
from registry.scoring.rubric import Check, FlagRule, MapRule, Step, ThresholdRule

__all__ = ["STATUSES", "CheckResult", "evaluate_check"]

STATUSES = ("pass", "partial", "fail", "unknown", "not_applicable")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one check, with the value observed and its evidence."""

    id: str
    dimension: str
    status: str
    points: float
    max_points: float
    observed: Any = None
    evidence: tuple[Evidence, ...] = ()
    claimed: bool = False

    @property
    def counts_in_max(self) -> bool:
        """Not-applicable checks are left out of the maximum."""
        return self.status != "not_applicable"

    def to_json(self) -> dict[str, Any]:
        """Plain data as stored in ``ScoreResult.checks``."""
        return {
            "id": self.id,
            "dimension": self.dimension,
            "status": self.status,
            "points": self.points,
            "max": self.max_points,
            "observed": self.observed,
            "claimed": self.claimed,
            "evidence": [ev.to_json() for ev in self.evidence],
        }


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _step_points(steps: list[Step], value: float) -> float:
    for step in steps:
        if (step.gte is not None and value >= step.gte) or (
            step.lte is not None and value <= step.lte
        ):
            return step.points
    return 0.0


def _status(points: float, maximum: float) -> str:
    if points >= maximum:
        return "pass"
    return "partial" if points > 0 else "fail"


def _observed(value: Any) -> Any:
    """JSON-safe observed value (numbers, strings, booleans, None)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    number = _number(value)
    return number if number is not None else repr(value)[:200]


def _threshold(
    rule: ThresholdRule, fact: Fact, facts: FactSet, claim_factor: float
) -> tuple[float | None, bool, tuple[Evidence, ...]]:
    """(points or None for unknown, earned through claims, extra evidence)."""
    for name in rule.fail_if:
        if facts.value(name) is True:
            return 0.0, False, facts.get(name).evidence
    value = _number(fact.value)
    claim_fact = facts.get(rule.claim_fact) if rule.claim_fact else Fact()
    claim = _number(claim_fact.value)
    if value is None and not claim:
        return None, False, ()
    points = _step_points(rule.steps, value) if value is not None else 0.0
    if claim and claim > 0:
        half = claim_factor * _step_points(rule.steps, (value or 0.0) + claim)
        if half > points:
            return half, True, claim_fact.evidence
    return points, False, ()


def evaluate_check(
    check: Check, dimension: str, facts: FactSet, claim_factor: float
) -> CheckResult:
    """Evaluate one check against the fact set."""
    rule = check.evaluate
    fact = facts.get(rule.fact)

    def result(status: str, points: float = 0.0, **extra: Any) -> CheckResult:
        return CheckResult(
            check.id, dimension, status, points, check.points, _observed(fact.value),
            extra.pop("evidence", fact.evidence), **extra,
        )  # fmt: skip

    if not fact.applicable:
        return result("not_applicable")
    points: float | None
    if isinstance(rule, FlagRule):
        points = None if not isinstance(fact.value, bool) else (check.points if fact.value else 0.0)
    elif isinstance(rule, MapRule):
        points = (
            None if not isinstance(fact.value, str) else rule.values.get(fact.value, rule.default)
        )
    else:
        points, claimed, extra = _threshold(rule, fact, facts, claim_factor)
        if points is not None:
            return result(
                _status(points, check.points), points, claimed=claimed,
                evidence=fact.evidence + extra,
            )  # fmt: skip
    if points is None:
        return result("unknown")
    return result(_status(points, check.points), points)
