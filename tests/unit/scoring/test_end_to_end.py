"""From a repository built in a fixture, through the importers, to checks and reports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from importers.git import analyse
from registry.scoring import (
    build_facts,
    entry_from_repository,
    evaluate_profile,
    render_reports,
    score,
    shipped_profile,
)
from registry.settings import Settings
from tests.fixtures.gitrepos import ALICE, BOB, OPENAPI, RepoBuilder, licence_text

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
README = "# Ratsinfo\n\nCouncil information.\n\n## Installation\n\n`docker compose up`\n"


def _analysed(tmp_path: Path, files: dict[str, str]) -> dict[str, object]:
    builder = RepoBuilder(tmp_path / "repo.git")
    first = builder.commit(files, author=ALICE, when=NOW - timedelta(days=400))
    builder.annotated_tag("v1.0.0", first, when=NOW - timedelta(days=399), signed=True)
    builder.commit({**files, "x.txt": "x"}, author=BOB, when=NOW - timedelta(days=30))
    builder.commit({**files, "x.txt": "y"}, author=BOB, when=NOW - timedelta(days=20))
    facts = analyse(str(tmp_path / "repo.git"), settings=Settings(git_cache_dir=tmp_path / "c"),
                    now=NOW, trusted=True)  # fmt: skip
    return entry_from_repository(facts, now=NOW)


def test_known_answers_for_a_small_repository(tmp_path: Path) -> None:
    entry = _analysed(tmp_path, {
        "LICENSE": licence_text("eupl-1.2"), "README.md": README, "api/openapi.yaml": OPENAPI,
        "CONTRIBUTING.md": "Send patches.\n", ".github/workflows/ci.yml": "on: push\n",
    })  # fmt: skip
    facts = build_facts(entry, now=NOW)
    outcome = score(facts, now=NOW)
    status = {c.id: c.status for c in outcome.checks}
    assert status["L1"] == "fail"  # nothing declared: no publiccode.yml
    assert status["L2"] == status["L3"] == status["I2"] == "pass"
    assert status["I1"] == "partial"  # one open standard (OpenAPI) found in the tree
    assert status["D1"] == status["D2"] == status["G2"] == status["S3"] == "pass"
    assert status["S1"] == status["G5"] == "fail"
    assert status["A1"] == "partial" and status["A3"] == "partial"  # 2 commits, bus factor 1
    assert status["A2"] == "fail" and status["S4"] == "pass"  # the only tag is 399 days old
    assert status["G3"] == status["A4"] == status["S6"] == "not_applicable"
    assert outcome.commit is not None and len(outcome.commit) == 40
    assert outcome.silo == "risk"
    assert {r.id for r in outcome.silo_reasons} == {"SI-OP", "SI-SU"}  # no maintenance, 1 user

    report = evaluate_profile(shipped_profile("pmpc"), facts, outcome)
    rows = list(csv.reader(io.StringIO(render_reports([report], "csv", "en"))))
    verdicts = {row[3]: row[5] for row in rows[1:]}
    assert verdicts == {"licence-file": "pass", "open-licence": "pass", "contributing": "pass",
                        "code-of-conduct": "fail", "security-policy": "fail",
                        "publiccode": "fail"}  # fmt: skip
    licence_row = next(row for row in rows if row[3] == "licence-file")
    assert "LICENSE" in licence_row[7] and outcome.commit[:12] in licence_row[7]
