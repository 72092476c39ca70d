"""Agreement with the reference parser on its own test cases (offline).

Every v0 case must get the reference's verdict without network
(``outcome_without_network``) and the same first error key; every v1 copy the same
rejection. Warnings must match exactly. Errors may differ from the reference only by
its "cascade" entries (children of a wrongly typed key reported as missing), which we
deliberately do not report.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from registry.publiccode import validate

from ._paths import CONFORMANCE

_CASES: list[dict[str, Any]] = [
    case
    for case in json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))["files"]
    if case["outcome"] != "disabled"
]


def _expected(case: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    outcome = case.get("outcome_without_network") or case["outcome"]
    results = case.get("results_without_network")
    if results is None:
        results = [r for r in case["results"] if not r.get("network_only")]
    return outcome, results


def test_every_case_is_covered() -> None:
    assert len(_CASES) == 333
    assert sum(c["path"].startswith("v0/") for c in _CASES) == 173


@pytest.mark.parametrize("case", _CASES, ids=[c["path"] for c in _CASES])
def test_same_verdict_and_first_error(case: dict[str, Any]) -> None:
    path = CONFORMANCE / case["path"]
    report = validate(path.read_bytes(), base_dir=path.parent)
    outcome, results = _expected(case)

    assert report.outcome == outcome
    expected_errors = [r["key"] for r in results if r["type"] == "error"]
    got_errors = [i.key for i in report.errors]
    assert got_errors[:1] == expected_errors[:1]
    assert set(got_errors) <= set(expected_errors)
    expected_warnings = [
        (r["key"], r["line"], r["column"]) for r in results if r["type"] == "warning"
    ]
    assert [(i.key, i.line, i.column) for i in report.warnings] == expected_warnings


def test_messages_and_positions_match_for_a_rule_error() -> None:
    path = CONFORMANCE / "v0/invalid/maintenance_contractors_until_invalid.yml"
    report = validate(path.read_bytes(), base_dir=path.parent)

    (issue,) = report.issues
    assert issue.as_dict() == {
        "type": "error",
        "key": "maintenance.contractors[0].until",
        "description": "until must be a date with format 'YYYY-MM-DD'",
        "line": 49,
        "column": 7,
    }


def test_local_files_resolve_against_base_dir() -> None:
    path = CONFORMANCE / "v0/invalid/logo_missing_file.yml"
    report = validate(path.read_bytes(), base_dir=path.parent)

    assert report.errors[0].description == f"no such file: {path.parent / 'no_such_file.png'}"
