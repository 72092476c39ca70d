"""Edit forms choose from what the registry knows: the domain from the domains, standards
from the catalogue (an unknown one only as an explicit choice), providers from existing
organisations (a new one as a step of its own); offers carry "until"; saving says so.
Adoption declarations show the version and, with consent, the contact (issue 17).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, SolutionDraft
from registry.entries import OrganisationRef
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
PASSWORD = "a long enough password"


@dataclass
class World:
    settings: Settings
    tokens: dict[str, str]


@pytest.fixture
def world(fresh_settings: Settings) -> World:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality",
                                 email="it@stadt-a.example"))  # fmt: skip
        session.add(Organisation(slug="stadt-b", name="Stadt B", kind="municipality"))
        session.add(Organisation(slug="kommunalit", name="KommunalIT", kind="it-provider"))
        session.flush()
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Abfallkalender", url="https://git.example.org/a/abfall",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"), domains=("participation",),
        ))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a", password=PASSWORD)
        accounts.create("b@example.org", role="member", organisation="stadt-b", password=PASSWORD)
        tokens = {e: accounts.issue_token(e, scope="publish").token
                  for e in ("a@example.org", "b@example.org")}  # fmt: skip
    return World(fresh_settings, tokens)


@pytest.fixture
def client(world: World) -> Iterator[Client]:
    with TestClient(app=create_app(world.settings)) as test_client:
        yield test_client


def _sign_in(client: Client, email: str) -> None:
    token = csrf(client.get("/login").text)
    done = client.post("/login", data={"email": email, "password": PASSWORD, "_csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303


def _form(html: str) -> dict[str, str]:
    """The edit form as a browser would send it untouched (inputs, ticked boxes, selects)."""
    form = html[html.index('action="/solutions/abfallkalender/edit" method="post"') :]
    form = form[: form.index("</form>")]
    values = {"_csrf_token": csrf(form)}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name.group(1) == "_csrf_token":
            continue
        if 'type="checkbox"' in tag and " checked" not in tag:
            continue
        values[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', form,
                                 flags=re.S):  # fmt: skip
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        first = re.search(r'<option value="([^"]*)"', body)
        values[name] = chosen.group(1) if chosen else (first.group(1) if first else "")
    return values


def test_the_domain_is_chosen_from_the_domains(client: Client, world: World) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/abfallkalender/edit?lang=de").text
    assert "Handlungsfeld" in page
    assert 'name="domain-participation" value="1" aria-describedby="domains-hint" checked' in page
    form = _form(page)
    del form["domain-participation"]
    form["domain-environment"] = "1"
    saved = client.post("/solutions/abfallkalender/edit?lang=de", data=form)
    assert saved.status_code == 200 and "Ihre Änderungen sind gespeichert." in saved.text
    assert client.get("/api/v1/solutions/abfallkalender").json()["domains"] == ["environment"]
    assert "Umwelt" in client.get("/domains/environment").text
    assert "Abfallkalender" not in client.get("/domains/participation").text
    auth = {"Authorization": f"Bearer {world.tokens['a@example.org']}"}
    api = client.patch(
        "/api/v1/solutions/abfallkalender", json={"domains": ["waste"]}, headers=auth
    )
    assert api.status_code == 422 and "domains[0]" in api.text
    assert client.get("/api/v1/solutions/abfallkalender").json()["domains"] == ["environment"]


def test_an_unknown_standard_is_an_explicit_choice(client: Client, world: World) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/abfallkalender/edit?lang=de").text
    assert '<datalist id="standard-choices"' in page and '<option value="OParl">' in page
    form = _form(page) | {"interfaces-0-standard": "OPral", "interfaces-0-role": "provides"}
    refused = client.post("/solutions/abfallkalender/edit?lang=de", data=form)
    assert refused.status_code == 422
    assert "„OPral“ steht nicht im Standardkatalog" in refused.text
    assert "not in the standards catalogue" not in refused.text  # one language per page
    assert 'href="#interfaces-0-standard"' in refused.text
    assert client.get("/api/v1/solutions/abfallkalender").json()["interfaces"] == []
    form["_csrf_token"] = csrf(refused.text)
    saved = client.post("/solutions/abfallkalender/edit", data=form | {
        "interfaces-0-uncatalogued": "1", "interfaces-1-standard": "oparl"})  # fmt: skip
    assert saved.status_code == 200
    interfaces = client.get("/api/v1/solutions/abfallkalender").json()["interfaces"]
    assert sorted((i["name"], bool(i.get("standard"))) for i in interfaces) == [
        ("OPral", False), ("oparl", True)]  # fmt: skip
    again = client.get("/solutions/abfallkalender/edit").text
    assert 'name="interfaces-0-uncatalogued" value="1" checked' in again  # the choice is kept
    auth = {"Authorization": f"Bearer {world.tokens['a@example.org']}"}
    url = "/api/v1/solutions/abfallkalender"
    bad = client.patch(url, json={"interfaces": [{"standard": "Hausformat"}]}, headers=auth)
    assert bad.status_code == 422 and "interfaces[0].standard" in bad.text
    ok = client.patch(url, json={"interfaces": [{"standard": "Hausformat", "uncatalogued": True}]},
                      headers=auth)  # fmt: skip
    assert ok.status_code == 200


def test_offers_carry_until_and_saving_is_confirmed(client: Client) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/abfallkalender/edit?lang=en").text
    assert 'id="offers-0-until" name="offers-0-until" type="date"' in page
    form = _form(page) | {"offers-0-kind": "hosted-service", "offers-0-provider": "kommunalit",
                          "offers-0-until": "2027-06-30"}  # fmt: skip
    saved = client.post("/solutions/abfallkalender/edit?lang=en", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/solutions/abfallkalender?saved=updated#saved"
    shown = client.get(saved.headers["location"].split("#")[0] + "&lang=en").text
    assert "Your changes are saved." in shown and "2027-06-30" in shown
    offer = client.get("/api/v1/solutions/abfallkalender").json()["offers"][0]
    assert offer["until"] == "2027-06-30"
    provider = client.get("/organisations/kommunalit").text
    assert "Abfallkalender" in provider  # the offer shows on the provider's own page
    form = _form(client.get("/solutions/abfallkalender/edit").text)
    again = client.post("/solutions/abfallkalender/edit?lang=en", data=form)
    assert "Gespeichert – es hat sich nichts geändert." in again.text  # the redirect speaks German
    assert (
        "saved" not in client.get("/solutions/abfallkalender?saved=<b>").text.split("<h1>")[1][:80]
    )


def test_a_new_provider_is_an_explicit_step_after_a_search(client: Client, world: World) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/abfallkalender/edit?lang=de").text
    assert "Neue Organisation anlegen" not in page  # search first
    found = client.get("/solutions/abfallkalender/edit?lang=de&organisation_q=Entsorger").text
    assert "Nicht gefunden? Neue Organisation anlegen" in found
    assert 'id="new-org-name" name="name" maxlength="200" required value="Entsorger"' in found
    form = {"_csrf_token": csrf(found), "name": "KommunalIT", "kind": "it-provider"}
    taken = client.post("/solutions/abfallkalender/organisations?lang=de", data=form)
    assert taken.status_code == 409 and "„KommunalIT“ (kommunalit) ist schon im Register" in (
        taken.text
    ) and "kommunalit wählen" in taken.text  # fmt: skip
    form |= {"name": "Entsorger GmbH", "kind": "company", "website": "https://entsorger.example"}
    made = client.post("/solutions/abfallkalender/organisations", data=form,
                       follow_redirects=False)  # fmt: skip
    assert made.status_code == 303
    back = client.get(made.headers["location"].split("#")[0] + "&lang=de").text
    assert "Die Organisation ist angelegt (nicht bestätigt)" in back and "entsorger-gmbh" in back
    with committed(world.settings) as session:
        org = session.scalars(select(Organisation).where(Organisation.slug == "entsorger-gmbh"))
        assert org.one().verified is False
    unknown = _form(back) | {"offers-0-kind": "support", "offers-0-provider": "Niemand AG"}
    refused = client.post("/solutions/abfallkalender/edit?lang=de", data=unknown)
    assert refused.status_code == 422  # an edit never creates one
    _sign_in(client, "b@example.org")  # not a member of the publisher
    other = client.post(
        "/solutions/abfallkalender/organisations",
        data={
            "_csrf_token": csrf(client.get("/account").text),
            "name": "Fremd AG",
            "kind": "company",
        },
    )
    assert other.status_code == 403


def test_adopters_show_version_and_the_contact_only_with_consent(
    client: Client, world: World
) -> None:
    _sign_in(client, "b@example.org")
    page = client.get("/solutions/abfallkalender/adopt?lang=de").text
    form = {"_csrf_token": csrf(page), "organisation": "stadt-b", "role": "uses",
            "version": "2.4", "public_contact": "Frau Muster, muster@stadt-b.example"}  # fmt: skip
    refused = client.post("/solutions/abfallkalender/adopt?lang=de", data=form)
    assert refused.status_code == 422 and 'href="#contact_consent"' in refused.text
    assert 'value="Frau Muster, muster@stadt-b.example"' in refused.text  # nothing typed lost
    assert client.get("/api/v1/solutions/abfallkalender/adoptions").json() == []
    form["public_contact"] = "muster@stadt-b.example"
    done = client.post("/solutions/abfallkalender/adopt?lang=de",
                       data=form | {"contact_consent": "1"})  # fmt: skip
    assert (
        done.status_code == 200 and "Ihre Erklärung zur Nachnutzung ist gespeichert." in done.text
    )
    adopters = done.text[done.text.index('id="adopters"') :]
    assert "Version im Einsatz</dt><dd>2.4" in adopters
    assert "Ansprechperson</dt><dd>muster@stadt-b.example" in adopters
    assert 'href="mailto:muster@stadt-b.example" rel="nofollow">Stadt B fragen' in adopters
    auth = {"Authorization": f"Bearer {world.tokens['b@example.org']}"}
    api = "/api/v1/solutions/abfallkalender/adoptions"
    body = {"organisation": "stadt-b", "role": "operates", "public_contact": "Herr X"}
    assert client.post(api, json=body, headers=auth).status_code == 422
    made = client.post(api, json=body | {"contact_consent": True, "version": "2.5"}, headers=auth)
    assert made.status_code == 201 and made.json()["public_contact"] == "Herr X"
    listed = {a["role"]: a for a in client.get(api).json()}
    assert listed["operates"]["version"] == "2.5" and listed["uses"]["version"] == "2.4"


def test_ask_goes_to_the_organisations_address_without_a_contact(client: Client) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/abfallkalender/adopt?lang=en").text
    client.post("/solutions/abfallkalender/adopt", data={
        "_csrf_token": csrf(page), "organisation": "stadt-a", "role": "uses"})  # fmt: skip
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    shown = client.get("/solutions/abfallkalender?lang=en").text
    adopters = shown[shown.index('id="adopters"') :]
    assert 'href="mailto:it@stadt-a.example" rel="nofollow">Ask Stadt A' in adopters
    assert "Contact person" not in adopters
