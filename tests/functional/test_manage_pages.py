"""Members edit the operating model and declare adoptions through plain forms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, SolutionDraft
from registry.entries import OrganisationRef
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf as _csrf
from web.app import create_app

PASSWORD = "a long enough password"


@pytest.fixture
def client(fresh_settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add_all([
            Organisation(slug="stadt-a", name="Stadt A", kind="municipality"),
            Organisation(slug="stadt-b", name="Stadt B", kind="municipality"),
            Organisation(slug="kommunalit", name="KommunalIT <GmbH>", kind="it-provider"),
            Organisation(slug="bund", name="Bund", kind="federal", verified=True),
        ])  # fmt: skip
        session.flush()
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a", password=PASSWORD)
        accounts.create("b@example.org", role="member", organisation="stadt-b", password=PASSWORD)
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def _sign_in(client: TestClient, email: str) -> None:  # type: ignore[type-arg]
    token = _csrf(client.get("/login").text)
    done = client.post("/login", data={"email": email, "password": PASSWORD, "_csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303


def test_the_publisher_edits_the_operating_model(client: TestClient) -> None:  # type: ignore[type-arg]
    assert client.get("/solutions/ratsinfo/edit", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/solutions/ratsinfo/score").json()["history"] == []  # unscored
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/ratsinfo/edit?lang=de")
    assert page.status_code == 200 and "Betriebsangebote" in page.text
    form = {
        "_csrf_token": _csrf(page.text), "governance": "consortium", "maintenance_type": "contract",
        "offers-0-kind": "hosted-service", "offers-0-provider": "KommunalIT <GmbH>",
        "offers-0-docs_url": "", "offers-0-region": "BY",
        "offers-1-kind": "", "offers-1-provider": "", "offers-1-docs_url": "",
        "offers-1-region": "",
        "funding-0-funder": "Bund", "funding-0-programme": "MPSC", "funding-0-grant_reference": "",
        "interfaces-0-standard": "OParl", "interfaces-0-role": "provides",
        "alternative_to": "Proprietäres RIS\n",
    }  # fmt: skip
    saved = client.post("/solutions/ratsinfo/edit", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    entry = client.get("/api/v1/solutions/ratsinfo").json()
    assert entry["governance"] == "consortium"
    history = client.get("/api/v1/solutions/ratsinfo/score").json()["history"]
    assert len(history) == 1 and history[0]["current"] is True  # the edit rescored it
    again = client.get("/solutions/ratsinfo/edit").text
    # kept as the organisation chosen, shown by its slug; its name escaped in the choices
    assert 'value="kommunalit"' in again and "KommunalIT &lt;GmbH&gt;" in again
    assert "<GmbH>" not in again
    form["_csrf_token"] = _csrf(again)
    form["offers-0-docs_url"] = "ftp://nope"
    bad = client.post("/solutions/ratsinfo/edit", data=form, follow_redirects=False)
    assert bad.status_code == 422
    assert 'href="#offers-0-docs_url"' in bad.text and 'aria-invalid="true"' in bad.text


def test_another_organisation_cannot_edit(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, "b@example.org")
    assert client.get("/solutions/ratsinfo/edit").status_code == 403


def test_a_second_organisation_declares_its_adoption(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, "b@example.org")
    page = client.get("/solutions/ratsinfo/adopt?lang=en")
    assert page.status_code == 200 and "Stadt B" in page.text and "Stadt A" not in page.text
    form = {"_csrf_token": _csrf(page.text), "organisation": "stadt-b", "role": "operates",
            "since": "2025-01-15", "version": "3.2", "instance_url": "https://ris.stadt-b.example",
            "public_contact": ""}  # fmt: skip
    done = client.post("/solutions/ratsinfo/adopt", data=form, follow_redirects=False)
    assert done.status_code == 303
    adoptions = client.get("/api/v1/solutions/ratsinfo/adoptions").json()
    assert [(a["organisation"], a["role"], a["verified"]) for a in adoptions] == [
        ("stadt-b", "operates", True)
    ]
    form["organisation"] = "stadt-a"  # not theirs
    assert client.post("/solutions/ratsinfo/adopt", data=form).status_code == 403
    form["organisation"], form["since"] = "stadt-b", "15.01.2025"
    bad = client.post("/solutions/ratsinfo/adopt", data=form)
    assert bad.status_code == 422 and 'href="#since"' in bad.text


def test_blank_rows_with_only_a_preset_direction_are_ignored() -> None:
    from web.pages.manage import patch_from_form

    patch = patch_from_form({
        "offers-0-kind": "self-hosting", "offers-0-provider": "",
        "offers-1-kind": "", "offers-1-provider": "Nur Anbieter",
        "offers-2-kind": "", "offers-2-provider": "",
        "interfaces-0-standard": "", "interfaces-0-role": "provides",
        "funding-0-funder": "", "funding-0-programme": "",
    })  # fmt: skip
    assert patch["offers"] == [{"kind": "self-hosting"}, {"provider": "Nur Anbieter"}]
    assert patch["interfaces"] is None and patch["funding"] is None


def test_a_claim_is_confirmed_with_one_click_and_expiry_is_shown(
    client: TestClient,
    fresh_settings: Settings,  # type: ignore[type-arg]
) -> None:
    from datetime import timedelta

    from registry.catalogue import CatalogueService
    from registry.catalogue import models as m
    from registry.db import utcnow
    from registry.organisations import Organisation

    with committed(fresh_settings) as session:
        solution = CatalogueService(session).get("ratsinfo")
        stadt_b = session.query(Organisation).filter_by(slug="stadt-b").one()
        solution.adoptions.append(m.Adoption(role="uses", verified=False, claim_text="Stadt B",
                                             organisation_id=stadt_b.id))  # fmt: skip
        stadt_a = session.query(Organisation).filter_by(slug="stadt-a").one()
        solution.adoptions.append(m.Adoption(
            role="operates", verified=True, organisation_id=stadt_a.id,
            expires_at=utcnow() + timedelta(days=10),
        ))  # fmt: skip
    page = client.get("/solutions/ratsinfo?lang=de").text
    assert "Erklärung läuft am" in page and "Organisation nicht verifiziert" in page
    assert "Als Mitglied von Stadt B bestätigen" not in page  # not for anonymous visitors
    _sign_in(client, "a@example.org")  # a member of Stadt A may not confirm for Stadt B
    page = client.get("/solutions/ratsinfo?lang=de").text
    assert "Als Mitglied von Stadt B bestätigen" not in page
    with committed(fresh_settings) as session:
        claim_id = session.query(m.Adoption.id).filter_by(claim_text="Stadt B").scalar()
    action = f"/solutions/ratsinfo/claims/{claim_id}/confirm"
    form = {"organisation": "stadt-b", "_csrf_token": _csrf(client.get("/account").text)}
    assert client.post(action, data=form).status_code == 403
    client.post("/logout", data={"_csrf_token": _csrf(client.get("/account").text)})
    _sign_in(client, "b@example.org")
    page = client.get("/solutions/ratsinfo?lang=de").text
    assert "Als Mitglied von Stadt B bestätigen" in page and f'action="{action}"' in page
    form["_csrf_token"] = _csrf(page)
    done = client.post(action, data=form, follow_redirects=False)
    assert done.status_code == 303
    adoptions = client.get("/api/v1/solutions/ratsinfo/adoptions").json()
    assert {(a["organisation"], a["verified"]) for a in adoptions} == {
        ("stadt-a", True),
        ("stadt-b", True),
    }


def test_the_edit_page_offers_existing_organisations_without_javascript(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _sign_in(client, "a@example.org")
    page = client.get("/solutions/ratsinfo/edit?lang=en").text
    assert 'list="organisation-choices"' in page and 'id="offers-0-provider"' in page
    options = page[page.index('<datalist id="organisation-choices">') : page.index("</datalist>")]
    assert '<option value="bund"' in options and "Bund · verified" in options
    assert '<option value="kommunalit"' in options and "unverified organisation" in options
    assert "<script" not in page
    found = client.get("/solutions/ratsinfo/edit?lang=en&organisation_q=KOMMUNAL").text
    table = found[found.index('<table id="organisation-results">') : found.index("</table>")]
    assert "1 organisation for “KOMMUNAL”" in table
    assert "<code>kommunalit</code>" in table and "KommunalIT &lt;GmbH&gt;" in table
    assert "Stadt A" not in table
