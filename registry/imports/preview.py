"""What publishing would give, before anything is stored.

    preview = preview_publiccode(data, now=utcnow())
    preview.report.errors       # the validator's findings (as ``POST /api/v1/validate``)
    preview.score.score         # percent, from the pure scoring engine; None when unreadable

    plain = preview_repository(facts, now=utcnow())   # a repository read by a preview job
    plain["entry"], plain["report"], plain["score"]   # JSON-safe: kept on the job's result

Nothing is written. The score is the one the file alone earns: the checks that need a
repository's evidence (licence files, activity, releases) stay unknown until publishing
reads the repository, so the real score can be higher (or lower). A repository's preview
(``preview_repository``) has that evidence: its score is the one publishing will store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from registry.facts import RepoFacts
from registry.publiccode import ValidationReport, validate
from registry.scoring import ScoreOutcome, build_facts, entry_from_repository, score

__all__ = ["PublishPreview", "preview_publiccode", "preview_repository"]

#: At most this many findings of each kind are kept on a preview job.
MAX_ISSUES = 50


@dataclass(frozen=True, slots=True)
class PublishPreview:
    """The validator's verdict and the score from the file alone (None: not readable)."""

    report: ValidationReport
    score: ScoreOutcome | None


def preview_publiccode(data: bytes, *, now: datetime) -> PublishPreview:
    """Validate ``data`` offline and score the entry it describes, storing nothing."""
    report = validate(data, filename="publiccode.yml")
    if not isinstance(report.document, dict):
        return PublishPreview(report, None)
    facts = RepoFacts(
        source="publiccode.yml", analysed_at=now, publiccode_path="publiccode.yml",
        publiccode_raw=data,
    )  # fmt: skip
    entry = entry_from_repository(facts, now=now)
    entry["repositories"] = []  # no repository read yet: its checks stay unknown, not failed
    return PublishPreview(report, score(build_facts(entry, now=now), now=now))


def _report_json(report: ValidationReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "readable": report.document is not None,
        "valid": report.valid,
        "errors": [issue.as_dict() for issue in report.errors[:MAX_ISSUES]],
        "warnings": [issue.as_dict() for issue in report.warnings[:MAX_ISSUES]],
    }


def _entry_json(entry: dict[str, Any], facts: RepoFacts) -> dict[str, Any]:
    """What would be stored, in the few fields a publisher checks first."""
    return {
        "name": entry.get("name"),
        "url": entry.get("url"),
        "licence": entry.get("licence"),
        "licence_detected": facts.licence.detected_expression,
        "development_status": entry.get("development_status"),
        "maintenance_type": entry.get("maintenance_type"),
        "publiccode_path": facts.publiccode_path,
        "default_branch": facts.default_branch,
        "head": facts.head_commit,
        "releases": len(entry.get("releases") or ()),
        "interfaces": [row["standard"] for row in entry.get("interfaces") or ()],
    }


def preview_repository(facts: RepoFacts, *, now: datetime) -> dict[str, Any]:
    """The entry, the publiccode.yml verdict and the score a repository's facts give (plain).

    The same snapshot ``registry check --repo`` scores; nothing is written.
    """
    report = (
        validate(facts.publiccode_raw, filename=facts.publiccode_path or "publiccode.yml")
        if facts.publiccode_raw is not None
        else None
    )
    entry = entry_from_repository(facts, now=now)
    outcome = score(build_facts(entry, now=now), now=now)
    return {"entry": _entry_json(entry, facts), "report": _report_json(report),
            "score": outcome.to_json()}  # fmt: skip
