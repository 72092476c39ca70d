"""A funder's report, as data: each profile rule with its verdict, evidence and fix (pure).

A profile's top-level rules are what a funder's conditions say ("open licence",
"documentation"), so each becomes one row; the comparisons under it (facts and checks)
are its details. Words come from the profile (rule titles and fixes, German and English),
the fact catalogue (``FACT_NAMES``) and the rubric (check rules); how evidence and
suppliers read is left to the page as codes:

* evidence kinds: ``declared`` (self-declared by the publisher), ``repository``
  (detected in the repository, with its commit), ``host`` (reported by the code
  platform), ``confirmed`` (confirmed by another organisation), ``computed`` (by the
  registry);
* who can supply an unknown: ``publisher-repo``, ``publisher-entry``, ``adopters``,
  ``host``, ``registry``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from registry.scoring import (
    FACT_NAMES,
    OUTCOME_FACTS,
    Evidence,
    Profile,
    ProfileReport,
    Rule,
    RuleResult,
    Text,
    default_rubric,
)

__all__ = [
    "Change",
    "Comparison",
    "EvidenceLine",
    "GrantReport",
    "ProgrammeReport",
    "RuleRow",
    "compare_runs",
    "evidence_line",
    "grant_report",
    "rule_rows",
    "snapshot",
    "supplier",
]

_OUTCOME_LABELS = {
    "score": Text(de="Punktzahl der Wiederverwendbarkeit", en="Reuse readiness score"),
    "silo": Text(de="Silo-Einschätzung", en="Silo assessment"),
    "level": Text(de="Reifegrad", en="Readiness level"),
    "coverage": Text(de="Abdeckung der Prüfungen", en="Coverage of the checks"),
}
#: Fact-name prefixes and who can supply a missing value; the first match wins.
_SUPPLIERS = (
    ("security.branch_protection", "host"),
    ("governance.issue_tracker", "host"),
    ("adoption.", "adopters"),
    ("governance.co_developers", "adopters"),
    ("docs.publiccode_valid", "publisher-entry"),
    ("licence.", "publisher-repo"),
    ("docs.", "publisher-repo"),
    ("governance.", "publisher-repo"),
    ("security.", "publisher-repo"),
    ("activity.", "publisher-repo"),
    ("", "publisher-entry"),
)


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """Where a value comes from, as the report names it."""

    kind: str  # declared | repository | host | confirmed | computed
    where: str | None
    commit: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One fact or check under a rule: what is required, what was seen, on what evidence."""

    subject: str  # the fact's or check's name
    label: Text
    op: str
    expected: Any
    observed: Any
    verdict: str
    evidence: tuple[EvidenceLine, ...]
    supplier: str | None  # who can supply the value, when it is unknown


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One of the profile's rules: its verdict, the comparisons under it, the fix if it fails."""

    id: str
    title: Text
    verdict: str
    anchor: str | None
    fix: Text | None
    comparisons: tuple[Comparison, ...]

    @property
    def missing(self) -> tuple[Comparison, ...]:
        """The comparisons that cannot be decided yet."""
        return tuple(c for c in self.comparisons if c.verdict == "unknown")


@dataclass(frozen=True, slots=True)
class GrantReport:
    """One grant: the funded solution judged against the programme's profile."""

    reference: str
    source: str
    slug: str
    name: str
    publisher: str | None
    verdict: str
    raw_verdict: str
    rows: tuple[RuleRow, ...]
    commit: str | None
    data_date: str | None
    reused_by: tuple[str, ...] = ()
    grant_id: int = 0

    @property
    def counts(self) -> dict[str, int]:
        """How many rules pass, fail and are unknown."""
        found = Counter(row.verdict for row in self.rows)
        return {key: found.get(key, 0) for key in ("pass", "fail", "unknown")}


@dataclass(frozen=True, slots=True)
class ProgrammeReport:
    """A programme's grants against its profile, with the overview a funder reads first."""

    programme_id: int
    programme: str
    funder: str
    funder_slug: str
    starts_on: date | None
    ends_on: date | None
    profile: Profile
    generated_at: datetime
    grants: tuple[GrantReport, ...]
    registry_url: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def data_date(self) -> str | None:
        """The newest date any evidence in the report rests on."""
        dates = [g.data_date for g in self.grants if g.data_date]
        return max(dates) if dates else None

    @property
    def passed(self) -> int:
        """How many funded solutions meet the profile."""
        return sum(1 for g in self.grants if g.verdict == "pass")

    def failing_rules(self) -> list[tuple[RuleRow, int]]:
        """Rules by how many grants fail them, most first (rules nobody fails left out)."""
        counts: Counter[str] = Counter()
        first: dict[str, RuleRow] = {}
        for grant in self.grants:
            for row in grant.rows:
                first.setdefault(row.id, row)
                if row.verdict == "fail":
                    counts[row.id] += 1
        return [(first[rid], n) for rid, n in counts.most_common()]

    def reused(self) -> list[GrantReport]:
        """Grants whose solution another organisation has confirmed it uses."""
        return [g for g in self.grants if g.reused_by]


def supplier(fact: str | None) -> str:
    """Who can supply a missing value of ``fact`` (``None``: a rubric check)."""
    if fact is None or fact in OUTCOME_FACTS:
        return "registry"
    return next(who for prefix, who in _SUPPLIERS if fact.startswith(prefix))


def evidence_line(ev: Evidence) -> EvidenceLine:
    """The evidence as the report names its kind."""
    if ev.source == "registry":
        kind = "computed"
    elif ev.commit:
        kind = "repository"
    elif ev.source.startswith(("http://", "https://")):
        kind = "host"
    elif ev.level == "verified":
        kind = "confirmed"
    else:
        kind = "declared"
    return EvidenceLine(kind, _where(kind, ev), ev.commit, ev.date)


def _where(kind: str, ev: Evidence) -> str | None:
    """What to name beside the kind: a file, a link, a standard, ``publiccode.yml`` (never
    an internal field name, which would read as English on a German report)."""
    path = ev.path or ""
    if kind == "repository":
        return path if path not in ("", "/") else None
    if path.startswith(("http://", "https://")):
        return path
    if kind == "declared" and path.startswith("interfaces/"):
        return path.split("/", 1)[1]
    if kind == "declared" and ev.source == "publiccode.yml":
        return "publiccode.yml"
    return None


def _label(leaf: RuleResult, fact: str | None, check: str | None) -> Text:
    if fact in OUTCOME_FACTS:
        return _OUTCOME_LABELS[fact or ""]
    if fact is not None and fact in FACT_NAMES:
        de, en = FACT_NAMES[fact]
        return Text(de=de, en=en)
    found = default_rubric().check(check or "")
    if found is not None:
        return found.rule
    return leaf.title or Text(de=leaf.label, en=leaf.label)


def _children(rule: Rule) -> list[Rule]:
    if rule.not_ is not None:
        return [rule.not_]
    return list(rule.all or rule.any or [])


def _leaf_pairs(rule: Rule, node: RuleResult) -> list[tuple[Rule, RuleResult]]:
    """The profile's leaves beside their verdicts (both trees have the same shape)."""
    if node.kind in ("fact", "check"):
        return [(rule, node)]
    pairs = zip(_children(rule), node.children, strict=True)
    return [pair for child, result in pairs for pair in _leaf_pairs(child, result)]


def _comparison(rule: Rule, leaf: RuleResult) -> Comparison:
    plain_check = rule.check is not None and rule.value is None
    return Comparison(
        subject=rule.fact or rule.check or "", label=_label(leaf, rule.fact, rule.check),
        op="eq" if plain_check else rule.op,
        expected="pass" if plain_check else rule.value, observed=leaf.observed,
        verdict=leaf.verdict, evidence=tuple(evidence_line(ev) for ev in leaf.evidence[:3]),
        supplier=supplier(rule.fact) if leaf.verdict == "unknown" else None,
    )  # fmt: skip


def _first_fix(node: RuleResult) -> Text | None:
    if node.fix:
        return node.fix
    failing = [r for r in node.flat() if r.kind in ("fact", "check") and r.verdict == "fail"
               and r.fix]  # fmt: skip
    return failing[0].fix if failing else None


def rule_rows(report: ProfileReport) -> tuple[RuleRow, ...]:
    """The profile's rules (the root's children) as rows; a single leaf is one row."""
    rule, root = report.profile.rules, report.root
    tops = list(zip(rule.all, root.children, strict=True)) if rule.all else [(rule, root)]
    rows = []
    for top, node in tops:
        comparisons = tuple(_comparison(r, leaf) for r, leaf in _leaf_pairs(top, node))
        fallback = comparisons[0].label if comparisons else Text(de=node.id, en=node.id)
        title = node.title or fallback
        fix = _first_fix(node) if node.verdict == "fail" else None
        rows.append(RuleRow(node.id, title, node.verdict, node.anchor, fix, comparisons))
    return tuple(rows)


def _data_date(rows: Sequence[RuleRow], updated: str | None) -> str | None:
    # The registry's own verdicts carry today's date; the data is as old as its sources.
    dates = [ev.date for row in rows for c in row.comparisons for ev in c.evidence
             if ev.date and ev.kind != "computed"]  # fmt: skip
    if updated:
        dates.append(updated)
    return max(dates) if dates else None


def grant_report(
    report: ProfileReport, *, reference: str, source: str, publisher: str | None,
    updated: str | None, reused_by: Sequence[str] = (), grant_id: int = 0,
) -> GrantReport:  # fmt: skip
    """One grant's report from the profile report of its solution."""
    rows = rule_rows(report)
    return GrantReport(
        reference=reference, source=source, slug=report.slug, name=report.name,
        publisher=publisher, verdict=report.verdict, raw_verdict=report.raw_verdict,
        rows=rows, commit=report.commit, data_date=_data_date(rows, updated),
        reused_by=tuple(reused_by), grant_id=grant_id,
    )  # fmt: skip


def snapshot(report: ProgrammeReport) -> dict[str, Any]:
    """What a report run keeps: each grant's verdict and its rules' verdicts."""
    return {
        g.reference: {"solution": g.slug, "name": g.name, "verdict": g.verdict,
                      "rules": {row.id: row.verdict for row in g.rows}}
        for g in report.grants
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """A verdict that differs between an earlier run and now (``rule`` None: the overall one)."""

    reference: str
    name: str
    rule: str | None
    before: str | None  # None: not in the earlier run
    after: str | None  # None: no longer in the programme


def compare_runs(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed between two snapshots, grant by grant, rule by rule."""
    changes: list[Change] = []
    for reference in sorted({*before, *after}):
        old, new = before.get(reference) or {}, after.get(reference) or {}
        name = str(new.get("name") or old.get("name") or reference)
        if old.get("verdict") != new.get("verdict"):
            changes.append(Change(reference, name, None, old.get("verdict"), new.get("verdict")))
        old_rules, new_rules = old.get("rules") or {}, new.get("rules") or {}
        for rule in [*new_rules, *(r for r in old_rules if r not in new_rules)]:
            if old_rules.get(rule) != new_rules.get(rule):
                changes.append(
                    Change(reference, name, rule, old_rules.get(rule), new_rules.get(rule))
                )
    return changes
