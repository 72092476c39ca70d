"""What publishing a publiccode.yml would give, before anything is stored.

    preview = preview_publiccode(data, now=utcnow())
    preview.report.errors       # the validator's findings (as ``POST /api/v1/validate``)
    preview.score.score         # percent, from the pure scoring engine; None when unreadable

Nothing is written. The score is the one the file alone earns: the checks that need a
repository's evidence (licence files, activity, releases) stay unknown until publishing
reads the repository, so the real score can be higher (or lower).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from registry.facts import RepoFacts
from registry.publiccode import ValidationReport, validate
from registry.scoring import ScoreOutcome, build_facts, score
from registry.scoring.local import entry_from_repository

__all__ = ["PublishPreview", "preview_publiccode"]


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
