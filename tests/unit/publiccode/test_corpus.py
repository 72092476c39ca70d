"""Real files from public bodies: every one gets a verdict, valid ones survive a round trip."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from registry.publiccode import ValidationReport, from_draft, to_draft, validate

from ._paths import CONFORMANCE, CORPUS

_CORPUS = sorted(CORPUS.iterdir())


def test_corpus_is_there() -> None:
    assert len(_CORPUS) >= 90


def test_every_corpus_file_gets_a_verdict() -> None:
    outcomes: Counter[str] = Counter()
    for path in _CORPUS:
        report = validate(path.read_bytes(), filename=path.name)
        outcomes[report.outcome] += 1
        assert all(issue.description for issue in report.issues), path.name
        if report.document is not None:
            to_draft(report.document)  # invalid files are mapped too, never crash
    assert outcomes["reject"] > 0
    assert outcomes["accept"] + outcomes["accept_with_warnings"] > 0


def _round_trip_cases() -> list[tuple[Path, Path | None]]:
    cases: list[tuple[Path, Path | None]] = [
        (path, None) for path in _CORPUS if validate(path.read_bytes()).valid
    ]
    cases += [
        (CONFORMANCE / case["path"], (CONFORMANCE / case["path"]).parent)
        for case in json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))["files"]
        if case["path"].startswith("v0/valid/")
    ]
    return cases


_ROUND_TRIP = _round_trip_cases()


def _valid(data: bytes, base_dir: Path | None) -> ValidationReport:
    report = validate(data, base_dir=base_dir)
    assert report.valid, report.errors
    assert report.document is not None
    return report


@pytest.mark.parametrize(("path", "base_dir"), _ROUND_TRIP, ids=[p.name for p, _ in _ROUND_TRIP])
def test_round_trip_keeps_the_facts(path: Path, base_dir: Path | None) -> None:
    before = to_draft(_valid(path.read_bytes(), base_dir).document or {})
    exported = _valid(from_draft(before).encode(), base_dir)
    after = to_draft(exported.document or {})

    assert exported.version == "0.7"
    assert not exported.warnings
    for name in ("licence", "maintenance_type", "contacts", "offers", "dependencies", "categories"):
        assert getattr(after, name) == getattr(before, name), name
    # genericName is deprecated and not exported
    assert {k: replace(t, generic_name=None) for k, t in before.texts.items()} == after.texts


def test_round_trip_covers_enough_files() -> None:
    assert len(_ROUND_TRIP) >= 60
