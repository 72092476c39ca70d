"""Licence judgement (OSI/FSF flags, OR branches) and the compatibility table."""

from __future__ import annotations

import pytest

from registry.licensing.judgement import (
    SPDX_LIST_VERSION,
    compatibility,
    copyleft_strength,
    judge_expression,
)


@pytest.mark.parametrize(
    ("expression", "is_open", "branch"),
    [
        ("EUPL-1.2", True, ("EUPL-1.2",)),
        ("LicenseRef-proprietary OR MIT", True, ("MIT",)),
        ("MIT AND LicenseRef-proprietary", False, ()),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", True,
         ("GPL-2.0-or-later WITH Classpath-exception-2.0",)),
        ("(MIT OR Apache-2.0) AND BSD-3-Clause", True, ("BSD-3-Clause", "MIT")),
        ("LicenseRef-all-rights-reserved", False, ()),
        ("CC-BY-NC-4.0", False, ()),
        ("gpl-2.0+", True, ("GPL-2.0-or-later",)),
        ("not a licence at all!", None, ()),
        (None, None, ()),
    ],
)  # fmt: skip
def test_open_needs_one_fully_approved_branch(
    expression: str | None, is_open: bool | None, branch: tuple[str, ...]
) -> None:
    verdict = judge_expression(expression)
    assert verdict.open is is_open
    assert verdict.open_branch == branch
    assert verdict.spdx_list_version == SPDX_LIST_VERSION


def test_reasons_tell_closed_from_unclear() -> None:
    assert judge_expression("LicenseRef-x").reason == "only uncurated LicenseRef licences"
    assert judge_expression("CC-BY-NC-4.0").reason == "no OSI/FSF-approved branch"
    assert judge_expression("").reason == "no licence"
    assert judge_expression("@@").reason == "not a valid SPDX expression"


def test_osi_and_fsf_flags_are_reported_separately() -> None:
    wtfpl = judge_expression("WTFPL")  # FSF libre, not OSI approved
    assert wtfpl.open and wtfpl.fsf_libre and not wtfpl.osi_approved
    assert judge_expression("EUPL-1.2").osi_approved


@pytest.mark.parametrize(
    ("inbound", "outbound", "verdict", "rule"),
    [
        ("MIT", "MIT", "compatible", "C01"),
        ("Apache-2.0", "GPL-2.0-only", "incompatible", "C02"),
        ("Apache-2.0", "EUPL-1.2", "compatible", "C03"),
        ("EUPL-1.2", "GPL-3.0-only", "conditional", "C04"),
        ("GPL-3.0-or-later", "EUPL-1.2", "conditional", "C05"),
        ("MPL-2.0", "MIT", "conditional", "C06"),
        ("GPL-2.0-only", "GPL-3.0-or-later", "incompatible", "C07"),
        ("GPL-3.0-only", "GPL-2.0-only", "incompatible", "C08"),
        ("GPL-2.0-or-later", "AGPL-3.0-only", "compatible", "C09"),
        ("AGPL-3.0-only", "GPL-3.0-only", "conditional", "C10"),
        ("GPL-3.0-only", "MIT", "incompatible", "C11"),
        ("AGPL-3.0-or-later", "Apache-2.0", "incompatible", "C11"),
        ("LicenseRef-x", "MIT", "unknown", "none"),
    ],
)  # fmt: skip
def test_compatibility_table(inbound: str, outbound: str, verdict: str, rule: str) -> None:
    result = compatibility(inbound, outbound)
    assert (result.verdict, result.rule) == (verdict, rule)
    assert result.note_de and result.note_en


def test_copyleft_strength() -> None:
    assert [copyleft_strength(x) for x in ("MIT", "LGPL-3.0-only", "EUPL-1.2", "AGPL-3.0-only",
                                           "LicenseRef-x")] == [
        "permissive", "weak", "strong", "network", "unknown"]  # fmt: skip
    assert judge_expression("MIT OR EUPL-1.2").copyleft == "permissive"
