"""A town gets in without a shell: sign-up, the confirmation mail, joining or registering
an organisation, and the navigation that follows the role (issue 17).

Every journey starts from a person who does not exist yet; mail goes to a real SMTP
server on loopback and the link in it is followed as a person would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import Account, AccountService, Membership
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf as _csrf
from tests.fixtures.smtp import Inbox, smtp_server
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, str]]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def settings(fresh_settings: Settings, inbox: tuple[Inbox, str]) -> Settings:
    settings = replace(fresh_settings, smtp_url=inbox[1], public_url="https://registry.example")
    migrate_to_head(settings)
    with committed(settings) as session:
        session.add(Organisation(slug="kreis-x", name="Landkreis Beispiel", kind="county",
                                 identifier="09162000", verified=True))  # fmt: skip
        session.flush()
        AccountService(session).create("chefin@kreis-x.example", role="member",
                                       organisation="kreis-x", organisation_admin=True,
                                       password=PASSWORD)  # fmt: skip
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[Client]:
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _sign_in(client: Client, email: str) -> int:
    token = _csrf(client.get("/login").text)
    form = {"email": email, "password": PASSWORD, "next": "/account", "_csrf_token": token}
    return client.post("/login", data=form, follow_redirects=False).status_code


def _link(inbox: Inbox, to: str) -> str:
    mails = [m for rcpt, m in inbox.messages if to in rcpt]
    assert mails, f"no mail to {to}"
    body = mails[-1].get_content()
    found = re.search(r"https://registry\.example(/signup/confirm\?token=[\w.\-]+)", body)
    assert found, body
    return found.group(1)


def test_a_new_town_signs_up_registers_by_its_key_confirms_by_mail_and_can_publish(
    client: Client, inbox: tuple[Inbox, str], settings: Settings
) -> None:
    login = client.get("/login?lang=de").text
    assert 'href="/signup"' in login
    page = client.get("/signup?lang=de&q=09 1 62 111").text  # an AGS nobody registered
    assert "Keine Organisation zu" in page
    form = {"_csrf_token": _csrf(page), "q": "", "organisation": "new",
            "org_name": "Gemeinde Neustadt", "org_kind": "municipality",
            "org_identifier": "09 162 111", "org_website": "https://neustadt.example",
            "email": " Kai@Neustadt.example ", "name": "Kai", "password": PASSWORD}  # fmt: skip
    sent = client.post("/signup?lang=de", data=form)
    assert sent.status_code == 201, sent.text
    assert "Bestätigungslink an kai@neustadt.example" in sent.text
    assert _sign_in(client, "kai@neustadt.example") == 401  # not confirmed yet
    confirmed = client.get(_link(inbox[0], "kai@neustadt.example") + "&lang=de")
    assert confirmed.status_code == 200 and "ist aktiv" in confirmed.text
    assert _sign_in(client, "kai@neustadt.example") == 303
    home = client.get("/?lang=de").text
    assert 'href="/publish"' in home and "Veröffentlichen" in home
    assert 'href="/reports"' not in home
    with committed(settings) as session:
        org = session.scalars(
            select(Organisation).where(Organisation.identifier == "09162111")
        ).one()
        assert org.name == "Gemeinde Neustadt" and org.verified is False
        account = session.scalars(
            select(Account).where(Account.email == "kai@neustadt.example")
        ).one()
        assert [(m.organisation_id, m.is_admin) for m in account.memberships] == [(org.id, True)]
    publish = client.get("/publish?lang=de")
    assert publish.status_code == 200 and "Gemeinde Neustadt" in publish.text


def test_a_provider_finds_an_organisation_by_key_asks_to_join_and_its_admin_approves(
    client: Client, inbox: tuple[Inbox, str], settings: Settings
) -> None:
    page = client.get("/signup?lang=en&q=09162000").text
    assert "Join: Landkreis Beispiel" in page and "verified organisation" in page
    form = {"_csrf_token": _csrf(page), "q": "09162000", "organisation": "kreis-x",
            "email": "it@provider.example", "password": PASSWORD}  # fmt: skip
    sent = client.post("/signup?lang=en", data=form)
    assert sent.status_code == 201 and "waits for its admins" in sent.text
    client.get(_link(inbox[0], "it@provider.example"))
    assert _sign_in(client, "it@provider.example") == 303
    with committed(settings) as session:
        account = session.scalars(
            select(Account).where(Account.email == "it@provider.example")
        ).one()
        assert account.memberships == []  # nothing until an admin says so
    client.post("/logout", data={"_csrf_token": _csrf(client.get("/account").text)})
    assert _sign_in(client, "chefin@kreis-x.example") == 303
    account_page = client.get("/account?lang=en").text
    assert "it@provider.example asks to join “Landkreis Beispiel”" in account_page
    action = re.search(r'action="(/account/requests/\d+/approve)"', account_page)
    assert action
    done = client.post(action.group(1), data={"_csrf_token": _csrf(account_page)},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    with committed(settings) as session:
        member = session.scalars(
            select(Membership).join(Account).where(Account.email == "it@provider.example")
        ).one()
        assert member.organisation.slug == "kreis-x" and member.is_admin is False
    assert "asks to join" not in client.get("/account?lang=en").text


def test_only_the_organisations_admins_decide_on_a_join_request(
    client: Client, inbox: tuple[Inbox, str], settings: Settings
) -> None:
    page = client.get("/signup?q=Landkreis").text
    client.post("/signup", data={"_csrf_token": _csrf(page), "organisation": "kreis-x",
                                 "email": "eve@evil.example", "password": PASSWORD})  # fmt: skip
    client.get(_link(inbox[0], "eve@evil.example"))
    assert _sign_in(client, "eve@evil.example") == 303
    with committed(settings) as session:
        request_id = session.execute(select(Membership.id)).first()  # any id to aim at
        assert request_id is not None
    from registry.accounts import JoinRequest

    with committed(settings) as session:
        own = session.scalars(select(JoinRequest.id)).one()
    attempt = client.post(f"/account/requests/{own}/approve",
                          data={"_csrf_token": _csrf(client.get("/account").text)})  # fmt: skip
    assert attempt.status_code == 403
    with committed(settings) as session:
        account = session.scalars(select(Account).where(Account.email == "eve@evil.example")).one()
        assert account.memberships == []


def test_bad_sign_ups_name_the_field_and_store_nothing(client: Client, settings: Settings) -> None:
    page = client.get("/signup?lang=de").text
    base = {"_csrf_token": _csrf(page), "organisation": "new", "org_name": "Landkreis Beispiel",
            "org_kind": "county", "email": "neu@example.org", "password": PASSWORD}  # fmt: skip
    taken = client.post("/signup?lang=de", data=base)
    assert taken.status_code == 409 and "schon im Register" in taken.text
    assert "already" not in taken.text  # one language per page
    short = client.post("/signup?lang=en", data={**base, "org_name": "Neu", "password": "short"})
    assert short.status_code == 422 and "at least" in short.text
    bad_mail = client.post("/signup", data={**base, "org_name": "Neu", "email": "not-an-address"})
    assert bad_mail.status_code == 422 and 'aria-invalid="true"' in bad_mail.text
    with committed(settings) as session:
        assert (
            session.scalars(select(Account).where(Account.email == "neu@example.org")).all() == []
        )
        assert session.scalars(select(Organisation).where(Organisation.name == "Neu")).all() == []


def test_without_a_mail_server_the_page_says_an_admin_confirms(fresh_settings: Settings) -> None:
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as client:
        page = client.get("/signup?lang=en").text
        sent = client.post("/signup?lang=en", data={
            "_csrf_token": _csrf(page), "organisation": "new", "org_name": "Dorf",
            "org_kind": "municipality", "email": "bm@dorf.example", "password": PASSWORD,
        })  # fmt: skip
        assert sent.status_code == 201
        assert "registry account confirm" in sent.text
        with committed(fresh_settings) as session:
            AccountService(session).activate("bm@dorf.example")
        assert _sign_in(client, "bm@dorf.example") == 303


def test_a_forged_or_expired_confirmation_link_is_refused(
    client: Client, inbox: tuple[Inbox, str]
) -> None:
    page = client.get("/signup").text
    client.post("/signup", data={"_csrf_token": _csrf(page), "organisation": "new",
                                 "org_name": "Dorf", "org_kind": "municipality",
                                 "email": "x@dorf.example", "password": PASSWORD})  # fmt: skip
    link = _link(inbox[0], "x@dorf.example")
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert client.get(forged).status_code == 400
    assert client.get("/signup/confirm?token=nonsense").status_code == 400
    assert _sign_in(client, "x@dorf.example") == 401


def test_what_was_searched_for_and_not_found_starts_the_new_organisation(client: Client) -> None:
    by_key = client.get("/signup?lang=de&q=09 162 111").text
    assert (
        'id="org-identifier" name="org_identifier" type="text" inputmode="numeric" value="09162111"'
        in by_key
    )
    assert (
        'id="org-name" name="org_name" type="text" autocomplete="organization" value=""' in by_key
    )
    by_name = client.get("/signup?lang=de&q=Neustadt").text
    assert 'autocomplete="organization" value="Neustadt"' in by_name
