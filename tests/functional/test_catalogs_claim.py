"""A harvested entry claimed by the organisation that publishes its repository; where each
shown field came from; the "Katalog" facet.

The catalogue is the loopback replay of ``tests.fixtures.catalogserver``; people act
through the pages (signed in with the login form, the claim button's form) and the API.
"""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts.services import AccountService
from registry.cli import app
from registry.organisations.models import CodeSource, Organisation
from registry.settings import Settings
from tests.fixtures.catalogserver import CatalogServer, catalog_servers, publiccode
from tests.fixtures.db import committed
from tests.fixtures.forms import csrf
from tests.functional.test_catalogs_harvest import (
    ENTRIES,
    _entry,
    _harvest,
    _url,
    client,
    env,
    italy,
    runner,
)

__all__ = ["catalog_servers", "client", "env", "italy"]

PASSWORD = "a long enough password"
CLAIMED = _url(1)  # https://github.com/comune-1/servizio-1


def _people(env: Settings) -> str:
    """Comune Uno proves github.com/comune-1 (verified, code source); Altrove proves nothing.
    Returns a publish token of Comune Uno's member."""
    with committed(env) as session:
        uno = Organisation(slug="comune-uno", name="Comune Uno", kind="municipality",
                           verified=True)  # fmt: skip
        session.add_all([uno, Organisation(slug="altrove", name="Altrove", kind="municipality"),
                         CodeSource(organisation=uno, url="https://github.com/comune-1",
                                    driver="github")])  # fmt: skip
        session.flush()
        accounts = AccountService(session)
        accounts.create("uno@example.org", role="member", organisation="comune-uno",
                        password=PASSWORD)  # fmt: skip
        accounts.create("altro@example.org", role="member", organisation="altrove",
                        password=PASSWORD)  # fmt: skip
        return accounts.issue_token("uno@example.org", scope="publish").token


def _sign_in(client: TestClient[Any], email: str) -> None:
    client.cookies.clear()
    token = csrf(client.get("/login").text)
    done = client.post("/login", data={"email": email, "password": PASSWORD, "next": "/",
                                       "_csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303, done.text


def _claim(client: TestClient[Any], slug: str, organisation: str) -> Any:
    token = csrf(client.get("/publish").text)  # any signed-in form carries the token
    return client.post(f"/solutions/{slug}/claim", follow_redirects=False,
                       data={"organisation": organisation, "_csrf_token": token})  # fmt: skip


def test_a_harvested_entry_is_claimed_with_proof_and_local_data_wins(
    env: Settings, italy: CatalogServer, client: TestClient[Any]
) -> None:
    assert (
        runner.invoke(app, ["catalogs", "add", "developers-italia", italy.base_url]).exit_code == 0
    )
    assert _harvest()[0] == 0
    token = _people(env)
    entry = _entry(client, CLAIMED)
    slug = entry["slug"]
    harvested = {"kind": "catalogue", "catalogue": "developers-italia"}
    assert entry["provenance"]["name"] == harvested and entry["provenance"]["licence"] == harvested
    assert entry["provenance"]["contacts"] == harvested
    page = client.get(f"/solutions/{slug}?lang=de").text
    assert 'data-field="name">(aus developers-italia)' in page
    assert "/claim" not in page  # nobody signed in: no button

    _sign_in(client, "altro@example.org")  # a member without proof: no button, and refused
    assert 'action="/solutions/' + slug + '/claim"' not in client.get(f"/solutions/{slug}").text
    assert _claim(client, slug, "altrove").status_code == 403
    assert _claim(client, slug, "comune-uno").status_code == 403  # not a member of it
    _sign_in(client, "uno@example.org")
    page = client.get(f"/solutions/{slug}?lang=de").text
    assert "Eintrag für Comune Uno übernehmen" in page
    other = _entry(client, _url(2))["slug"]  # github.com/comune-2: not Comune Uno's
    assert "/claim" not in client.get(f"/solutions/{other}").text
    claimed = _claim(client, slug, "comune-uno")
    assert claimed.status_code == 303 and claimed.headers["location"].endswith(
        "saved=claimed#sources"
    )
    assert _claim(client, slug, "comune-uno").status_code == 409  # nothing left to claim

    entry = _entry(client, CLAIMED)
    assert entry["publisher"] == "comune-uno"
    assert [s["kind"] for s in entry["sources"]][:2] == ["local", "catalogue"]
    upstream = italy.world.find(CLAIMED)  # the catalogue renames it: the claim holds
    upstream["publiccodeYml"] = publiccode("Rinominato a monte", CLAIMED)
    assert _harvest()[0] == 0
    assert _entry(client, CLAIMED)["name"] == "Servizio 1"
    edited = client.patch(f"/api/v1/solutions/{slug}", json={"maintenance_type": "internal"},
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert edited.status_code == 200, edited.text
    provenance = _entry(client, CLAIMED)["provenance"]
    assert provenance["maintenance"] == {"kind": "local", "catalogue": None}
    assert provenance["name"] == harvested  # still the harvested text until they publish

    found = client.get("/api/v1/solutions", params={"catalog": "developers-italia"}).json()
    counts = {v["value"]: v["count"] for v in found["facets"]["catalog"]}
    assert found["meta"]["total"] == ENTRIES
    assert counts == {"developers-italia": ENTRIES, "local": 1}
    local = client.get("/api/v1/solutions", params={"catalog": "local"}).json()
    assert [hit["slug"] for hit in local["data"]] == [slug]
    page = client.get("/solutions?lang=de").text
    assert "Katalog" in page and "dieses Register" in page
    with committed(env) as session:  # the harvest-made publisher stays, without the entry
        made = session.scalar(select(Organisation).where(Organisation.name == "Comune 1"))
        assert made is not None
