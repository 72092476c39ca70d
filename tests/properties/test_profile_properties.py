"""Properties: profile rule evaluation always gives a verdict, for arbitrary fact values
and arbitrary rule trees (facts, checks, every operator, any expected value)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.errors import InvalidInput
from registry.scoring import FACT_NAMES, Fact, FactSet, default_rubric, evaluate_profile, score
from registry.scoring.profiles import OPERATORS, OUTCOME_FACTS, parse_profile
from tests.unit.scoring._helpers import NOW

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VERDICTS = ("pass", "fail", "unknown")
CHECK_IDS = sorted(check.id for _, check in default_rubric().checks())
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10),
              st.sampled_from(["pass", "fail", "internal", "EUPL-1.2", "<script>"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=6,
)  # fmt: skip
FACTS = st.dictionaries(
    st.sampled_from(sorted(FACT_NAMES)),
    st.builds(lambda value, applicable: Fact(value, applicable=applicable), VALUES, st.booleans()),
    max_size=len(FACT_NAMES),
)
LEAVES = st.one_of(
    st.fixed_dictionaries(
        {"fact": st.sampled_from([*sorted(FACT_NAMES), *OUTCOME_FACTS]),
         "op": st.sampled_from(OPERATORS), "value": VALUES}
    ),
    st.fixed_dictionaries({"check": st.sampled_from(CHECK_IDS)},
                          optional={"op": st.sampled_from(OPERATORS), "value": VALUES}),
)  # fmt: skip
RULES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda kids: {"all": kids}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda kids: {"any": kids}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda kid: {"not": kid}, inner),
    ),
    max_leaves=8,
)
ANYTHING = st.recursive(
    VALUES, lambda inner: st.dictionaries(st.sampled_from(["all", "any", "not", "fact", "check",
                                                           "op", "value", "id"]), inner,
                                          max_size=4),
    max_leaves=8,
)  # fmt: skip


def _profile(rules: Any, unknown_as: str) -> Any:
    return parse_profile({"profile": "p", "version": "1", "title": {"de": "P", "en": "P"},
                          "unknown_as": unknown_as, "rules": rules})  # fmt: skip


@FAST
@given(RULES, FACTS, st.sampled_from(["fail", "pass", "unknown"]))
def test_any_rule_tree_over_any_facts_gets_a_verdict(
    rules: dict[str, Any], facts: dict[str, Fact], unknown_as: str
) -> None:
    try:
        profile = _profile(rules, unknown_as)
    except InvalidInput:
        return  # e.g. ``in`` without a list: refused when the profile is loaded
    fact_set = FactSet("p", "<b>P</b>", facts)
    report = evaluate_profile(profile, fact_set, score(fact_set, now=NOW))
    assert report.raw_verdict in VERDICTS
    assert report.verdict in VERDICTS
    assert report.verdict == (unknown_as if report.raw_verdict == "unknown" else report.raw_verdict)
    assert all(r.verdict in VERDICTS for r in report.root.flat())
    assert report.to_json("de")["verdict"] == report.verdict


@FAST
@given(ANYTHING)
def test_any_data_as_rules_is_a_profile_or_invalid_input(rules: Any) -> None:
    try:
        profile = _profile(rules, "fail")
    except InvalidInput:
        return
    fact_set = FactSet("p", "P", {})
    assert evaluate_profile(profile, fact_set, score(fact_set, now=NOW)).verdict in VERDICTS
