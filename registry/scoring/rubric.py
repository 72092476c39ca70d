"""The rubric as data: its shape (msgspec Structs), loading and validation.

The shipped rubric is ``schemas/rubric/v1.yml``; its JSON Schema
(``schemas/rubric/rubric.schema.json``) is generated from these Structs
(:func:`rubric_json_schema`) and a test keeps the file in step. Loading validates the
shape (msgspec names the path of the first bad field, e.g. ``$.dimensions[0].checks[2].points``)
and then the meaning: unique ids, known facts, step points within the check's points.

Each check is evaluated by one of three generic evaluators, so changing a threshold or a
point value is an edit of the YAML, never of code:

* ``flag``: a yes/no fact; yes earns the points.
* ``threshold``: a number; the first step it reaches (``gte`` or ``lte``) gives the
  points. ``claim_fact`` names the same count from self-declared claims: claims earn
  ``claim_factor`` (half) of what verified evidence would. ``fail_if`` names yes/no facts
  that force a fail (e.g. archived).
* ``map``: a category (e.g. ``internal``, ``none``) mapped to points.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import msgspec
import yaml

from registry.datafiles import load_yaml
from registry.entries import in_language
from registry.errors import InvalidInput
from registry.scoring.facts import FACT_NAMES

__all__ = [
    "Check",
    "Dimension",
    "FlagRule",
    "Indicator",
    "Level",
    "MapRule",
    "Rubric",
    "SiloConfig",
    "Step",
    "Text",
    "ThresholdRule",
    "default_rubric",
    "load_rubric",
    "parse_rubric",
    "rubric_for_version",
    "rubric_json_schema",
]


class Text(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One sentence in German and English."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``de`` or ``en``), by the one fallback rule."""
        return in_language({"de": self.de, "en": self.en}, lang) or self.de


class Step(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``points`` when the value is at least ``gte`` or at most ``lte``."""

    points: float
    gte: float | None = None
    lte: float | None = None


class FlagRule(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="kind", tag="flag"
):
    """Yes earns the check's points, no earns none."""

    fact: str


class ThresholdRule(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="kind", tag="threshold"
):
    """A number against ordered steps (first reached wins)."""

    fact: str
    steps: list[Step]
    claim_fact: str | None = None
    fail_if: list[str] = []


class MapRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="kind", tag="map"):
    """A category mapped to points; values not listed earn ``default``."""

    fact: str
    values: dict[str, float]
    default: float = 0


class Check(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One explained check."""

    id: str
    rule: Text
    points: float
    evaluate: FlagRule | ThresholdRule | MapRule
    evidence: Text
    anchors: list[str]
    fix: Text


class Dimension(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A group of checks (licence, interfaces, …)."""

    id: str
    name: Text
    checks: list[Check]


class Indicator(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Texts of one silo indicator (the rule itself is in ``registry.scoring.silo``)."""

    id: str
    title: Text
    clear: Text


class SiloConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Thresholds of the non-compensatory silo flag."""

    silo_at: int
    risk_at: int
    single_user_after_days: int
    abandoned_after_days: int
    exempt_min_other_users: int
    exempt_statuses: list[str]
    indicators: list[Indicator]


class Level(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A cumulative level: a minimum score and minimum points on named checks."""

    id: str
    name: Text
    min_score: float
    requires: dict[str, float] = {}


class Rubric(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A versioned rubric."""

    version: str
    title: Text
    claim_factor: float
    dimensions: list[Dimension]
    silo: SiloConfig
    levels: list[Level]

    def checks(self) -> list[tuple[Dimension, Check]]:
        """Every check with its dimension, in order."""
        return [(dim, check) for dim in self.dimensions for check in dim.checks]

    def check(self, check_id: str) -> Check | None:
        """The check with this id, if any."""
        return next((c for _, c in self.checks() if c.id == check_id), None)

    def indicator(self, indicator_id: str) -> Indicator:
        """Texts of a silo indicator."""
        return next(i for i in self.silo.indicators if i.id == indicator_id)


SILO_INDICATORS = ("SI-LIC", "SI-IF", "SI-OP", "SI-SU", "SI-AB", "SI-DOC")


def _meaning_errors(rubric: Rubric) -> tuple[str, str] | None:  # noqa: PLR0911, PLR0912 - one per rule
    """The first semantic problem as (field path, message)."""
    seen: set[str] = set()
    for d, dim in enumerate(rubric.dimensions):
        for c, check in enumerate(dim.checks):
            where = f"$.dimensions[{d}].checks[{c}]"
            if check.id in seen:
                return f"{where}.id", f"duplicate check id {check.id!r}"
            seen.add(check.id)
            rule = check.evaluate
            facts = [rule.fact]
            if isinstance(rule, ThresholdRule):
                facts += [rule.claim_fact] if rule.claim_fact else []
                facts += rule.fail_if
                if not rule.steps:
                    return f"{where}.evaluate.steps", "at least one step is needed"
                for s, step in enumerate(rule.steps):
                    if (step.gte is None) == (step.lte is None):
                        return f"{where}.evaluate.steps[{s}]", "give exactly one of gte or lte"
            top = _top_points(check)
            if top > check.points or top <= 0:
                return f"{where}.evaluate", f"best outcome gives {top}, check has {check.points}"
            for fact in facts:
                if fact not in FACT_NAMES:
                    return f"{where}.evaluate", f"unknown fact {fact!r}"
    known = {i.id for i in rubric.silo.indicators}
    if missing := sorted(set(SILO_INDICATORS) - known):
        return "$.silo.indicators", f"texts missing for {', '.join(missing)}"
    for n, level in enumerate(rubric.levels):
        for check_id in level.requires:
            if check_id not in seen:
                return f"$.levels[{n}].requires", f"unknown check id {check_id!r}"
    return None


def _top_points(check: Check) -> float:
    """The most a check's evaluator can give (a flag gives all its points)."""
    rule = check.evaluate
    if isinstance(rule, ThresholdRule):
        return max(step.points for step in rule.steps) if rule.steps else 0
    if isinstance(rule, MapRule):
        return max([*rule.values.values(), rule.default])
    return check.points


def parse_rubric(data: Any, *, source: str = "rubric") -> Rubric:
    """Validate plain data as a rubric; raises ``InvalidInput`` naming the field."""
    try:
        rubric = msgspec.convert(data, Rubric)
    except msgspec.ValidationError as exc:
        message = str(exc)
        field = message.rsplit(" - at ", 1)[-1].strip("`") if " - at " in message else "$"
        raise InvalidInput(f"{source}: {message}", field=field) from exc
    problem = _meaning_errors(rubric)
    if problem:
        raise InvalidInput(f"{source}: {problem[1]} - at `{problem[0]}`", field=problem[0])
    return rubric


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric YAML file."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(f"{path}: cannot read rubric: {exc}", field="$") from exc
    return parse_rubric(data, source=str(path))


def _shipped_files() -> list[Traversable]:
    """``schemas/rubric/v<N>.yml``, oldest first (by ``N``, so ``v10`` follows ``v9``)."""
    folder = resources.files("schemas").joinpath("rubric")
    numbered = [
        (int(item.name[1:-4]), item)
        for item in folder.iterdir()
        if item.name.startswith("v") and item.name.endswith(".yml") and item.name[1:-4].isdigit()
    ]
    return [item for _number, item in sorted(numbered, key=lambda pair: pair[0])]


def _parse_shipped(item: Traversable) -> Rubric:
    data = load_yaml(item.read_text(encoding="utf-8"))
    return parse_rubric(data, source=f"schemas/rubric/{item.name}")


@cache
def default_rubric() -> Rubric:
    """The newest shipped rubric, validated once: the highest ``schemas/rubric/v<N>.yml``.
    A new version is a new file (older ones stay, so stored results can be explained)."""
    files = _shipped_files()
    if not files:
        raise InvalidInput("schemas/rubric: no v<N>.yml rubric is shipped", field="$")
    return _parse_shipped(files[-1])


@cache
def rubric_for_version(version: str) -> Rubric | None:
    """The shipped rubric of ``version`` (``schemas/rubric/v*.yml``), if it is still shipped."""
    for item in _shipped_files():
        data = load_yaml(item.read_text(encoding="utf-8"))
        if isinstance(data, dict) and str(data.get("version")) == version:
            return parse_rubric(data, source=f"schemas/rubric/{item.name}")
    return None


def rubric_json_schema() -> dict[str, Any]:
    """The JSON Schema of the rubric format, generated from the Structs."""
    schema: dict[str, Any] = msgspec.json.schema(Rubric)
    schema["$id"] = "https://registry.example/schemas/rubric/rubric.schema.json"
    schema["title"] = "Reuse-readiness rubric"
    return schema
