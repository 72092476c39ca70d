"""Every check of the shipped rubric through every status it can reach, on hand-made facts."""

from __future__ import annotations

from typing import Any

import pytest

from registry.scoring.checks import evaluate_check
from registry.scoring.rubric import Check, FlagRule, MapRule, ThresholdRule, default_rubric
from tests.unit.scoring._helpers import NA, fact_set

RUBRIC = default_rubric()
CHECKS = [(dim.id, check) for dim, check in RUBRIC.checks()]
IDS = [check.id for _, check in CHECKS]


def _run(check: Check, dim: str, value: Any, **more: Any) -> Any:
    facts = fact_set(**{check.evaluate.fact.replace(".", "__"): value, **more})
    return evaluate_check(check, dim, facts, RUBRIC.claim_factor)


def _pass_value(check: Check) -> Any:
    rule = check.evaluate
    if isinstance(rule, FlagRule):
        return True
    if isinstance(rule, MapRule):
        return max(rule.values, key=lambda k: rule.values[k])
    best = max(rule.steps, key=lambda s: s.points)
    return best.gte if best.gte is not None else best.lte


def _fail_value(check: Check) -> Any:
    rule = check.evaluate
    if isinstance(rule, FlagRule):
        return False
    if isinstance(rule, MapRule):
        return "something-else"
    if rule.steps[0].gte is not None:
        return min(s.gte for s in rule.steps if s.gte is not None) - 1
    return max(s.lte for s in rule.steps if s.lte is not None) + 1


def _partial_value(check: Check) -> Any | None:
    rule = check.evaluate
    if isinstance(rule, MapRule):
        return next((k for k, v in rule.values.items() if 0 < v < check.points), None)
    if isinstance(rule, ThresholdRule):
        step = next((s for s in rule.steps if 0 < s.points < check.points), None)
        return None if step is None else (step.gte if step.gte is not None else step.lte)
    return None


@pytest.mark.parametrize(("dim", "check"), CHECKS, ids=IDS)
def test_pass(dim: str, check: Check) -> None:
    result = _run(check, dim, _pass_value(check))
    assert (result.status, result.points) == ("pass", check.points)
    assert result.evidence and result.evidence[0].source == "test"


@pytest.mark.parametrize(("dim", "check"), CHECKS, ids=IDS)
def test_fail(dim: str, check: Check) -> None:
    result = _run(check, dim, _fail_value(check))
    assert (result.status, result.points) == ("fail", 0)
    assert result.counts_in_max


@pytest.mark.parametrize(("dim", "check"), CHECKS, ids=IDS)
def test_unknown_counts_in_the_maximum(dim: str, check: Check) -> None:
    result = _run(check, dim, None)
    assert (result.status, result.points, result.max_points) == ("unknown", 0, check.points)
    assert result.counts_in_max


@pytest.mark.parametrize(("dim", "check"), CHECKS, ids=IDS)
def test_not_applicable_leaves_the_maximum(dim: str, check: Check) -> None:
    result = _run(check, dim, NA)
    assert result.status == "not_applicable"
    assert not result.counts_in_max


@pytest.mark.parametrize(("dim", "check"), CHECKS, ids=IDS)
def test_wrong_type_is_unknown_not_an_error(dim: str, check: Check) -> None:
    odd = ["a list"] if not isinstance(check.evaluate, MapRule) else 42
    assert _run(check, dim, odd).status == "unknown"


PARTIAL = [(d, c) for d, c in CHECKS if _partial_value(c) is not None]


@pytest.mark.parametrize(("dim", "check"), PARTIAL, ids=[c.id for _, c in PARTIAL])
def test_partial(dim: str, check: Check) -> None:
    result = _run(check, dim, _partial_value(check))
    assert result.status == "partial"
    assert 0 < result.points < check.points


def test_partial_is_reachable_for_graded_checks() -> None:
    assert {c.id for _, c in PARTIAL} >= {"L2", "L4", "I1", "G1", "D2", "A1", "A2", "A3", "U1"}


def _check(check_id: str) -> tuple[str, Check]:
    return next((d, c) for d, c in CHECKS if c.id == check_id)


def test_claims_earn_half_of_verified() -> None:
    dim, u1 = _check("U1")
    verified = _run(u1, dim, 3, adoption__other_orgs_claimed=0)
    claimed = _run(u1, dim, 0, adoption__other_orgs_claimed=3)
    assert verified.points == 6 and not verified.claimed
    assert claimed.points == 3 and claimed.claimed and claimed.status == "partial"
    assert any(ev.path == "adoption.other_orgs_claimed" for ev in claimed.evidence)


def test_claims_add_to_verified_but_never_lower_it() -> None:
    dim, u1 = _check("U1")
    assert _run(u1, dim, 1, adoption__other_orgs_claimed=0).points == 2
    assert _run(u1, dim, 1, adoption__other_orgs_claimed=2).points == 3  # half of 3 orgs
    assert _run(u1, dim, 2, adoption__other_orgs_claimed=0).points == 4
    assert _run(u1, dim, 2, adoption__other_orgs_claimed=1).points == 4  # verified wins


def test_a_claim_alone_is_evidence_not_unknown() -> None:
    dim, c1 = _check("C1")
    result = _run(c1, dim, None, conformance__claimed=1)
    assert (result.status, result.points) == ("partial", 2.5)


def test_fail_if_forces_a_fail_with_its_evidence() -> None:
    dim, a5 = _check("A5")
    result = _run(a5, dim, 10, activity__archived=True)
    assert (result.status, result.points) == ("fail", 0)
    assert any(ev.path == "activity.archived" for ev in result.evidence)
    assert _run(a5, dim, 10, activity__archived=False).status == "pass"


def test_booleans_are_not_numbers() -> None:
    dim, a1 = _check("A1")
    assert _run(a1, dim, True).status == "unknown"
    assert _run(a1, dim, float("nan")).status == "unknown"
