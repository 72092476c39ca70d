"""The silo flag: a table of cases, including the exemption for stable, used software."""

from __future__ import annotations

import re
from typing import Any

import pytest

from registry.scoring import default_rubric, score
from registry.scoring.silo import observed_text, silo_flag
from tests.unit.scoring._helpers import NOW, fact_set

CONFIG = default_rubric().silo
CLEAN: dict[str, Any] = {
    "licence__open": True, "licence__expression": "EUPL-1.2",
    "interfaces__open_standards": 1, "interfaces__described_in_repo": 0,
    "operating__maintenance_type": "internal", "operating__reachable_contacts": 1,
    "adoption__other_orgs_verified": 1, "adoption__other_orgs_claimed": 0,
    "activity__age_days": 800, "activity__days_since_activity": 30, "activity__archived": False,
    "docs__readme": True, "docs__install": "instructions", "docs__documentation": True,
    "solution__development_status": "stable",
}  # fmt: skip
CLOSED = {"licence__open": False, "licence__expression": "LicenseRef-proprietary"}
NO_IF = {"interfaces__open_standards": 0}
NO_OP = {"operating__maintenance_type": "none"}
SINGLE = {"adoption__other_orgs_verified": 0}
IDLE = {"activity__days_since_activity": 800}
NO_DOC = {"docs__readme": False}

CASES = [
    ("clean", {}, "no", []),
    ("closed licence alone", CLOSED, "silo", ["SI-LIC"]),
    ("unclear licence alone", {"licence__open": None, "licence__expression": None}, "silo",
     ["SI-LIC"]),
    ("one weak indicator", NO_IF, "no", ["SI-IF"]),
    ("two give a risk", {**NO_IF, **NO_OP}, "risk", ["SI-IF", "SI-OP"]),
    ("three make a silo", {**NO_IF, **NO_OP, **NO_DOC}, "silo", ["SI-IF", "SI-OP", "SI-DOC"]),
    ("interface description clears SI-IF", {**NO_IF, "interfaces__described_in_repo": 1}, "no",
     []),
    ("contract without contractor", {"operating__maintenance_type": "contract",
                                     "operating__reachable_contacts": 0}, "no", ["SI-OP"]),
    ("missing maintenance", {"operating__maintenance_type": "missing"}, "no", ["SI-OP"]),
    # Issue 20, class 8: no publiccode.yml says nothing about upkeep; the repository does.
    ("undeclared but committed to", {"operating__maintenance_type": None,
                                     "activity__commits_365d": 40}, "no", []),
    ("undeclared, activity unknown: unjudged", {"operating__maintenance_type": None}, "no", []),
    ("undeclared and no commit in a year", {"operating__maintenance_type": None,
                                            "activity__commits_365d": 0}, "no", ["SI-OP"]),
    ("single user after a year", {**SINGLE, **NO_IF}, "risk", ["SI-IF", "SI-SU"]),
    ("single user in its first year is early, not silo",
     {**SINGLE, "activity__age_days": 200, **NO_IF}, "no", ["SI-IF"]),
    ("a claimed user clears single user", {**SINGLE, "adoption__other_orgs_claimed": 1}, "no", []),
    ("unknown age does not fire", {**SINGLE, "activity__age_days": None}, "no", []),
    ("abandoned", {**IDLE, **NO_IF}, "risk", ["SI-IF", "SI-AB"]),
    ("archived is abandoned", {"activity__archived": True, **NO_OP}, "risk", ["SI-OP", "SI-AB"]),
    ("stable, maintained and widely used is exempt",
     {**IDLE, **NO_IF, "adoption__other_orgs_verified": 2}, "no", ["SI-IF", "SI-AB"]),
    ("exemption needs maintenance",
     {**IDLE, **NO_IF, **NO_OP, "adoption__other_orgs_verified": 2}, "silo",
     ["SI-IF", "SI-OP", "SI-AB"]),
    ("exemption needs a stable status",
     {**IDLE, **NO_IF, "adoption__other_orgs_verified": 2,
      "solution__development_status": "beta"}, "risk", ["SI-IF", "SI-AB"]),
    ("unknown activity does not fire", {"activity__days_since_activity": None}, "no", []),
    ("no install guide and no docs", {"docs__install": "none", "docs__documentation": False},
     "no", ["SI-DOC"]),
    ("unknown docs do not fire", {"docs__readme": None, "docs__install": None}, "no", []),
    ("licence plus all others", {**CLOSED, **NO_IF, **NO_OP, **SINGLE, **IDLE, **NO_DOC}, "silo",
     ["SI-LIC", "SI-IF", "SI-OP", "SI-SU", "SI-AB", "SI-DOC"]),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "status", "fired"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_silo_table(changes: dict[str, Any], status: str, fired: list[str]) -> None:
    verdict, reasons = silo_flag(fact_set(**{**CLEAN, **changes}), CONFIG)
    assert verdict == status
    assert [r.id for r in reasons] == fired


def test_exemption_is_listed_with_its_reason() -> None:
    changes = {**IDLE, "adoption__other_orgs_verified": 3}
    _, reasons = silo_flag(fact_set(**{**CLEAN, **changes}), CONFIG)
    (abandoned,) = reasons
    assert abandoned.exempt and "exempt" in abandoned.observed and "3" in abandoned.observed
    assert abandoned.to_json()["exempt"] is True


def test_reasons_carry_evidence_and_texts_to_clear_them() -> None:
    _, reasons = silo_flag(fact_set(**{**CLEAN, **CLOSED}), CONFIG)
    assert reasons[0].evidence[0].path == "licence.expression"
    assert "LicenseRef-proprietary" in reasons[0].observed
    assert default_rubric().indicator("SI-LIC").clear.de


def test_silo_is_independent_of_a_high_score() -> None:
    facts = fact_set(**{**CLEAN, **CLOSED, "adoption__other_orgs_verified": 9})
    outcome = score(facts, now=NOW)
    assert outcome.silo == "silo" and outcome.level is None


@pytest.mark.parametrize(("changes", "status", "fired"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_every_observation_is_said_in_german(changes: dict[str, Any], status: str,
                                             fired: list[str]) -> None:  # fmt: skip
    """Issue 21: the page shows what an indicator saw in the reader's language."""
    _, reasons = silo_flag(fact_set(**{**CLEAN, **changes}), CONFIG)
    for reason in reasons:
        said = observed_text(reason.observed)
        assert said["en"] == reason.observed
        words = set(re.findall(r"[a-z]{2,}", said["de"]))
        english = {"no", "not", "and", "for", "after", "without", "other", "days", "exempt"}
        assert said["de"] != reason.observed and not words & english, said


def test_exemption_and_maintenance_type_in_german() -> None:
    said = observed_text("no commit or release for 400 days; exempt: stable, maintained, "
                         "used by 3 other organisations")  # fmt: skip
    assert said["de"] == ("seit 400 Tagen kein Commit und kein Release; ausgenommen: stabil, "
                          "gewartet, von 3 anderen Organisationen genutzt")  # fmt: skip
    assert observed_text("maintenance type: none")["de"] == "Wartungsart: keine"
    assert observed_text("something new")["de"] == "something new"  # unknown: as stored
