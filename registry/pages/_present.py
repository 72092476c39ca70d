"""Pure conversions from stored rows to page records: cards, licence, score, activity, version.

No queries here. Score rows are stored by ``registry.scoring`` without texts; the rule,
fix and silo-indicator texts come from the rubric version that produced them
(``explain_result``), in German and English, with texts stored on the row as fallback.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from registry.catalogue import main_facts
from registry.catalogue import models as m
from registry.facts import same_version
from registry.licensing import same_licences
from registry.pages._records import (
    Activity,
    Check,
    CommitActivity,
    LicenceConflict,
    LicenceView,
    ScoreView,
    SiloReason,
    SolutionCard,
    Text,
    VersionView,
)
from registry.scoring import explain_result, observed_text

__all__ = [
    "activity",
    "adoption_order",
    "card",
    "commit_activity",
    "licence",
    "score_view",
    "version_view",
]


def card(solution: m.Solution, score: m.ScoreResult | None) -> SolutionCard:
    return SolutionCard(
        slug=solution.slug,
        name=solution.name,
        short={t.lang: t.short_description for t in solution.texts if t.short_description},
        licence=solution.licence,
        publisher=solution.publisher.name if solution.publisher else None,
        publisher_slug=solution.publisher.slug if solution.publisher else None,
        active=solution.active,
        verified_adopters=len({a.organisation_id for a in solution.adoptions if a.verified}),
        score=_percent(score.total, score.maximum) if score else None,
        silo=score.silo if score else None,
    )


def adoption_order(adoption: m.Adoption) -> tuple[str, str]:
    name = adoption.organisation.name if adoption.organisation else adoption.claim_text or ""
    return (name.casefold(), adoption.role)


def _percent(total: float, maximum: float) -> int:
    return round(100 * total / maximum) if maximum else 0


def licence(solution: m.Solution) -> LicenceView:
    """The licence part of a solution: what is shown, where it is stated, the conflicts."""
    conflicts: dict[tuple[str, str, tuple[str, ...]], LicenceConflict] = {}
    stated: tuple[str, ...] = ()
    for repo in solution.repositories:
        facts = repo.facts.get("licence") if isinstance(repo.facts, dict) else None
        facts = facts if isinstance(facts, dict) else {}
        for item in facts.get("disagreements") or ():
            conflict = _conflict(item)
            conflicts.setdefault((conflict.path, conflict.says, conflict.other_paths), conflict)
        stated = stated or _stated_in(solution, facts)
    differs = not same_licences(solution.licence, solution.licence_detected)
    return LicenceView(
        solution.licence,
        solution.licence_source,
        solution.licence_detected,
        tuple(conflicts.values()),
        stated,
        differs,
    )


def _conflict(item: dict[str, Any]) -> LicenceConflict:
    others = tuple(str(p) for p in item.get("other_paths") or ())
    other_says = item.get("other_expression") or ", ".join(item.get("other_ids") or ()) or "?"
    return LicenceConflict(
        str(item.get("path", "?")),
        str(item.get("expression", "?")),
        others,
        str(other_says),
        str(item.get("reason", "")),
    )


def _stated_in(solution: m.Solution, facts: dict[str, Any]) -> tuple[str, ...]:
    """The files the shown licence comes from: the licence texts, or the declaring file."""
    findings = [f for f in facts.get("findings") or () if isinstance(f, dict)]
    if solution.licence_source == "detected":
        texts = ("licence-file", "licenses-dir")
        paths = [f.get("path") for f in findings if f.get("source") in texts and f.get("ids")]
        return tuple(dict.fromkeys(str(p) for p in paths if p))[:5]
    if solution.licence_source == "declared" and solution.licence:
        ranked = sorted(
            (f for f in findings if f.get("level") == "declared"),
            key=lambda f: f.get("source") != "publiccode",
        )
        for finding in ranked:
            if same_licences(finding.get("expression"), solution.licence):
                return (str(finding.get("path")),)
        if facts.get("declared_expression") == solution.licence and facts.get("declared_path"):
            return (str(facts["declared_path"]),)
    return ()


def _text(value: Any) -> Text:
    """A rubric text: ``{lang: text}`` as is, a plain string for every language."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v}
    return {"en": str(value)} if value else {}


def _first(item: dict[str, Any], *keys: str) -> Any:
    return next((item[k] for k in keys if item.get(k) is not None), None)


def _evidence(value: Any) -> tuple[str, ...]:
    """Evidence entries as short lines: ``class: source path`` for dicts, text otherwise."""
    items = value if isinstance(value, list) else [value] if value else []
    lines = []
    for item in items:
        if isinstance(item, dict):
            parts = [str(item[k]) for k in ("source", "path", "url", "commit") if item.get(k)]
            level = item.get("class") or item.get("level")
            lines.append(f"{level}: {' '.join(parts)}" if level else " ".join(parts))
        else:
            lines.append(str(item))
    return tuple(line for line in lines if line)


def _check(item: dict[str, Any], texts: dict[str, dict[str, Any]]) -> Check:
    """One stored check; ``texts`` holds the rubric's explanation per language."""
    points = _first(item, "points", "score")
    maximum = _first(item, "max", "maximum")
    observed = item.get("observed")
    return Check(
        id=str(_first(item, "id", "check") or "?"),
        status=_status(item.get("status")),
        points=float(points) if points is not None else None,
        maximum=float(maximum) if maximum is not None else None,
        rule=_explained(texts, "rule") or _text(_first(item, "rule", "title", "label", "name")),
        observed=None if observed is None or observed == "" else _observed(observed),
        evidence=_evidence(item.get("evidence")),
        fix=_explained(texts, "fix") or _text(_first(item, "fix", "remediation", "hint")),
    )


def _observed(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _explained(texts: dict[str, dict[str, Any]], key: str) -> Text:
    """``{lang: text}`` of one key across the per-language explanations."""
    return {lang: str(item[key]) for lang, item in texts.items() if item.get(key)}


_STATUSES = {"pass", "partial", "fail", "unknown", "not_applicable"}


def _status(raw: Any) -> str:
    """``pass`` … ``not_applicable``; spellings like ``n/a`` or ``not-applicable`` fold in."""
    value = str(raw or "unknown").strip().lower().replace("-", "_").replace(" ", "_")
    if value in {"n/a", "na", "not_applicable", "skipped"}:
        return "not_applicable"
    return value if value in _STATUSES else "unknown"


def _reason(item: dict[str, Any], texts: dict[str, dict[str, Any]]) -> SiloReason:
    """One fired silo indicator: the rubric's title and what clears it, with the evidence."""
    observed = item.get("observed")
    text = _explained(texts, "title") or _text(
        _first(item, "reason", "rule", "text", "title", "label")
    )
    if observed:  # stored in the engine's English; observed_text says it in German too
        said = observed_text(str(observed))
        text = {lang: f"{value}: {said.get(lang, observed)}" for lang, value in text.items()
                } or _text(observed)  # fmt: skip
    return SiloReason(
        id=str(_first(item, "id", "indicator") or ""),
        text=text,
        evidence=_evidence(item.get("evidence")),
        fix=_explained(texts, "clear") or _text(_first(item, "fix", "clear", "remediation")),
    )


def _per_item(explained: dict[str, dict[str, Any]], key: str, n: int) -> list[dict[str, Any]]:
    """``[{lang: explanation of item i}]`` for the ``n`` items under ``key``."""
    out: list[dict[str, Any]] = [{} for _ in range(n)]
    for lang, data in explained.items():
        for i, item in enumerate(data.get(key) or ()):
            if i < n and isinstance(item, dict):
                out[i][lang] = item
    return out


def score_view(row: m.ScoreResult) -> ScoreView:
    checks = [c for c in row.checks if isinstance(c, dict)]
    reasons = [r for r in row.silo_reasons if isinstance(r, dict)]
    data = {"rubric_version": row.rubric_version, "checks": checks, "silo_reasons": reasons}
    explained = {lang: explain_result(data, lang) for lang in ("de", "en")}
    check_texts = _per_item(explained, "checks", len(checks))
    reason_texts = _per_item(explained, "silo_reasons", len(reasons))
    return ScoreView(
        total=row.total,
        maximum=row.maximum,
        percent=_percent(row.total, row.maximum),
        coverage=row.coverage,
        level=row.level,
        silo=row.silo,
        silo_reasons=tuple(
            _reason(r, t) for r, t in zip(reasons, reason_texts, strict=True) if not r.get("exempt")
        ),
        checks=tuple(_check(c, t) for c, t in zip(checks, check_texts, strict=True)),
        rubric_version=row.rubric_version,
        computed_at=row.computed_at,
        commit=row.commit,
    )


def _day(value: Any) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if isinstance(value, str) else None
    except ValueError:
        return None


#: Tags shown beside the version that are not releases (a long list helps nobody).
_OTHER_TAGS = 20
_YEAR = 365


def version_view(solution: m.Solution) -> VersionView:
    """The entry's version with the release tag and ``softwareVersion`` it agrees with or not."""
    facts = main_facts(solution)
    tags = [t for t in facts.get("releases") or () if isinstance(t, dict)]
    tags.sort(key=lambda t: str(t.get("date") or ""), reverse=True)
    current = next((t for t in tags if t.get("tag") == facts.get("current_release")), None)
    declared = facts.get("declared_version")
    tag_version = current.get("version") if current else None
    return VersionView(
        current=solution.software_version,
        tag=current.get("tag") if current else None,
        tag_version=tag_version,
        tag_date=_day(current.get("date")) if current else None,
        declared=declared,
        disagree=bool(declared and tag_version and not same_version(declared, tag_version)),
        other_tags=tuple(str(t.get("tag")) for t in tags if not t.get("version"))[:_OTHER_TAGS],
    )


def commit_activity(solution: m.Solution, now: datetime) -> CommitActivity | None:
    """Commits and authors in the 365 days up to the last commit, and whether it is quiet."""
    facts = main_facts(solution).get("activity") or {}
    last = facts.get("last_commit")
    year = next(
        (
            w
            for w in facts.get("windows") or ()
            if w.get("anchor") == "newest-commit" and w.get("days") == _YEAR
        ),
        None,
    )
    if not isinstance(last, str) or year is None:
        return None
    when = datetime.fromisoformat(last)
    return CommitActivity(
        last_commit=when,
        commits=int(year.get("commits", 0)),
        authors=int(year.get("authors", 0)),
        total_commits=int(facts.get("commits", 0)),
        quiet=(now - when).days > _YEAR,
    )


def activity(solution: m.Solution, now: datetime) -> Activity | None:
    """Commits per month up to the last commit, else releases per quarter."""
    commits = commit_activity(solution, now)
    if commits is not None:
        facts = main_facts(solution).get("activity") or {}
        months = [float(n) for n in facts.get("months") or ()]
        if len(months) != 12:  # an older analysis: spread the nested windows evenly
            ends = {
                int(w.get("days", 0)): int(w.get("commits", 0))
                for w in facts.get("windows") or ()
                if w.get("anchor") == "newest-commit"
            }
            c30, c90, c365 = ends.get(30, 0), ends.get(90, 0), ends.get(_YEAR, 0)
            months = [max(c365 - c90, 0) / 9] * 9 + [max(c90 - c30, 0) / 2] * 2 + [float(c30)]
        return Activity("commits", tuple(months), ((_YEAR, commits.commits),), commits)
    dated = [r.released_on for r in solution.releases if r.released_on]
    if not dated:
        return None
    quarters = [0.0] * 12  # the last three years, oldest first
    for day in dated:
        age = _quarters_between(day, now.date())
        if 0 <= age < 12:
            quarters[11 - age] += 1
    figures = ((1095, sum(1 for d in dated if 0 <= (now.date() - d).days < 1095)),)
    return Activity("releases", tuple(quarters), figures)


def _quarters_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 4 + (later.month - 1) // 3 - (earlier.month - 1) // 3
