"""An organisation is verified by an address at one of its official domains, or by a
registry admin; „Meine Organisation“ shows its members only to its members (issue 17).

Mail goes to a real SMTP server on loopback and the link in it is followed as a person
would; every rule is checked on the page and on the JSON API.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import AccountService
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf
from tests.fixtures.smtp import Inbox, smtp_server
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
PASSWORD = "correct horse battery staple 42"
ADMIN = "chefin@stadt-neu.de"  # the organisation's admin, at its domain
CLERK = "it@rathaus.stadt-neu.de"  # a member at a subdomain of it
OUTSIDER = "kai@gmail.com"  # a member with a free-mail address
STRANGER = "x@kreis-y.de"  # a member of another organisation


@dataclass
class World:
    settings: Settings
    inbox: Inbox
    tokens: dict[str, str]


@pytest.fixture
def world(fresh_settings: Settings) -> Iterator[World]:
    with smtp_server() as (inbox, url):
        settings = replace(fresh_settings, smtp_url=url, public_url="https://registry.example")
        migrate_to_head(settings)
        with committed(settings) as session:
            session.add(Organisation(slug="stadt-neu", name="Stadt Neu", kind="municipality"))
            session.add(Organisation(slug="kreis-y", name="Kreis Y", kind="county"))
            session.flush()
            accounts = AccountService(session)
            for email, org, admin in ((ADMIN, "stadt-neu", True), (CLERK, "stadt-neu", False),
                                      (OUTSIDER, "stadt-neu", False),
                                      (STRANGER, "kreis-y", True)):  # fmt: skip
                accounts.create(email, role="member", organisation=org, organisation_admin=admin,
                                password=PASSWORD, name=email.split("@")[0].title())  # fmt: skip
            accounts.create("root@registry.example", role="admin", password=PASSWORD)
            tokens = {e: accounts.issue_token(e, scope="publish").token
                      for e in (ADMIN, CLERK, OUTSIDER, STRANGER)}  # fmt: skip
            tokens["root"] = accounts.issue_token("root@registry.example", scope="admin").token
        yield World(settings, inbox, tokens)


@pytest.fixture
def client(world: World) -> Iterator[Client]:
    with TestClient(app=create_app(world.settings)) as test_client:
        yield test_client


def _sign_in(client: Client, email: str) -> None:
    token = csrf(client.get("/login").text)
    form = {"email": email, "password": PASSWORD, "next": "/account", "_csrf_token": token}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def _link(inbox: Inbox, to: str) -> str:
    mails = [m for rcpt, m in inbox.messages if to in rcpt]
    assert mails, f"no mail to {to}"
    found = re.search(r"https://registry\.example(/verify-organisation\?token=[\w.\-]+)",
                      mails[-1].get_content())  # fmt: skip
    assert found
    return found.group(1)


def _org(world: World, slug: str = "stadt-neu") -> tuple[bool, list[str], list[str]]:
    with committed(world.settings) as session:
        org = session.scalars(select(Organisation).where(Organisation.slug == slug)).one()
        return org.verified, list(org.domains), list(org.verified_domains)


def _auth(world: World, who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[who]}"}


def test_a_member_at_an_official_domain_verifies_the_organisation_by_the_mailed_link(
    client: Client, world: World
) -> None:
    _sign_in(client, ADMIN)
    mine = client.get("/my-organisation?lang=de", follow_redirects=False)
    assert mine.status_code == 303 and mine.headers["location"] == "/my-organisation/stadt-neu"
    page = client.get("/my-organisation/stadt-neu?lang=de").text
    assert "nicht bestätigte Organisation" in page and "Noch keine offiziellen Domains" in page
    saved = client.post("/my-organisation/stadt-neu/domains?lang=de", follow_redirects=False,
                        data={"_csrf_token": csrf(page),
                              "domains": "https://www.Stadt-Neu.de/\nstadt-neu.de"})  # fmt: skip
    assert saved.status_code == 303
    assert _org(world) == (False, ["stadt-neu.de"], [])
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    _sign_in(client, CLERK)
    page = client.get("/my-organisation/stadt-neu?lang=de").text
    assert f"Bestätigungslink an {CLERK} senden" in page
    sent = client.post("/my-organisation/stadt-neu/verification?lang=de",
                       data={"_csrf_token": csrf(page)})  # fmt: skip
    assert sent.status_code == 200 and f"ist an {CLERK} unterwegs" in sent.text
    assert _org(world)[0] is False  # nothing until the link is followed
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    followed = client.get(_link(world.inbox, CLERK) + "&lang=de")  # signed out: the link proves
    assert followed.status_code == 200 and "„Stadt Neu“ ist jetzt eine bestätigte" in followed.text
    assert _org(world) == (True, ["stadt-neu.de"], ["stadt-neu.de"])
    public = client.get("/organisations/stadt-neu?lang=de").text
    assert "nicht bestätigte Organisation" not in public and "bestätigte Organisation" in public
    api = client.get("/api/v1/organisations/stadt-neu").json()["data"]
    assert api["verified"] is True and api["domains"] == ["stadt-neu.de"]


def test_only_an_address_at_an_official_domain_gets_a_link(client: Client, world: World) -> None:
    client.put("/api/v1/organisations/stadt-neu/domains", json={"domains": ["stadt-neu.de"]},
               headers=_auth(world, ADMIN))  # fmt: skip
    _sign_in(client, OUTSIDER)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    assert f"Your address {OUTSIDER} is at none of the official domains" in page
    assert "Send a confirmation link" not in page
    refused = client.post("/my-organisation/stadt-neu/verification?lang=en",
                          data={"_csrf_token": csrf(client.get("/account").text)})  # fmt: skip
    assert refused.status_code == 403 and "none of the organisation&#39;s official domains" in (
        refused.text
    )
    api = client.post(
        "/api/v1/organisations/stadt-neu/verification", headers=_auth(world, OUTSIDER)
    )
    assert api.status_code == 403 and "official domains" in api.text
    other = client.post("/api/v1/organisations/stadt-neu/verification",
                        headers=_auth(world, STRANGER))  # fmt: skip
    assert other.status_code == 403  # not a member, whatever the address
    assert world.inbox.messages == []
    assert _org(world)[0] is False


def test_official_domains_are_checked_and_kept_only_by_the_organisations_admins(
    client: Client, world: World
) -> None:
    url = "/api/v1/organisations/stadt-neu/domains"
    for bad in ("gmail.com", "co.uk", "github.io", "de", "not a domain", "x" * 70 + ".de"):
        answer = client.put(url, json={"domains": [bad]}, headers=_auth(world, ADMIN))
        assert answer.status_code == 422, (bad, answer.text)
        assert "domains" in answer.text
    assert client.put(url, json={"domains": ["stadt-neu.de"]},
                      headers=_auth(world, CLERK)).status_code == 403  # fmt: skip
    assert client.put(url, json={"domains": ["stadt-neu.de"]},
                      headers=_auth(world, STRANGER)).status_code == 403  # fmt: skip
    assert client.put(url, json={"domains": ["stadt-neu.de"]}).status_code == 401
    assert _org(world) == (False, [], [])
    done = client.put(url, json={"domains": ["Stadt-Neu.DE", "bürger.stadt-neu.de"]},
                      headers=_auth(world, "root"))  # fmt: skip
    assert done.status_code == 200
    assert done.json()["domains"] == ["stadt-neu.de", "xn--brger-kva.stadt-neu.de"]
    _sign_in(client, ADMIN)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    form = {"_csrf_token": csrf(page), "domains": "stadt-neu.de\nweb.de"}
    bad = client.post("/my-organisation/stadt-neu/domains?lang=en", data=form)
    assert bad.status_code == 422 and "web.de is a public or free-mail domain" in bad.text
    assert 'id="domains" name="domains"' in bad.text and 'aria-invalid="true"' in bad.text
    assert "öffentliche" not in bad.text  # one language per page
    assert _org(world)[1] == ["stadt-neu.de", "xn--brger-kva.stadt-neu.de"]  # nothing half-written
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    _sign_in(client, CLERK)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    assert 'name="domains"' not in page  # members see the domains, only admins keep them
    assert client.post("/my-organisation/stadt-neu/domains", data={
        "_csrf_token": csrf(page), "domains": "evil.example"}).status_code == 403  # fmt: skip


def test_the_api_link_verifies_only_while_it_still_holds(client: Client, world: World) -> None:
    domains = "/api/v1/organisations/stadt-neu/domains"
    client.put(domains, json={"domains": ["stadt-neu.de"]}, headers=_auth(world, ADMIN))
    sent = client.post("/api/v1/organisations/stadt-neu/verification", headers=_auth(world, CLERK))
    assert sent.status_code == 202 and sent.json() == {"email": CLERK, "domain": "stadt-neu.de"}
    token = _link(world.inbox, CLERK).split("token=", 1)[1]
    confirm = "/api/v1/organisations/{}/verification/confirm"
    wrong = client.post(confirm.format("kreis-y"), json={"token": token})
    assert wrong.status_code == 422 and _org(world, "kreis-y")[0] is False
    forged = client.post(confirm.format("stadt-neu"), json={"token": token[:-2] + "xx"})
    assert forged.status_code == 422
    client.put(domains, json={"domains": ["neu.example"]}, headers=_auth(world, ADMIN))
    stale = client.post(confirm.format("stadt-neu"), json={"token": token})
    assert stale.status_code == 422  # the domain is no longer stated
    client.put(domains, json={"domains": ["stadt-neu.de"]}, headers=_auth(world, ADMIN))
    done = client.post(confirm.format("stadt-neu"), json={"token": token})
    assert done.status_code == 200
    assert done.json() == {"slug": "stadt-neu", "verified": True, "domains": ["stadt-neu.de"],
                           "verified_domains": ["stadt-neu.de"]}  # fmt: skip
    client.put(domains, json={"domains": ["neu.example"]}, headers=_auth(world, ADMIN))
    assert _org(world) == (True, ["neu.example"], [])  # a domain dropped is no longer proved


def test_a_registry_admin_verifies_and_others_cannot(client: Client, world: World) -> None:
    verify = "/api/v1/organisations/stadt-neu/verify"
    assert client.post(verify, headers=_auth(world, ADMIN)).status_code == 403
    _sign_in(client, ADMIN)
    page = client.get("/my-organisation/stadt-neu").text
    assert 'action="/my-organisation/stadt-neu/verify"' not in page
    assert client.post("/my-organisation/stadt-neu/verify",
                       data={"_csrf_token": csrf(page)}).status_code == 403  # fmt: skip
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    _sign_in(client, "root@registry.example")
    page = client.get("/my-organisation/stadt-neu?lang=de").text
    done = client.post("/my-organisation/stadt-neu/verify?lang=de",
                       data={"_csrf_token": csrf(page)})  # fmt: skip
    assert done.status_code == 200 and "Die Organisation ist bestätigt." in done.text
    assert _org(world)[0] is True
    assert client.post(verify.replace("stadt-neu", "kreis-y"),
                       headers=_auth(world, "root")).json() == {"slug": "kreis-y",
                                                                "verified": True}  # fmt: skip


def test_members_and_their_addresses_are_shown_only_to_members(
    client: Client, world: World
) -> None:
    assert (
        client.get("/my-organisation/stadt-neu", follow_redirects=False).headers["location"]
        == "/login?next=/my-organisation/stadt-neu"
    )
    assert CLERK not in client.get("/organisations/stadt-neu").text
    _sign_in(client, STRANGER)
    assert client.get("/my-organisation/stadt-neu").status_code == 403
    assert CLERK not in client.get("/organisations/stadt-neu").text
    client.post("/logout", data={"_csrf_token": csrf(client.get("/account").text)})
    _sign_in(client, OUTSIDER)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    assert CLERK in page and ADMIN in page and "Members (3)" in page
    assert "Join requests" not in page  # admins decide, members only see who is in


def test_an_admin_decides_a_join_request_on_my_organisation(client: Client, world: World) -> None:
    signup = client.get("/signup?q=Stadt Neu").text
    client.post("/signup", data={"_csrf_token": csrf(signup), "organisation": "stadt-neu",
                                 "email": "neu@stadt-neu.de", "password": PASSWORD})  # fmt: skip
    _sign_in(client, ADMIN)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    assert "Join requests (1)" in page and "neu@stadt-neu.de" in page
    action = re.search(r'action="(/account/requests/\d+/approve)"', page)
    assert action
    form = {"_csrf_token": csrf(page), "next": "/my-organisation/stadt-neu"}
    done = client.post(action.group(1), follow_redirects=False, data=form)
    assert done.status_code == 303 and done.headers["location"] == "/my-organisation/stadt-neu"
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    assert "Join requests (0)" in page and "Members (4)" in page
    evil = client.post(action.group(1), follow_redirects=False,
                       data={"_csrf_token": csrf(page), "next": "//evil.example"})  # fmt: skip
    assert evil.status_code in {303, 404}
    assert "evil.example" not in evil.headers.get("location", "")


def test_without_a_mail_server_the_registry_says_an_admin_verifies(
    fresh_settings: Settings,
) -> None:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="dorf", name="Dorf", kind="municipality",
                                 domains=["dorf.example"]))  # fmt: skip
        session.flush()
        accounts = AccountService(session)
        accounts.create("bm@dorf.example", role="member", organisation="dorf", password=PASSWORD)
        token = accounts.issue_token("bm@dorf.example", scope="publish").token
    with TestClient(app=create_app(fresh_settings)) as client:
        _sign_in(client, "bm@dorf.example")
        page = client.get("/my-organisation/dorf?lang=en").text
        assert "no mail server set up; a registry admin verifies" in page
        api = client.post("/api/v1/organisations/dorf/verification",
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert api.status_code == 409 and "mail server" in api.text


def test_my_organisation_lists_its_solutions_offers_and_claims_waiting(
    client: Client, world: World
) -> None:
    from registry.catalogue import CatalogueService, SolutionDraft
    from registry.catalogue import models as m
    from registry.entries import OfferDraft, OrganisationRef

    with committed(world.settings) as session:
        catalogue = CatalogueService(session)
        catalogue.upsert_draft(SolutionDraft(
            name="Eigenes Ratsinfo", url="https://git.example.org/neu/ratsinfo",
            publisher=OrganisationRef(name="Stadt Neu", slug="stadt-neu"),
        ))  # fmt: skip
        catalogue.upsert_draft(SolutionDraft(
            name="Fremdes Portal", url="https://git.example.org/y/portal",
            publisher=OrganisationRef(name="Kreis Y", slug="kreis-y"),
            offers=(OfferDraft(kind="support-contract", provider=OrganisationRef(name="Stadt Neu",
                                                                        slug="stadt-neu")),),
        ))  # fmt: skip
        org = session.scalars(select(Organisation).where(Organisation.slug == "stadt-neu")).one()
        portal = catalogue.get("fremdes-portal")  # held: the session keeps objects weakly
        portal.adoptions.append(
            m.Adoption(role="uses", verified=False, claim_text="Stadt Neu", organisation_id=org.id)
        )
    _sign_in(client, CLERK)
    page = client.get("/my-organisation/stadt-neu?lang=en").text
    published = page[page.index('id="solutions"') : page.index('id="claims"')]
    assert "Eigenes Ratsinfo" in published and "Fremdes Portal" not in published
    claims = page[page.index('id="claims"') : page.index('id="operates"')]
    assert "(1)" in claims and 'href="/solutions/fremdes-portal#adopters-claimed"' in claims
    assert "Fremdes Portal" in page[page.index('id="operates"') :]
