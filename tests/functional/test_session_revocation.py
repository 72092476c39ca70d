"""Attack: keep using a session cookie after it should have ended (issue 14, finding 6).

The attacker holds a copy of a signed-in browser's ``registry_session`` cookie and
replays it after its owner signed out, after the session's absolute lifetime, and after
the owner's password was changed or the owner was removed from the organisation. Each
replay must find the browser signed out (``/account`` sends it to the sign-in page).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.middleware.session.client_side import ClientSideSessionBackend
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf as _csrf
from web.app import create_app
from web.sessions import SESSION_IDLE_SECONDS, SESSION_LIFETIME_SECONDS, session_config

PASSWORD = "a long enough password"
COOKIE = "registry_session"


@dataclass
class Site:
    settings: Settings
    client: TestClient  # type: ignore[type-arg]
    anna_id: int
    admin_token: str


@pytest.fixture
def site(fresh_settings: Settings) -> Iterator[Site]:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        accounts = AccountService(session)
        anna = accounts.create("anna@example.org", role="member", organisation="stadt-a",
                               password=PASSWORD)  # fmt: skip
        accounts.create("chef@example.org", role="member", organisation="stadt-a",
                        organisation_admin=True, password=PASSWORD)  # fmt: skip
        token = accounts.issue_token("chef@example.org", scope="publish").token
        anna_id = anna.id
    with TestClient(app=create_app(fresh_settings)) as client:
        yield Site(fresh_settings, client, anna_id, token)


def _sign_in(client: TestClient, password: str = PASSWORD) -> str:  # type: ignore[type-arg]
    """Sign anna in with a fresh browser; returns her session cookie."""
    client.cookies.clear()
    response = client.post(
        "/login",
        data={"email": "anna@example.org", "password": password,
              "_csrf_token": _csrf(client.get("/login").text)},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text
    return str(client.cookies[COOKIE])


def _replay(client: TestClient, cookie: str) -> int:  # type: ignore[type-arg]
    """The attacker's browser: only the copied cookie. 200 = signed in, 303 = not."""
    client.cookies.clear()
    response = client.get("/account", headers={"cookie": f"{COOKIE}={cookie}"},
                          follow_redirects=False)  # fmt: skip
    assert response.status_code in (200, 303), response.text
    return response.status_code


def _mint(settings: Settings, data: dict[str, int]) -> str:
    """A cookie as the server would write it (its key, a fresh idle expiry)."""
    return ClientSideSessionBackend(session_config(settings)).dump_data(data)[0].decode()


def test_a_copied_cookie_dies_with_sign_out(site: Site) -> None:
    copied = _sign_in(site.client)
    assert _replay(site.client, copied) == 200  # the copy works while the session lives
    _sign_in(site.client)  # anna's own browser (a second session of hers)
    page = site.client.get("/account").text
    out = site.client.post("/logout", data={"_csrf_token": _csrf(page)}, follow_redirects=False)
    assert out.status_code == 303
    assert _replay(site.client, copied) == 303
    fresh = _sign_in(site.client)  # signing in again works
    assert _replay(site.client, fresh) == 200
    assert _replay(site.client, copied) == 303


def test_the_session_ends_a_fixed_time_after_sign_in_however_busy(site: Site) -> None:
    now = int(time.time())
    busy = {"account": site.anna_id, "generation": 0,
            "issued_at": now - SESSION_IDLE_SECONDS - 3600}  # fmt: skip
    assert _replay(site.client, _mint(site.settings, busy)) == 200  # older than idle: fine
    too_old = dict(busy, issued_at=now - SESSION_LIFETIME_SECONDS - 60)
    assert _replay(site.client, _mint(site.settings, too_old)) == 303
    from_the_future = dict(busy, issued_at=now + 3600)
    assert _replay(site.client, _mint(site.settings, from_the_future)) == 303
    without_generation = {"account": site.anna_id}  # as cookies were before this fix
    assert _replay(site.client, _mint(site.settings, without_generation)) == 303


def test_removal_from_the_organisation_ends_the_members_sessions(site: Site) -> None:
    copied = _sign_in(site.client)
    assert _replay(site.client, copied) == 200
    site.client.cookies.clear()
    removed = site.client.delete(
        "/api/v1/organisations/stadt-a/members/anna@example.org",
        headers={"Authorization": f"Bearer {site.admin_token}"},
    )
    assert removed.status_code == 204, removed.text
    assert _replay(site.client, copied) == 303


def test_a_password_change_ends_the_sessions_opened_before(site: Site) -> None:
    copied = _sign_in(site.client)
    assert _replay(site.client, copied) == 200
    with committed(site.settings) as session:
        AccountService(session).set_password("anna@example.org", "another long password")
    assert _replay(site.client, copied) == 303
    assert _replay(site.client, _sign_in(site.client, "another long password")) == 200
