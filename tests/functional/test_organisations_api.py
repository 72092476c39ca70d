"""Adding an organisation is its own checked, rate-limited step; editors search and choose.

``POST /api/v1/organisations``: a readable name, a kind from the vocabulary, no duplicate
by name, slug, identifier or website (409 naming the existing one), 20 a day per
account. ``GET /api/v1/organisations?q=`` finds organisations by name, slug or identifier.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

ORGS = "/api/v1/organisations"


@dataclass
class World:
    client: TestClient  # type: ignore[type-arg]
    tokens: dict[str, str]

    def post(self, body: dict[str, object], who: str = "a") -> tuple[int, dict[str, object]]:
        answer = self.client.post(
            ORGS, json=body, headers={"Authorization": f"Bearer {self.tokens[who]}"}
        )
        return answer.status_code, answer.json()


@pytest.fixture
def world(fresh_settings: Settings) -> Iterator[World]:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add_all([
            Organisation(slug="stadt-a", name="Stadt A", kind="municipality"),
            Organisation(slug="dataport", name="Dataport AöR", kind="it-provider",
                         identifier="urn:x-de:dataport", website="https://www.dataport.de/",
                         verified=True),
            Organisation(slug="pct-50", name="Fünfzig % Software", kind="company"),
        ])  # fmt: skip
        session.flush()
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a")
        accounts.create("a2@example.org", role="member", organisation="stadt-a")
        accounts.create("funder@example.org", role="funder")
        tokens = {key: accounts.issue_token(email, scope="publish").token
                  for key, email in [("a", "a@example.org"), ("a2", "a2@example.org"),
                                     ("funder", "funder@example.org")]}  # fmt: skip
    with TestClient(app=create_app(fresh_settings)) as client:
        yield World(client, tokens)


def test_a_member_adds_an_organisation_and_then_chooses_it_in_an_edit(world: World) -> None:
    new = {"name": "  KommunalIT   GmbH ", "kind": "it-provider", "identifier": "HRB 4711x",
           "website": "https://kommunal-it.example"}  # fmt: skip
    status, body = world.post(new)
    assert status == 422 and body["field"] == "identifier"  # no spaces in an identifier
    status, body = world.post({**new, "identifier": "hrb-4711"})
    assert status == 201, body
    assert (body["slug"], body["name"], body["verified"]) == ("kommunalit-gmbh", "KommunalIT GmbH",
                                                              False)  # fmt: skip
    found = world.client.get(ORGS, params={"q": "kommunal"}).json()["data"]
    assert [(o["slug"], o["identifier"], o["verified"]) for o in found] == [
        ("kommunalit-gmbh", "hrb-4711", False)
    ]
    patch = {"offers": [{"kind": "support-contract", "provider": "hrb-4711"}]}
    auth = {"Authorization": f"Bearer {world.tokens['a']}"}
    edited = world.client.patch("/api/v1/solutions/ratsinfo", json=patch, headers=auth)
    assert edited.status_code == 200, edited.text
    assert world.client.get(f"{ORGS}/kommunalit-gmbh").json()["operates"] == ["ratsinfo"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "dataport aör", "kind": "company"}, "name"),
        ({"name": "Dataport", "kind": "company"}, "name"),  # the slug it would get
        ({"name": "Dataport Nord", "kind": "company", "identifier": "urn:x-de:dataport"},
         "identifier"),
        ({"name": "Dataport Nord", "kind": "company", "website": "http://dataport.de"},
         "website"),
    ],
)  # fmt: skip
def test_a_duplicate_is_a_conflict_naming_the_existing_organisation(
    world: World, body: dict[str, object], field: str
) -> None:
    status, problem = world.post(body)
    assert status == 409, problem
    assert problem["field"] == field
    assert "Dataport AöR" in str(problem["detail"]) and "(dataport)" in str(problem["detail"])
    assert [o["slug"] for o in world.client.get(ORGS, params={"q": "dataport"}).json()["data"]] == [
        "dataport"
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "ab", "kind": "company"}, "name"),
        ({"name": "x" * 201, "kind": "company"}, "name"),
        ({"name": "Neu\u0007GmbH", "kind": "company"}, "name"),
        ({"name": "!!!", "kind": "company"}, "name"),
        ({"name": "Neue GmbH", "kind": "cartel"}, "kind"),
        ({"name": "Neue GmbH", "kind": "company", "website": "javascript:alert(1)"}, "website"),
    ],
)  # fmt: skip
def test_a_bad_organisation_names_the_field(
    world: World, body: dict[str, object], field: str
) -> None:
    status, problem = world.post(body)
    assert status == 422, problem
    assert problem["field"] == field


def test_only_members_and_admins_add_organisations(world: World) -> None:
    assert world.client.post(ORGS, json={"name": "Neu", "kind": "company"}).status_code == 401
    status, problem = world.post({"name": "Neue GmbH", "kind": "company"}, "funder")
    assert status == 403 and problem["field"] == "role"


def test_the_twenty_first_organisation_in_a_day_is_refused(world: World) -> None:
    for i in range(20):
        status, body = world.post({"name": f"Anbieter Nummer {i}", "kind": "company"})
        assert status == 201, body
    auth = {"Authorization": f"Bearer {world.tokens['a']}"}
    answer = world.client.post(ORGS, json={"name": "Anbieter Nummer 20", "kind": "company"},
                               headers=auth)  # fmt: skip
    assert answer.status_code == 429
    assert int(answer.headers["retry-after"]) > 3600
    assert world.client.get(ORGS, params={"q": "Nummer 20"}).json()["data"] == []
    # the limit is the account's: another member of the same organisation may still add one
    assert world.post({"name": "Anbieter Nummer 20", "kind": "company"}, "a2")[0] == 201


def test_search_matches_name_slug_and_identifier_and_takes_wildcards_literally(
    world: World,
) -> None:
    def slugs(q: str) -> list[str]:
        answer = world.client.get(ORGS, params={"q": q})
        assert answer.status_code == 200, answer.text
        return [o["slug"] for o in answer.json()["data"]]

    assert slugs("DATAPORT") == ["dataport"]
    assert slugs("x-de:data") == ["dataport"]
    assert slugs("stadt-") == ["stadt-a"]
    assert slugs("%") == ["pct-50"]  # a literal percent sign, not "everything"
    assert slugs("_") == []
    assert len(slugs("")) == 3
    assert world.client.get(ORGS, params={"q": "x" * 201}).status_code == 400
