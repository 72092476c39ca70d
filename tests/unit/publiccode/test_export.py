"""``from_draft``: a current-version file that our validator accepts."""

from __future__ import annotations

from datetime import date

import yaml

from registry.entries import (
    ContactDraft,
    DependencyDraft,
    InterfaceDraft,
    OrganisationRef,
    SolutionDraft,
    TextDraft,
)
from registry.publiccode import from_draft, to_draft, validate

LONG = "Eine Anwendung für die Beteiligung der Bürgerinnen und Bürger an der Planung.\n" * 3


def _draft() -> SolutionDraft:
    return SolutionDraft(
        name="Mitreden",
        url="https://git.example.org/town/mitreden.git",
        texts={
            "de": TextDraft(
                short_description="Beteiligung online",
                long_description=LONG,
                features=("Umfragen",),
                generic_name="Beteiligung",
            )
        },
        categories=("survey", "not-a-category"),
        platforms=("web",),
        software_type="standalone/web",
        development_status="beta",
        licence="AGPL-3.0-or-later",
        publisher=OrganisationRef(name="Stadt Beispiel", identifier="https://beispiel.de"),
        maintenance_type="internal",
        contacts=(
            ContactDraft(name="Max Muster", email="max@beispiel.de"),
            ContactDraft(name="Old Firm", role="contractor", until=date(2020, 1, 1)),
        ),
        dependencies=(DependencyDraft(kind="open", name="Redis", optional=True),),
        interfaces=(
            InterfaceDraft(standard="spid"),
            InterfaceDraft(standard="oparl"),
            InterfaceDraft(standard="https://example.org/spec"),
        ),
        release_date=date(2024, 5, 6),
        software_version="1.0",
    )


def test_export_is_valid_current_version() -> None:
    text = from_draft(_draft())
    report = validate(text.encode())

    assert report.outcome == "accept", report.issues
    assert report.version == "0.7"
    doc = yaml.safe_load(text)
    assert doc["publiccodeYmlVersion"] == "0.7"
    assert doc["categories"] == ["survey"]
    assert doc["organisation"] == {"uri": "https://beispiel.de", "name": "Stadt Beispiel"}
    assert doc["releaseDate"] == "2024-05-06"  # quoted, so YAML 1.1 readers get a string too
    assert "genericName" not in doc["description"]["de"]
    assert doc["description"]["de"]["longDescription"] == LONG
    assert doc["supports"] == [{"id": "alias:spid"}, {"id": "https://example.org/spec"}]
    assert doc["localisation"] == {"localisationReady": False, "availableLanguages": ["de"]}


def test_contractors_only_under_contract() -> None:
    internal = yaml.safe_load(from_draft(_draft()))["maintenance"]
    assert internal == {
        "type": "internal",
        "contacts": [{"name": "Max Muster", "email": "max@beispiel.de"}],
    }

    contract = yaml.safe_load(from_draft(_replace_type(_draft(), "contract")))["maintenance"]
    assert contract["contractors"] == [{"name": "Old Firm", "until": "2020-01-01"}]


def _replace_type(draft: SolutionDraft, kind: str) -> SolutionDraft:
    from dataclasses import replace

    return replace(draft, maintenance_type=kind)


def test_round_trip_of_a_constructed_draft() -> None:
    before = _draft()
    after = to_draft(validate(from_draft(before).encode()).document or {})
    assert after.licence == before.licence
    assert after.dependencies == before.dependencies
    assert after.contacts == before.contacts[:1]  # the contractor needs type: contract
    assert after.texts["de"].long_description == LONG.strip()


def test_missing_mandatory_facts_are_not_invented() -> None:
    report = validate(from_draft(SolutionDraft(name="Bare")).encode())
    keys = {issue.key for issue in report.errors}
    assert {"url", "legal.license", "maintenance.type", "description"} <= keys
