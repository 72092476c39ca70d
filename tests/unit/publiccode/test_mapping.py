"""``to_draft``: what each publiccode.yml key becomes in our domain."""

from __future__ import annotations

from datetime import date

from registry.entries import (
    AdoptionDraft,
    ContactDraft,
    DependencyDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
)
from registry.publiccode import to_draft, validate

LONG = "A municipal tool for planning permits, written by and for towns. " * 4

SAMPLE = f"""
publiccodeYmlVersion: "0"
name: Permits
url: https://git.example.org/town/permits.git
landingURL: https://permits.example.org
isBasedOn: https://git.example.org/upstream/permits.git
softwareVersion: "2.1"
releaseDate: 2025-03-01
logo: logo.svg
organisation:
  uri: https://www.example-town.de
  name: Example Town
platforms: [web, linux]
categories: [geographic-information-systems, document-management]
usedBy: [City of Elsewhere]
fundedBy:
  - uri: urn:x-example:fund:1
    name: Digital Fund
developmentStatus: stable
softwareType: standalone/web
supports:
  - id: alias:gdpr
  - id: https://oparl.org/spezifikation/1.1
intendedAudience:
  scope: [local-authorities, transportation]
  countries: [DE, AT]
description:
  de:
    localisedName: Bauanträge
    shortDescription: Bauanträge online
    longDescription: "{LONG}"
    apiDocumentation: https://permits.example.org/api
    features: [Anträge, Bescheide]
  en:
    shortDescription: Building permits online
    longDescription: "{LONG}"
    features: [Applications]
legal:
  license: EUPL-1.2
  mainCopyrightOwner: Example Town
maintenance:
  type: contract
  contractors:
    - name: Acme GmbH
      until: "2027-12-31"
      email: support@acme.example.com
      website: https://acme.example.com
  contacts:
    - name: Jane Doe
      email: jane@example-town.de
      phone: "+49 30 1234"
localisation:
  localisationReady: true
  availableLanguages: [de, en]
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: "13"
  proprietary:
    - name: Oracle Forms
      optional: true
  hardware:
    - name: Card reader
"""


def _draft():  # type: ignore[no-untyped-def]
    report = validate(SAMPLE.encode())
    assert report.outcome == "accept", report.issues
    assert report.document is not None
    return to_draft(report.document)


def test_identity_and_texts() -> None:
    draft = _draft()
    assert draft.name == "Permits"
    assert draft.url == "https://git.example.org/town/permits.git"
    assert draft.landing_url == "https://permits.example.org"
    assert draft.logo == "logo.svg"
    assert set(draft.texts) == {"de", "en"}
    assert draft.texts["de"].localised_name == "Bauanträge"
    assert draft.texts["de"].features == ("Anträge", "Bescheide")
    assert draft.texts["en"].short_description == "Building permits online"
    assert draft.languages == ("de", "en")
    assert draft.countries == ("DE", "AT")
    assert draft.platforms == ("web", "linux")


def test_classification_and_domains() -> None:
    draft = _draft()
    assert draft.categories == ("geographic-information-systems", "document-management")
    assert draft.scopes == ("local-authorities", "transportation")
    assert draft.domains == ("geodata", "administration", "mobility")
    assert draft.software_type == "standalone/web"
    assert draft.development_status == "stable"


def test_licence_publisher_and_release() -> None:
    draft = _draft()
    assert draft.licence == "EUPL-1.2"
    assert draft.licence_source == "declared"
    assert draft.main_copyright_owner == "Example Town"
    assert draft.publisher == OrganisationRef(
        name="Example Town", identifier="https://www.example-town.de"
    )
    assert draft.software_version == "2.1"
    assert draft.release_date == date(2025, 3, 1)
    assert draft.releases == (ReleaseDraft(version="2.1", date=date(2025, 3, 1)),)
    assert draft.is_based_on == ("https://git.example.org/upstream/permits.git",)


def test_maintenance_becomes_contacts_and_offers() -> None:
    draft = _draft()
    assert draft.maintenance_type == "contract"
    assert draft.contacts == (
        ContactDraft(name="Jane Doe", email="jane@example-town.de", phone="+49 30 1234"),
        ContactDraft(
            name="Acme GmbH",
            role="contractor",
            email="support@acme.example.com",
            website="https://acme.example.com",
            until=date(2027, 12, 31),
        ),
    )
    assert draft.offers == (
        OfferDraft(
            kind="support-contract",
            provider=OrganisationRef(name="Acme GmbH", website="https://acme.example.com"),
            until=date(2027, 12, 31),
        ),
    )


def test_community_maintenance_is_a_community_offer() -> None:
    document = {"maintenance": {"type": "community", "contacts": [{"name": "Jane Doe"}]}}
    draft = to_draft(document)
    assert draft.maintenance_type == "community"
    assert draft.offers == (OfferDraft(kind="community-support"),)
    assert draft.contacts == (ContactDraft(name="Jane Doe"),)


def test_dependencies_interfaces_funding_adoptions() -> None:
    draft = _draft()
    assert draft.dependencies == (
        DependencyDraft(kind="open", name="PostgreSQL", version_min="13"),
        DependencyDraft(kind="proprietary", name="Oracle Forms", optional=True),
        DependencyDraft(kind="hardware", name="Card reader"),
    )
    standards = [(i.standard, i.evidence_level, i.evidence) for i in draft.interfaces]
    assert standards == [
        ("https://permits.example.org/api", "declared", "publiccode.yml"),
        ("gdpr", "declared", "publiccode.yml"),
        ("https://oparl.org/spezifikation/1.1", "declared", "publiccode.yml"),
    ]
    assert draft.interfaces[1].details["supports_id"] == "alias:gdpr"
    assert [f.funder for f in draft.funding] == [
        OrganisationRef(name="Digital Fund", identifier="urn:x-example:fund:1")
    ]
    assert draft.adoptions == (
        AdoptionDraft(
            organisation=OrganisationRef(name="City of Elsewhere"),
            verified=False,
            claim_text="City of Elsewhere",
        ),
    )


def test_deprecated_italian_keys_still_name_the_publisher() -> None:
    document = {
        "name": "X",
        "legal": {"repoOwner": "Comune di Roma"},
        "IT": {"riuso": {"codiceIPA": "c_h501"}, "piattaforme": {"spid": True, "cie": False}},
    }
    draft = to_draft(document)
    assert draft.publisher == OrganisationRef(
        name="Comune di Roma", identifier="urn:x-italian-pa:c_h501"
    )
    assert [i.standard for i in draft.interfaces] == ["spid"]


def test_wrongly_typed_values_are_ignored_not_guessed() -> None:
    draft = to_draft({"name": ["x"], "categories": "cad", "maintenance": "none", "usedBy": 3})
    assert draft.name == ""
    assert draft.categories == ("cad",)
    assert draft.maintenance_type is None
    assert draft.adoptions == ()
