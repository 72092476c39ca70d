"""The funding report as data: rows per profile rule, evidence kinds, suppliers, comparison."""

from __future__ import annotations

from datetime import UTC, datetime

from registry.funding.report import compare_runs, evidence_line, grant_report, supplier
from registry.scoring import (
    Evidence,
    build_facts,
    default_rubric,
    evaluate_profile,
    score,
    shipped_profile,
)

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _report(entry: dict[str, object]):  # type: ignore[no-untyped-def]
    facts = build_facts({"slug": "x", "name": "X", **entry}, now=NOW)
    judged = evaluate_profile(shipped_profile("smart-city-mpsc"), facts, score(facts,
                              default_rubric(), now=NOW))  # fmt: skip
    return grant_report(judged, reference="G-1", source="funder", publisher=None,
                        updated="2026-11-30")  # fmt: skip


def test_rows_are_the_profiles_rules_with_a_fix_only_where_one_fails() -> None:
    grant = _report({"licence": "CC-BY-NC-4.0", "url": "https://example.org/x"})
    assert [row.id for row in grant.rows] == [
        "open-licence", "documentation", "interfaces", "public-platform", "not-silo",
    ]  # fmt: skip
    for row in grant.rows:
        assert (row.fix is not None) == (row.verdict == "fail"), row
    licence = grant.rows[0]
    assert licence.verdict == "fail" and licence.title.de == "Open-Source-Lizenz"
    assert grant.verdict == "fail" and grant.counts["fail"] >= 1
    unknown = [row for row in grant.rows if row.verdict == "unknown"]
    assert unknown and all(row.missing for row in unknown)
    assert all(c.supplier for row in unknown for c in row.missing)


def test_unknown_counts_as_failed_and_the_report_keeps_the_raw_verdict() -> None:
    grant = _report({"licence": "EUPL-1.2", "url": "https://example.org/x"})
    assert grant.raw_verdict in ("unknown", "fail") and grant.verdict == "fail"
    assert grant.data_date == "2026-11-30"


def test_evidence_kinds_name_where_a_value_comes_from() -> None:
    kinds = {
        "declared": Evidence("entry", "licence", date="2026-11-01"),
        "repository": Evidence(
            "https://git.example.org/x", "README.md", "a" * 40, "2026-11-02", "detected"
        ),
        "host": Evidence("https://git.example.org/x", "has_issues", level="verified"),
        "confirmed": Evidence("entry", "adoptions", level="verified"),
        "computed": Evidence("registry", "score 2026.1", "b" * 40, "2026-11-03", "detected"),
    }
    for kind, ev in kinds.items():
        assert evidence_line(ev).kind == kind, kind
    assert evidence_line(kinds["declared"]).where is None  # no internal field name
    assert evidence_line(kinds["repository"]).where == "README.md"
    assert evidence_line(Evidence("publiccode.yml", "legal.license")).where == "publiccode.yml"


def test_who_can_supply_a_missing_value() -> None:
    assert supplier("docs.readme") == "publisher-repo"
    assert supplier("interfaces.open_standards") == "publisher-entry"
    assert supplier("adoption.other_orgs_verified") == "adopters"
    assert supplier("security.branch_protection") == "host"
    assert supplier("silo") == supplier(None) == "registry"


def test_runs_compare_grant_by_grant_and_rule_by_rule() -> None:
    before = {"G-1": {"name": "A", "verdict": "fail", "rules": {"r1": "fail", "r2": "pass"}}}
    after = {
        "G-1": {"name": "A", "verdict": "pass", "rules": {"r1": "pass", "r2": "pass"}},
        "G-2": {"name": "B", "verdict": "fail", "rules": {"r1": "fail"}},
    }
    changes = [(c.reference, c.rule, c.before, c.after) for c in compare_runs(before, after)]
    assert changes == [
        ("G-1", None, "fail", "pass"), ("G-1", "r1", "fail", "pass"),
        ("G-2", None, None, "fail"), ("G-2", "r1", None, "fail"),
    ]  # fmt: skip
    assert compare_runs(after, after) == []
