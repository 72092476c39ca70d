"""The engine: arithmetic, coverage, levels, JSON form, determinism."""

from __future__ import annotations

import json

from registry.scoring import build_facts, default_rubric, score
from tests.unit.scoring._helpers import NA, NOW, fact_set, healthy_entry


def test_not_applicable_leaves_the_maximum_and_lowers_coverage() -> None:
    outcome = score(fact_set(licence__open=True, governance__issue_tracker=NA,
                             security__branch_protection=NA), now=NOW)  # fmt: skip
    statuses = {c.id: c.status for c in outcome.checks}
    assert statuses["G3"] == statuses["S6"] == "not_applicable"
    assert statuses["A4"] == "unknown"  # absent is unknown, not n/a
    assert outcome.full_maximum == 100 and outcome.maximum == 98
    assert outcome.coverage == 0.98
    assert outcome.total == 5 and outcome.score == round(100 * 5 / 98)


def test_unknown_counts_in_the_maximum() -> None:
    outcome = score(fact_set(), now=NOW)
    assert {c.status for c in outcome.checks} == {"unknown"}
    assert (outcome.total, outcome.maximum, outcome.score, outcome.coverage) == (0, 100, 0, 1.0)


def test_everything_not_applicable_gives_zero_without_dividing() -> None:
    names = {c.evaluate.fact for _, c in default_rubric().checks()}
    outcome = score(fact_set(**{n.replace(".", "__"): NA for n in names}), now=NOW)
    assert (outcome.maximum, outcome.score, outcome.coverage) == (0, 0, 0.0)


def test_healthy_entry_reaches_a_level_and_explains_itself() -> None:
    outcome = score(build_facts(healthy_entry(), now=NOW), now=NOW)
    assert outcome.silo == "no"
    assert outcome.level == "reusable"
    data = json.loads(json.dumps(outcome.to_json()))
    assert data["solution"] == "good" and data["rubric_version"] == default_rubric().version
    assert {c["id"] for c in data["checks"]} == {c.id for _, c in default_rubric().checks()}
    u1 = next(c for c in data["checks"] if c["id"] == "U1")
    assert u1["status"] == "pass" and u1["evidence"][0]["level"] == "verified"
    assert data["spdx_list_version"] and data["computed_at"].startswith("2026-11-22")


def test_levels_need_their_checks_not_only_the_score() -> None:
    rich = healthy_entry()
    outcome = score(build_facts(rich, now=NOW), now=NOW)
    without_install = healthy_entry(offers=[{"kind": "hosted-service"}])
    lower = score(build_facts(without_install, now=NOW), now=NOW)
    assert (outcome.score, outcome.level) == (65, "reusable")
    d2 = lower.check("D2")
    assert d2 is not None and d2.status == "unknown"
    assert lower.score >= 60 and lower.level == "basic"  # score enough, D2 missing


def test_same_input_same_outcome_and_verdict_key() -> None:
    first = score(build_facts(healthy_entry(), now=NOW), now=NOW)
    second = score(build_facts(healthy_entry(), now=NOW), now=NOW)
    assert first == second and first.verdict_key() == second.verdict_key()
    other = score(build_facts(healthy_entry(licence="LicenseRef-x"), now=NOW), now=NOW)
    assert other.verdict_key() != first.verdict_key()
