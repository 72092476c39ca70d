"""Badges: accessible, escaped SVG; shields.io endpoint JSON with the explanation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from registry.scoring import build_facts, explain_result, score
from registry.scoring.badge import badge_data, badge_svg, shields_only
from tests.unit.scoring._helpers import NOW, healthy_entry

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_accessible_and_escaped() -> None:
    svg = badge_svg("reuse", 'a<b>&"c', "#123456")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == 'reuse: a<b>&"c'
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'reuse: a<b>&"c'
    assert "<b>" not in svg
    assert 'fill="#555555"' in badge_svg("x", "y", "red;stroke:url(javascript:1)")


def test_badge_data_has_shields_fields_and_explanation() -> None:
    outcome = score(build_facts(healthy_entry(), now=NOW), now=NOW)
    data = badge_data(explain_result(outcome.to_json(), "de"), "de")
    assert data["schemaVersion"] == 1 and data["label"] == "Nachnutzbarkeit"
    assert data["message"] == "65/100 · Nachnutzbar" and data["silo"] == "no"
    assert len(data["checks"]) == len(outcome.checks) and data["checks"][0]["rule"]
    assert set(shields_only(data)) == {"schemaVersion", "label", "message", "color",
                                       "cacheSeconds"}  # fmt: skip


def test_silo_and_risk_messages() -> None:
    silo = score(build_facts(healthy_entry(licence="LicenseRef-own"), now=NOW), now=NOW)
    assert badge_data(silo.to_json(), "en")["message"] == "silo"
    risky = healthy_entry(interfaces=[], maintenance_type="none")
    risk = score(build_facts(risky, now=NOW), now=NOW)
    assert risk.silo == "risk"
    assert badge_data(risk.to_json(), "en")["message"].endswith("silo risk")
