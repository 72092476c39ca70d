"""Browser sign-in: sessions, CSRF on every form, throttling, the account page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
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
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        AccountService(session).create(
            "anna@example.org", role="member", organisation="stadt-a", password=PASSWORD
        )
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def _sign_in(client: TestClient, password: str = PASSWORD, nxt: str = "/account") -> object:  # type: ignore[type-arg]
    token = _csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"email": "anna@example.org", "password": password, "next": nxt, "_csrf_token": token},
        follow_redirects=False,
    )


def test_sign_in_starts_a_hardened_session(client: TestClient) -> None:  # type: ignore[type-arg]
    assert 'href="/login"' in client.get("/").text
    assert (
        client.get("/account", follow_redirects=False).headers["location"] == "/login?next=/account"
    )
    response = _sign_in(client)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/account"  # type: ignore[attr-defined]
    cookie = next(
        h
        for h in response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
        if h.startswith("registry_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "anna" not in cookie  # encrypted, not readable
    page = client.get("/account")
    assert page.status_code == 200
    assert "anna@example.org" in page.text and "Stadt A" in page.text
    assert 'href="/account"' in client.get("/?lang=de").text  # the header offers the account


def test_wrong_password_is_refused_without_telling_which_part(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = _sign_in(client, password="wrong password here")
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert 'role="alert"' in response.text  # type: ignore[attr-defined]
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_forms_without_a_csrf_token_are_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    client.get("/login")
    response = client.post(
        "/login", data={"email": "anna@example.org", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_sign_in_never_redirects_off_site(client: TestClient) -> None:  # type: ignore[type-arg]
    for target in ("https://evil.example", "//evil.example", "/\\evil.example"):
        response = _sign_in(client, nxt=target)
        assert response.headers["location"] == "/account"  # type: ignore[attr-defined]


def test_repeated_failures_are_throttled_with_retry_after(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    statuses = [_sign_in(client, password=f"wrong password {i}").status_code for i in range(5)]  # type: ignore[attr-defined]
    assert statuses == [401] * 5
    blocked = _sign_in(client)  # even the right password waits now
    assert blocked.status_code == 429  # type: ignore[attr-defined]
    assert int(blocked.headers["retry-after"]) > 0  # type: ignore[attr-defined]


def test_tokens_are_shown_once_and_revocable_from_the_page(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _sign_in(client)
    page = client.get("/account").text
    made = client.post("/account/tokens", data={"scope": "publish", "name": "ci", "days": "30",
                                                "_csrf_token": _csrf(page)})  # fmt: skip
    assert made.status_code == 200
    token = re.search(r'<code id="new-token">([^<]+)</code>', made.text)
    assert token is not None
    secret = token.group(1)
    listed = client.get("/account").text
    assert secret not in listed and "ci" in listed
    api = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    too_wide = client.post("/account/tokens", data={"scope": "admin", "_csrf_token": _csrf(listed)})
    assert too_wide.status_code == 422 and "scope" in too_wide.text
    prefix = secret.split("_")[1]
    revoked = client.post(f"/account/tokens/{prefix}/revoke", data={"_csrf_token": _csrf(listed)},
                          follow_redirects=False)  # fmt: skip
    assert revoked.status_code == 303
    assert (
        client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {secret}"}).status_code
        == 401
    )


def test_sign_out_ends_the_session(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client)
    page = client.get("/account").text
    out = client.post("/logout", data={"_csrf_token": _csrf(page)}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_pages_are_bilingual(client: TestClient) -> None:  # type: ignore[type-arg]
    assert "Passwort" in client.get("/login?lang=de").text
    assert "Password" in client.get("/login?lang=en").text
