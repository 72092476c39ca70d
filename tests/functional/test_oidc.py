"""OpenID Connect sign-in, end to end against a real provider on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import httpx
import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import Account, AccountService
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.oidcprovider import CLIENT_ID, CLIENT_SECRET, Provider, running_provider
from web import oidc
from web.app import create_app


@dataclass
class Setup:
    client: TestClient  # type: ignore[type-arg]
    provider: Provider
    settings: Settings


@pytest.fixture
def setup(fresh_settings: Settings) -> Iterator[Setup]:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        AccountService(session).create("anna@example.org", role="member", organisation="stadt-a")
    with running_provider() as provider:
        settings = replace(
            fresh_settings, oidc_issuer=provider.base, oidc_client_id=CLIENT_ID,
            oidc_client_secret=CLIENT_SECRET, oidc_label="Keycloak Stadt A",
        )  # fmt: skip
        oidc._discovery_cache.clear()
        with TestClient(app=create_app(settings)) as client:
            yield Setup(client, provider, settings)


def _round_trip(setup: Setup, *, state: str | None = None) -> httpx.Response:
    start = setup.client.get("/login/oidc?next=/account", follow_redirects=False)
    assert start.status_code == 303
    authorize = start.headers["location"]
    assert authorize.startswith(f"{setup.provider.base}/authorize?")
    back = httpx.get(authorize, follow_redirects=False)  # the browser at the provider
    assert back.status_code == 302
    callback = urlsplit(back.headers["location"])
    query = callback.query
    if state is not None:
        query = query.split("&state=")[0] + f"&state={state}"
    return setup.client.get(f"{callback.path}?{query}", follow_redirects=False)


def test_sign_in_links_a_verified_email_then_uses_the_subject(setup: Setup) -> None:
    assert "Anmelden mit Keycloak Stadt A" in setup.client.get("/login?lang=de").text
    done = _round_trip(setup)
    assert done.status_code == 303 and done.headers["location"] == "/account"
    assert "anna@example.org" in setup.client.get("/account").text
    with committed(setup.settings) as session:
        account = session.scalars(select(Account)).one()
        assert account.oidc_subject == "kc-123"
    # Later the provider reports another address: the subject still finds the account.
    setup.client.cookies.clear()
    setup.provider.user = {"sub": "kc-123", "email": "a.other@example.org", "email_verified": True}
    assert _round_trip(setup).status_code == 303


@pytest.mark.parametrize("tamper", ["nonce", "expired", "key", "audience"])
def test_a_forged_or_stale_id_token_is_refused(setup: Setup, tamper: str) -> None:
    setup.provider.tamper = tamper
    refused = _round_trip(setup)
    assert refused.status_code == 401
    assert "ID token rejected" in refused.text
    assert setup.client.get("/account", follow_redirects=False).status_code == 303


def test_a_forged_state_is_refused(setup: Setup) -> None:
    refused = _round_trip(setup, state="forged")
    assert refused.status_code == 401 and "state" in refused.text


def test_unverified_or_unknown_identities_get_no_account(setup: Setup) -> None:
    setup.provider.user = {"sub": "kc-9", "email": "anna@example.org", "email_verified": False}
    assert _round_trip(setup).status_code == 401
    setup.provider.user = {"sub": "kc-10", "email": "stranger@example.org", "email_verified": True}
    refused = _round_trip(setup)
    assert refused.status_code == 401 and "No account" in refused.text


def test_without_configuration_there_is_no_sso(fresh_settings: Settings) -> None:
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as client:
        assert client.get("/login/oidc", follow_redirects=False).status_code == 404
        assert "/login/oidc" not in client.get("/login").text
