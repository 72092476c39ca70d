"""The public history never shows who the editors are (issue 14, finding 14).

The attack: open an entry's history, as an anonymous visitor or as a member of another
organisation, and read the e-mail addresses of the people who edited it, internal row
ids and raw JSON. They see the organisation and role instead; the publisher's own
members (and registry admins) still see the person.
"""

from __future__ import annotations

import re
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

PASSWORD = "correct horse battery staple 42"
EDITOR = "anna.editor@stadt-a.example"
URL = "/api/v1/solutions/ratsinfo"


@dataclass
class World:
    settings: Settings
    tokens: dict[str, str]


@pytest.fixture
def world(fresh_settings: Settings) -> World:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        for slug, name in (("stadt-a", "Stadt A"), ("stadt-b", "Stadt B")):
            session.add(Organisation(slug=slug, name=name, kind="municipality"))
        session.add(Organisation(slug="kommunalit", name="KommunalIT GmbH", kind="it-provider"))
        session.flush()
        CatalogueService(session).upsert_draft(
            SolutionDraft(
                name="Ratsinfo",
                url="https://git.example.org/a/ratsinfo",
                publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
            )
        )
        accounts = AccountService(session)
        accounts.create(EDITOR, role="member", organisation="stadt-a", password=PASSWORD)
        accounts.create("bert@stadt-b.example", role="member", organisation="stadt-b",
                        password=PASSWORD)  # fmt: skip
        tokens = {
            "a": accounts.issue_token(EDITOR, scope="publish").token,
            "b": accounts.issue_token("bert@stadt-b.example", scope="publish").token,
        }
    with TestClient(app=create_app(fresh_settings)) as client:
        body = {"offers": [{"kind": "support-contract", "provider": "KommunalIT GmbH"}]}
        edited = client.patch(URL, json=body, headers={"Authorization": f"Bearer {tokens['a']}"})
        assert edited.status_code == 200, edited.text
    return World(fresh_settings, tokens)


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=create_app(world.settings)) as test_client:
        yield test_client


def _sign_in(client: TestClient, email: str) -> None:  # type: ignore[type-arg]
    page = client.get("/login").text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page)
    assert token
    form = {"email": email, "password": PASSWORD, "next": "/account", "_csrf_token": token.group(1)}
    done = client.post("/login", data=form, follow_redirects=False)
    assert done.status_code == 303


def _leaks(text: str) -> list[str]:
    found = [EDITOR] if EDITOR in text else []
    found += re.findall(r"account:\S+", text)
    found += re.findall(r"\b\w+_id\b", text)
    return found


@pytest.mark.parametrize("reader", ["anonymous", "other-organisation"])
def test_anonymous_and_other_readers_see_organisation_and_role_not_the_person(
    client: TestClient,  # type: ignore[type-arg]
    reader: str,
) -> None:
    if reader == "other-organisation":
        _sign_in(client, "bert@stadt-b.example")
    page = client.get("/solutions/ratsinfo/history?lang=de")
    assert page.status_code == 200
    assert _leaks(page.text) == []
    assert "von einem Mitglied (Stadt A)" in page.text
    assert "KommunalIT GmbH" in page.text  # the change itself is public
    assert client.get("/solutions/ratsinfo/history?lang=en").text.count("by a member (Stadt A)")


@pytest.mark.parametrize("token", [None, "b"])
def test_the_history_api_names_no_person_to_anonymous_or_other_readers(
    client: TestClient,  # type: ignore[type-arg]
    world: World,
    token: str | None,
) -> None:
    headers = {"Authorization": f"Bearer {world.tokens[token]}"} if token else {}
    response = client.get(f"{URL}/history", headers=headers)
    assert response.status_code == 200
    assert _leaks(response.text) == []
    edit = response.json()[0]
    assert edit["actor"] == {"kind": "person", "system": None, "role": "member",
                             "organisations": ["Stadt A"], "email": None}  # fmt: skip


def test_the_publishers_own_members_see_who_edited(
    client: TestClient,  # type: ignore[type-arg]
    world: World,
) -> None:
    api = client.get(f"{URL}/history", headers={"Authorization": f"Bearer {world.tokens['a']}"})
    assert api.json()[0]["actor"]["email"] == EDITOR
    _sign_in(client, EDITOR)
    page = client.get("/solutions/ratsinfo/history?lang=de").text
    assert f"von einem Mitglied (Stadt A): {EDITOR}" in page
