"""Funder requirement profiles: declarative rule trees evaluated with three-valued logic.

A profile (``schemas/profiles/*.yml``, format ``profile.schema.json`` generated from
:class:`Profile`) is a tree of ``all`` / ``any`` / ``not`` nodes over leaves that compare
a fact (``facts.FACT_NAMES`` or ``score``, ``silo``, ``level``) or a check of the rubric
with an operator. Nothing is evaluated as code.

Three-valued logic: a leaf is unknown when its value is unknown or not applicable (or of a
type the operator cannot compare); ``all`` fails if any child fails, else is unknown if any
child is unknown, else passes; ``any`` passes if any child passes, else is unknown if any
child is unknown, else fails; ``not`` swaps pass and fail. ``unknown_as`` decides what an
unknown overall verdict becomes (``fail``, ``pass`` or ``unknown``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec
import yaml

from registry.datafiles import load_yaml
from registry.errors import InvalidInput, NotFound
from registry.scoring.engine import ScoreOutcome
from registry.scoring.evidence import Evidence, Fact
from registry.scoring.facts import FACT_NAMES, FactSet
from registry.scoring.rubric import Text, default_rubric

__all__ = [
    "OPERATORS",
    "Profile",
    "ProfileReport",
    "Rule",
    "RuleResult",
    "evaluate_profile",
    "find_profile",
    "load_profile",
    "parse_profile",
    "profile_json_schema",
    "shipped_profile",
    "shipped_profiles",
]

OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in", "exists")
OUTCOME_FACTS = ("score", "silo", "level", "coverage")
_MISSING = object()


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A node: exactly one of ``all``, ``any``, ``not``, ``fact`` or ``check``."""

    all: list[Rule] | None = None
    any: list[Rule] | None = None
    not_: Rule | None = msgspec.field(name="not", default=None)
    fact: str | None = None
    check: str | None = None
    op: str = "eq"
    value: Any = None
    id: str | None = None
    title: Text | None = None
    anchor: str | None = None
    fix: Text | None = None


class Profile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A named, versioned rule set."""

    profile: str
    version: str
    title: Text
    rules: Rule
    unknown_as: str = "fail"
    description: Text | None = None
    anchors: list[str] = []


def _kinds(rule: Rule) -> list[str]:
    names = ("all", "any", "not_", "fact", "check")
    return [name for name in names if getattr(rule, name) is not None]


def _check_rule(rule: Rule, where: str) -> tuple[str, str] | None:  # noqa: PLR0911 - one per rule
    kinds = _kinds(rule)
    if len(kinds) != 1:
        return where, "give exactly one of all, any, not, fact, check"
    kind = kinds[0]
    if kind in ("all", "any"):
        children = getattr(rule, kind)
        if not children:
            return f"{where}.{kind}", "needs at least one rule"
        for n, child in enumerate(children):
            if problem := _check_rule(child, f"{where}.{kind}[{n}]"):
                return problem
        return None
    if kind == "not_":
        assert rule.not_ is not None
        return _check_rule(rule.not_, f"{where}.not")
    if rule.op not in OPERATORS:
        return f"{where}.op", f"unknown operator {rule.op!r} (one of {', '.join(OPERATORS)})"
    if rule.fact is not None and rule.fact not in FACT_NAMES and rule.fact not in OUTCOME_FACTS:
        return f"{where}.fact", f"unknown fact {rule.fact!r}"
    if rule.check is not None and default_rubric().check(rule.check) is None:
        return f"{where}.check", f"unknown check {rule.check!r}"
    if rule.op in ("in", "not_in") and not isinstance(rule.value, list):
        return f"{where}.value", f"operator {rule.op} needs a list"
    return None


def parse_profile(data: Any, *, source: str = "profile") -> Profile:
    """Validate plain data as a profile; raises ``InvalidInput`` naming the field."""
    try:
        profile = msgspec.convert(data, Profile)
    except msgspec.ValidationError as exc:
        message = str(exc)
        where = message.rsplit(" - at ", 1)[-1].strip("`") if " - at " in message else "$"
        raise InvalidInput(f"{source}: {message}", field=where) from exc
    problem = _check_rule(profile.rules, "$.rules")
    if problem is None and profile.unknown_as not in ("fail", "pass", "unknown"):
        problem = ("$.unknown_as", "must be fail, pass or unknown")
    if problem:
        raise InvalidInput(f"{source}: {problem[1]} - at `{problem[0]}`", field=problem[0])
    return profile


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile YAML file."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(f"{path}: cannot read profile: {exc}", field="$") from exc
    return parse_profile(data, source=str(path))


@cache
def shipped_profiles() -> dict[str, Profile]:
    """The profiles shipped in ``schemas/profiles/``, by name."""
    folder = resources.files("schemas").joinpath("profiles")
    found: dict[str, Profile] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yml"):
            data = load_yaml(item.read_text(encoding="utf-8"))
            profile = parse_profile(data, source=f"schemas/profiles/{item.name}")
            found[profile.profile] = profile
    return found


def shipped_profile(name: str) -> Profile:
    """A shipped profile by name (never a file: safe for web requests), or ``NotFound``."""
    shipped = shipped_profiles()
    if name not in shipped:
        raise NotFound(f"unknown profile {name!r} (known: {', '.join(sorted(shipped))})",
                       field="profile")  # fmt: skip
    return shipped[name]


def find_profile(name_or_file: str) -> Profile:
    """A shipped profile by name, or a profile file by path."""
    shipped = shipped_profiles()
    if name_or_file in shipped:
        return shipped[name_or_file]
    if name_or_file.endswith((".yml", ".yaml")) or Path(name_or_file).is_file():
        return load_profile(name_or_file)
    known = ", ".join(sorted(shipped))
    raise NotFound(f"unknown profile {name_or_file!r} (known: {known})", field="profile")


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema of the profile format, generated from the Structs."""
    schema: dict[str, Any] = msgspec.json.schema(Profile)
    schema["$id"] = "https://registry.example/schemas/profiles/profile.schema.json"
    schema["title"] = "Funder requirement profile"
    return schema


@dataclass(frozen=True, slots=True)
class RuleResult:
    """The verdict on one node, with what was observed and why."""

    id: str
    kind: str  # all | any | not | fact | check
    verdict: str  # pass | fail | unknown
    label: str
    observed: Any = None
    evidence: tuple[Evidence, ...] = ()
    title: Text | None = None
    anchor: str | None = None
    fix: Text | None = None
    children: tuple[RuleResult, ...] = ()
    depth: int = 0

    def flat(self) -> list[RuleResult]:
        """This node and every descendant, depth first."""
        return [self, *(item for child in self.children for item in child.flat())]

    def to_json(self, lang: str) -> dict[str, Any]:
        """Plain data in ``lang``."""
        return {
            "id": self.id, "kind": self.kind, "verdict": self.verdict, "rule": self.label,
            "title": self.title.get(lang) if self.title else None, "observed": self.observed,
            "evidence": [ev.to_json() for ev in self.evidence], "anchor": self.anchor,
            "fix": self.fix.get(lang) if self.fix else None,
            "children": [child.to_json(lang) for child in self.children],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProfileReport:
    """One solution judged against one profile."""

    profile: Profile
    slug: str
    name: str
    verdict: str
    raw_verdict: str
    root: RuleResult
    commit: str | None
    computed_at: datetime
    score: int | None = None
    silo: str | None = None
    notes: tuple[str, ...] = field(default=())

    def leaves(self) -> list[RuleResult]:
        """The comparisons (facts and checks), in order."""
        return [r for r in self.root.flat() if r.kind in ("fact", "check")]

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """Plain data in ``lang``."""
        leaves = self.leaves()
        return {
            "profile": self.profile.profile, "profile_version": self.profile.version,
            "title": self.profile.title.get(lang), "solution": self.slug, "name": self.name,
            "verdict": self.verdict, "raw_verdict": self.raw_verdict,
            "unknown_as": self.profile.unknown_as, "commit": self.commit,
            "computed_at": self.computed_at.isoformat(), "score": self.score, "silo": self.silo,
            "passed": sum(1 for r in leaves if r.verdict == "pass"),
            "failed": sum(1 for r in leaves if r.verdict == "fail"),
            "unknown": sum(1 for r in leaves if r.verdict == "unknown"),
            "rules": self.root.to_json(lang),
        }  # fmt: skip


def _compare(op: str, observed: Any, expected: Any) -> bool | None:  # noqa: PLR0911 - one per operator
    """True/False, or None when the values cannot be compared."""
    if op == "exists":
        return True
    if op == "eq":
        return bool(observed == expected)
    if op == "ne":
        return bool(observed != expected)
    if op in ("in", "not_in"):
        if not isinstance(expected, list):
            return None
        inside = observed in expected
        return inside if op == "in" else not inside
    numbers = all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in (observed, expected)
    )
    if not numbers:
        return None
    results = {"gt": observed > expected, "gte": observed >= expected,
               "lt": observed < expected, "lte": observed <= expected}  # fmt: skip
    return bool(results[op])


def _outcome_fact(name: str, outcome: ScoreOutcome) -> Fact:
    value = {"score": outcome.score, "silo": outcome.silo, "level": outcome.level,
             "coverage": outcome.coverage}[name]  # fmt: skip
    evidence = (Evidence("registry", f"score {outcome.rubric_version}", outcome.commit,
                         outcome.computed_at.date().isoformat(), "detected"),)  # fmt: skip
    return Fact(value, evidence)


def _leaf_value(rule: Rule, facts: FactSet, outcome: ScoreOutcome) -> tuple[Any, Fact | None]:
    """(value to compare, fact for evidence); a check compares status or points."""
    if rule.fact is not None:
        fact = (
            _outcome_fact(rule.fact, outcome)
            if rule.fact in OUTCOME_FACTS
            else facts.get(rule.fact)
        )
        if not fact.applicable or fact.value is None:
            return _MISSING, fact
        return fact.value, fact
    result = outcome.check(rule.check or "")
    if result is None or result.status in ("unknown", "not_applicable"):
        return _MISSING, Fact(None, result.evidence if result else ())
    numeric = isinstance(rule.value, int | float) and not isinstance(rule.value, bool)
    return (result.points if numeric else result.status), Fact(result.status, result.evidence)


def _label(rule: Rule) -> str:
    if rule.check is not None and rule.value is None:
        return f"{rule.check} = pass"
    subject = rule.fact if rule.fact is not None else rule.check
    if rule.op == "exists":
        return f"{subject} exists"
    return f"{subject} {rule.op} {json.dumps(rule.value, ensure_ascii=False, default=str)}"


def _leaf(rule: Rule, facts: FactSet, outcome: ScoreOutcome, rid: str, depth: int) -> RuleResult:
    value, fact = _leaf_value(rule, facts, outcome)
    expected = "pass" if rule.check is not None and rule.value is None else rule.value
    op = "eq" if rule.check is not None and rule.value is None else rule.op
    compared = None if value is _MISSING else _compare(op, value, expected)
    verdict = "unknown" if compared is None else ("pass" if compared else "fail")
    observed = None if value is _MISSING else value
    return RuleResult(
        rule.id or rid, "fact" if rule.fact is not None else "check", verdict, _label(rule),
        observed, fact.evidence if fact else (), rule.title, rule.anchor, rule.fix, (), depth,
    )  # fmt: skip


def _combine(kind: str, verdicts: list[str]) -> str:
    if kind == "all":
        return "fail" if "fail" in verdicts else ("unknown" if "unknown" in verdicts else "pass")
    return "pass" if "pass" in verdicts else ("unknown" if "unknown" in verdicts else "fail")


def _evaluate(
    rule: Rule, facts: FactSet, outcome: ScoreOutcome, rid: str, depth: int
) -> RuleResult:
    if rule.fact is not None or rule.check is not None:
        return _leaf(rule, facts, outcome, rid, depth)
    if rule.not_ is not None:
        child = _evaluate(rule.not_, facts, outcome, f"{rid}.1", depth + 1)
        verdict = {"pass": "fail", "fail": "pass"}.get(child.verdict, "unknown")
        return RuleResult(rule.id or rid, "not", verdict, "not", None, (), rule.title,
                          rule.anchor, rule.fix, (child,), depth)  # fmt: skip
    kind = "all" if rule.all is not None else "any"
    children = tuple(
        _evaluate(child, facts, outcome, f"{rid}.{n}", depth + 1)
        for n, child in enumerate(getattr(rule, kind) or [], start=1)
    )
    verdict = _combine(kind, [c.verdict for c in children])
    return RuleResult(rule.id or rid, kind, verdict, kind, None, (), rule.title, rule.anchor,
                      rule.fix, children, depth)  # fmt: skip


def evaluate_profile(profile: Profile, facts: FactSet, outcome: ScoreOutcome) -> ProfileReport:
    """Judge one solution (its facts and score outcome) against ``profile``."""
    root = _evaluate(profile.rules, facts, outcome, "R", 0)
    verdict = root.verdict
    if verdict == "unknown" and profile.unknown_as != "unknown":
        verdict = profile.unknown_as
    return ProfileReport(
        profile=profile, slug=facts.slug, name=facts.name, verdict=verdict,
        raw_verdict=root.verdict, root=root, commit=outcome.commit,
        computed_at=outcome.computed_at, score=outcome.score, silo=outcome.silo,
    )  # fmt: skip
