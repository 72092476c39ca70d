"""Scoring: reuse readiness, the silo flag and funder requirement profiles (pure core).

    facts = build_facts(entry, now=now)           # plain snapshot -> named facts
    outcome = score(facts, default_rubric(), now=now)
    report = evaluate_profile(find_profile("smart-city-mpsc"), facts, outcome)
    render_reports([report], "csv", "de")

The rubric and the profiles are data under ``schemas/``. ``ScoringService`` /
``rescore(session, solution, now=…)`` store results with history (``service``).
"""

from registry.scoring.badge import badge_svg, shields_only, unknown_badge_svg
from registry.scoring.checks import STATUSES, CheckResult
from registry.scoring.engine import ScoreOutcome, score
from registry.scoring.evidence import Evidence, Fact
from registry.scoring.explain import explain_result
from registry.scoring.facts import FACT_NAMES, FactSet, build_facts
from registry.scoring.local import entry_from_repository
from registry.scoring.profiles import (
    OUTCOME_FACTS,
    Profile,
    ProfileReport,
    Rule,
    RuleResult,
    evaluate_profile,
    find_profile,
    load_profile,
    parse_profile,
    shipped_profile,
    shipped_profiles,
)
from registry.scoring.reports import FORMATS, MEDIA_TYPES, csv_cell, render_reports
from registry.scoring.rubric import Rubric, Text, default_rubric, load_rubric, parse_rubric
from registry.scoring.service import RescoreResult, ScoringService, entry_input, rescore
from registry.scoring.silo import observed_text

__all__ = [
    "FACT_NAMES",
    "FORMATS",
    "MEDIA_TYPES",
    "OUTCOME_FACTS",
    "STATUSES",
    "CheckResult",
    "Evidence",
    "Fact",
    "FactSet",
    "Profile",
    "ProfileReport",
    "RescoreResult",
    "Rubric",
    "Rule",
    "RuleResult",
    "ScoreOutcome",
    "ScoringService",
    "Text",
    "badge_svg",
    "build_facts",
    "csv_cell",
    "default_rubric",
    "entry_from_repository",
    "entry_input",
    "evaluate_profile",
    "explain_result",
    "find_profile",
    "load_profile",
    "load_rubric",
    "observed_text",
    "parse_profile",
    "parse_rubric",
    "render_reports",
    "rescore",
    "score",
    "shields_only",
    "shipped_profile",
    "shipped_profiles",
    "unknown_badge_svg",
]
