"""Edits never create organisations (issue 14, finding 15).

The attack: a member sent 18 edits, each naming a provider or funder the registry did not
hold. Every one became an unverified organisation (18 junk organisations, one of them a
second "Dataport" beside the real provider). Now a provider or funder is chosen from the
organisations that exist (slug, identifier or exact name, any case); anything else is a
422 naming the field, in German and English, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

ENTRY = "/api/v1/solutions/ratsinfo"
PASSWORD = "a long enough password"


@dataclass
class World:
    settings: Settings
    client: TestClient  # type: ignore[type-arg]
    auth: dict[str, str]

    def organisations(self) -> list[str]:
        with committed(self.settings) as session:
            return sorted(session.scalars(select(Organisation.slug)))

    def count(self) -> int:
        with committed(self.settings) as session:
            return int(session.scalar(select(func.count()).select_from(Organisation)) or 0)


@pytest.fixture
def world(fresh_settings: Settings) -> Iterator[World]:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add_all([
            Organisation(slug="stadt-a", name="Stadt A", kind="municipality"),
            Organisation(slug="dataport", name="Dataport AöR", kind="it-provider",
                         identifier="urn:x-de:dataport", verified=True),
            Organisation(slug="bmwsb", name="BMWSB", kind="federal"),
        ])  # fmt: skip
        session.flush()
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a", password=PASSWORD)
        token = accounts.issue_token("a@example.org", scope="publish").token
    with TestClient(app=create_app(fresh_settings)) as client:
        yield World(fresh_settings, client, {"Authorization": f"Bearer {token}"})


#: The 18 edits of the attack: new names, and one spelling of a provider already there.
ATTACK = [
    *({"offers": [{"kind": "support-contract", "provider": f"Junk Provider {i}"}]}
      for i in range(8)),
    *({"funding": [{"funder": {"name": f"Junk Funder {i}"}, "programme": "P"}]}
      for i in range(8)),
    {"offers": [{"kind": "hosted-service", "provider": "Dataport GmbH"}]},
    {"offers": [{"kind": "self-hosting"},
                {"kind": "hosted-service", "provider": {"name": "Neu", "slug": "neu"}}]},
]  # fmt: skip


def test_eighteen_edits_with_new_names_leave_no_new_organisation(world: World) -> None:
    before = world.organisations()
    entry = world.client.get(ENTRY).json()
    assert len(ATTACK) == 18
    for patch in ATTACK:
        answer = world.client.patch(ENTRY, json=patch, headers=world.auth)
        assert answer.status_code == 422, answer.text
        problem = answer.json()
        assert problem["field"] in {"offers[0].provider", "funding[0].funder",
                                    "offers[1].provider"}  # fmt: skip
        assert "keine Organisation im Register" in problem["detail"]
        assert "not an organisation in the registry" in problem["detail"]
        assert "POST /api/v1/organisations" in problem["detail"]
    assert world.organisations() == before
    assert world.client.get(ENTRY).json() == entry


def test_the_edit_form_refuses_a_new_name_and_says_so_in_the_readers_language(
    world: World,
) -> None:
    client = world.client
    login = client.get("/login").text
    csrf = re.search(r'name="_csrf_token" value="([^"]+)"', login)
    assert csrf
    sign_in = {"email": "a@example.org", "password": PASSWORD, "_csrf_token": csrf.group(1)}
    signed = client.post("/login", data=sign_in, follow_redirects=False)
    assert signed.status_code == 303
    before = world.count()
    for lang, text in [("de", "ist keine Organisation im Register"),
                       ("en", "is not an organisation in the registry")]:  # fmt: skip
        page = client.get(f"/solutions/ratsinfo/edit?lang={lang}").text
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page)
        assert token
        form = {"_csrf_token": token.group(1), "offers-0-kind": "support-contract",
                "offers-0-provider": "Junk GmbH", "offers-0-region": ""}  # fmt: skip
        answer = client.post(f"/solutions/ratsinfo/edit?lang={lang}", data=form)
        assert answer.status_code == 422
        assert text in answer.text and "Junk GmbH" in answer.text
        assert 'href="#offers-0-provider"' in answer.text and 'aria-invalid="true"' in answer.text
    assert world.count() == before


@pytest.mark.parametrize("named", ["Dataport", "dataport", "DATAPORT aör", "urn:x-de:dataport",
                                   {"name": "Dataport", "slug": "dataport"}])  # fmt: skip
def test_an_existing_provider_named_by_its_short_name_is_linked_and_shows_on_its_page(
    world: World, named: object
) -> None:
    before = world.count()
    patch = {"offers": [{"kind": "support-contract", "provider": named}],
             "funding": [{"funder": "bmwsb", "programme": "MPSC"}]}  # fmt: skip
    answer = world.client.patch(ENTRY, json=patch, headers=world.auth)
    assert answer.status_code == 200, answer.text
    overrides = answer.json()["publisher_overrides"]
    assert overrides["offers"][0]["provider"] == {"name": "Dataport AöR", "slug": "dataport"}
    assert overrides["funding"][0]["funder"] == {"name": "BMWSB", "slug": "bmwsb"}
    assert world.count() == before
    profile = world.client.get("/api/v1/organisations/dataport").json()
    assert profile["operates"] == ["ratsinfo"]
    assert world.client.get("/api/v1/organisations/bmwsb").json()["funds"] == ["ratsinfo"]
    page = world.client.get("/organisations/dataport?lang=en").text
    operates = page[page.index('id="operates"') :]
    assert 'href="/solutions/ratsinfo"' in operates.split("</ul>")[0]


def test_a_re_import_keeps_the_chosen_provider_and_creates_nothing(world: World) -> None:
    patch = {"offers": [{"kind": "support-contract", "provider": "Dataport"}]}
    assert world.client.patch(ENTRY, json=patch, headers=world.auth).status_code == 200
    before = world.organisations()
    with committed(world.settings) as session:
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
    assert world.organisations() == before
    assert world.client.get("/api/v1/organisations/dataport").json()["operates"] == ["ratsinfo"]


def test_a_name_two_organisations_share_asks_for_the_slug(world: World) -> None:
    with committed(world.settings) as session:
        session.add_all(
            Organisation(slug=slug, name="IT-Dienst", kind="company")
            for slug in ("it-nord", "it-sued")
        )
    patch = {"offers": [{"kind": "support-contract", "provider": "IT-Dienst"}]}
    answer = world.client.patch(ENTRY, json=patch, headers=world.auth)
    assert answer.status_code == 422
    assert answer.json()["field"] == "offers[0].provider"
    assert "it-nord" in answer.json()["detail"] and "it-sued" in answer.json()["detail"]
    patch["offers"][0]["provider"] = "it-sued"
    assert world.client.patch(ENTRY, json=patch, headers=world.auth).status_code == 200
