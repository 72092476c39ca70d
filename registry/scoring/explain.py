"""Explain a stored or fresh result in one language: rule, fix and anchors for every check.

Stored results keep ids, statuses, points and evidence only; the texts come from the
rubric of the version that produced them (``rubric_for_version``), so an old result is
explained by its own rubric even after the thresholds changed.
"""

from __future__ import annotations

from typing import Any

from registry.scoring.rubric import Rubric, rubric_for_version

__all__ = ["explain_result"]


def _check_texts(rubric: Rubric | None, check: dict[str, Any], lang: str) -> dict[str, Any]:
    found = rubric.check(str(check.get("id"))) if rubric else None
    if found is None:
        return {**check, "rule": None, "fix": None, "anchors": [], "evidence_needed": None}
    fix = found.fix.get(lang) if check.get("status") != "pass" else None
    return {**check, "rule": found.rule.get(lang), "fix": fix, "anchors": list(found.anchors),
            "evidence_needed": found.evidence.get(lang)}  # fmt: skip


def _reason_texts(rubric: Rubric | None, reason: dict[str, Any], lang: str) -> dict[str, Any]:
    known = {i.id: i for i in rubric.silo.indicators} if rubric else {}
    indicator = known.get(str(reason.get("id")))
    return {**reason, "title": indicator.title.get(lang) if indicator else None,
            "clear": indicator.clear.get(lang) if indicator else None}  # fmt: skip


def explain_result(data: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """``data`` (``ScoreOutcome.to_json()`` or a stored row as dict) with texts in ``lang``."""
    rubric = rubric_for_version(str(data.get("rubric_version")))
    dimensions = {d.id: d.name.get(lang) for d in rubric.dimensions} if rubric else {}
    checks = [
        {
            **_check_texts(rubric, check, lang),
            "dimension_name": dimensions.get(check.get("dimension")),
        }
        for check in data.get("checks", [])
    ]
    reasons = [_reason_texts(rubric, reason, lang) for reason in data.get("silo_reasons", [])]
    return {**data, "lang": lang, "checks": checks, "silo_reasons": reasons}
