"""Requirement profiles: three-valued logic, every operator, unknown_as, validation."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from registry.errors import InvalidInput, NotFound
from registry.scoring import build_facts, evaluate_profile, score
from registry.scoring.profiles import (
    OPERATORS,
    find_profile,
    parse_profile,
    profile_json_schema,
    shipped_profile,
    shipped_profiles,
)
from tests.unit.scoring._helpers import NA, NOW, fact_set, healthy_entry


def _profile(rules: dict[str, Any], unknown_as: str = "unknown") -> Any:
    return parse_profile({"profile": "t", "version": "1", "title": {"de": "T", "en": "T"},
                          "unknown_as": unknown_as, "rules": rules})  # fmt: skip


def _verdict(rules: dict[str, Any], unknown_as: str = "unknown", **facts: Any) -> str:
    fs = fact_set(**facts)
    report = evaluate_profile(_profile(rules, unknown_as), fs, score(fs, now=NOW))
    return report.verdict


PASS = {"fact": "docs.readme", "op": "eq", "value": True}
FAIL = {"fact": "security.ci", "op": "eq", "value": True}
UNKNOWN = {"fact": "security.sbom", "op": "eq", "value": True}
STATE = {"docs__readme": True, "security__ci": False}


@pytest.mark.parametrize(
    ("children", "all_verdict", "any_verdict"),
    [
        ([PASS, PASS], "pass", "pass"),
        ([PASS, FAIL], "fail", "pass"),
        ([PASS, UNKNOWN], "unknown", "pass"),
        ([FAIL, UNKNOWN], "fail", "unknown"),
        ([UNKNOWN, UNKNOWN], "unknown", "unknown"),
        ([FAIL, FAIL], "fail", "fail"),
    ],
)
def test_three_valued_all_and_any(
    children: list[dict[str, Any]], all_verdict: str, any_verdict: str
) -> None:
    assert _verdict({"all": children}, **STATE) == all_verdict
    assert _verdict({"any": children}, **STATE) == any_verdict


@pytest.mark.parametrize(("child", "verdict"), [(PASS, "fail"), (FAIL, "pass"),
                                                (UNKNOWN, "unknown")])  # fmt: skip
def test_not_swaps_pass_and_fail_and_keeps_unknown(child: dict[str, Any], verdict: str) -> None:
    assert _verdict({"not": child}, **STATE) == verdict


@pytest.mark.parametrize(("unknown_as", "verdict"), [("fail", "fail"), ("pass", "pass"),
                                                     ("unknown", "unknown")])  # fmt: skip
def test_unknown_as_decides_an_unknown_overall_verdict(unknown_as: str, verdict: str) -> None:
    assert _verdict(UNKNOWN, unknown_as) == verdict
    assert _verdict(FAIL, unknown_as, security__ci=False) == "fail"  # never turns a fail


@pytest.mark.parametrize(
    ("op", "value", "observed", "verdict"),
    [
        ("eq", 3, 3, "pass"), ("eq", 3, 4, "fail"),
        ("ne", 3, 4, "pass"), ("ne", 3, 3, "fail"),
        ("gt", 3, 4, "pass"), ("gt", 3, 3, "fail"),
        ("gte", 3, 3, "pass"), ("gte", 3, 2, "fail"),
        ("lt", 3, 2, "pass"), ("lt", 3, 3, "fail"),
        ("lte", 3, 3, "pass"), ("lte", 3, 4, "fail"),
        ("in", [1, 3], 3, "pass"), ("in", [1, 3], 2, "fail"),
        ("not_in", [1, 3], 2, "pass"), ("not_in", [1, 3], 3, "fail"),
        ("exists", None, 0, "pass"), ("exists", None, None, "unknown"),
        ("gte", 3, "three", "unknown"), ("gte", 3, True, "unknown"),
        ("eq", 3, NA, "unknown"),
    ],
)  # fmt: skip
def test_every_operator(op: str, value: Any, observed: Any, verdict: str) -> None:
    assert set(OPERATORS) >= {op}
    rule = {"fact": "activity.commits_365d", "op": op, "value": value}
    assert _verdict(rule, activity__commits_365d=observed) == verdict


def test_check_leaves_compare_status_or_points() -> None:
    facts = {"adoption__other_orgs_verified": 2}
    assert _verdict({"check": "U1"}, **facts) == "fail"  # partial is not pass
    assert _verdict({"check": "U1", "op": "in", "value": ["pass", "partial"]}, **facts) == "pass"
    assert _verdict({"check": "U1", "op": "gte", "value": 4}, **facts) == "pass"
    assert _verdict({"check": "U1", "op": "gte", "value": 5}, **facts) == "fail"
    assert _verdict({"check": "U1"}) == "unknown"


def test_outcome_facts_score_and_silo() -> None:
    assert _verdict({"fact": "silo", "op": "eq", "value": "silo"}) == "pass"  # no licence
    assert _verdict({"fact": "score", "op": "gte", "value": 0}) == "pass"


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"fact": "docs.colour", "op": "eq", "value": 1}, "$.rules.fact"),
        ({"fact": "docs.readme", "op": "like", "value": 1}, "$.rules.op"),
        ({"all": [PASS, {"fact": "docs.readme", "check": "L1"}]}, "$.rules.all[1]"),
        ({"any": []}, "$.rules.any"),
        ({"not": {"check": "Z9"}}, "$.rules.not.check"),
        ({"fact": "docs.readme", "op": "in", "value": 3}, "$.rules.value"),
        ({"all": [{"fact": 3}]}, "$.rules.all[0].fact"),
        ({"all": [{"fact": "docs.readme", "colour": "red"}]}, "$.rules.all[0]"),
    ],
)  # fmt: skip
def test_validation_errors_name_the_field(rules: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _profile(rules)
    assert caught.value.field == field
    assert field in caught.value.message


def test_unknown_as_is_validated() -> None:
    with pytest.raises(InvalidInput) as caught:
        _profile(PASS, unknown_as="maybe")
    assert caught.value.field == "$.unknown_as"


def test_shipped_profiles_are_valid_and_the_schema_is_generated() -> None:
    assert set(shipped_profiles()) == {"smart-city-mpsc", "pmpc", "sfpc-automatable",
                                       "dpg-automatable"}  # fmt: skip
    path = Path(str(resources.files("schemas").joinpath("profiles/profile.schema.json")))
    assert json.loads(path.read_text(encoding="utf-8")) == profile_json_schema()


def test_find_profile_by_name_or_file_and_unknown_names(tmp_path: Path) -> None:
    assert find_profile("pmpc").profile == "pmpc"
    own = tmp_path / "own.yml"
    text = "profile: own\nversion: '1'\ntitle: {de: Eigen, en: Own}\n"
    own.write_text(text + "rules: {fact: docs.readme, op: eq, value: true}\n", encoding="utf-8")
    assert find_profile(str(own)).profile == "own"
    with pytest.raises(NotFound, match="known: dpg-automatable"):
        find_profile("nope")
    with pytest.raises(NotFound):
        shipped_profile(str(own))  # files only through the command line
    (tmp_path / "bad.yml").write_text("profile: bad\nversion: 1\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="version"):
        find_profile(str(tmp_path / "bad.yml"))


def test_smart_city_profile_on_a_healthy_entry() -> None:
    facts = build_facts(healthy_entry(), now=NOW)
    report = evaluate_profile(shipped_profile("smart-city-mpsc"), facts, score(facts, now=NOW))
    verdicts = {r.id: r.verdict for r in report.leaves()}
    assert verdicts["open-licence"] == verdicts["interfaces"] == verdicts["not-silo"] == "pass"
    assert verdicts["readme"] == "unknown"  # no repository analysed
    assert report.raw_verdict == "unknown" and report.verdict == "fail"  # unknown_as: fail
    data = report.to_json("de")
    assert data["title"].startswith("Förderbedingung")
    assert (data["passed"], data["failed"], data["unknown"]) == (6, 0, 1)
