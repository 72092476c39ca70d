"""Attack: guess a password past the sign-in throttle by respelling the e-mail address.

Spaces around an address and its case change nothing about whose account it is, so every
spelling must count against the same allowance (issue 14, finding 4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

PASSWORD = "a long enough password"
SPELLINGS = [" Anna@Example.org ", "ANNA@example.org", "anna@EXAMPLE.ORG\t", "\tanna@example.org",
             "Anna@example.org "]  # fmt: skip


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


def _sign_in(client: TestClient, email: str, password: str) -> int:  # type: ignore[type-arg]
    found = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/login").text)
    assert found
    response = client.post(
        "/login",
        data={"email": email, "password": password, "_csrf_token": found.group(1)},
        follow_redirects=False,
    )
    return response.status_code


def test_respelt_addresses_share_one_lock_out(client: TestClient) -> None:  # type: ignore[type-arg]
    statuses = [_sign_in(client, email, f"wrong password {i}") for i, email in enumerate(SPELLINGS)]
    assert statuses == [401] * 5
    for email in ("anna@example.org", " ANNA@EXAMPLE.ORG", "Anna@Example.org"):
        assert _sign_in(client, email, PASSWORD) == 429  # locked, as one spelling would be


def test_a_case_variant_with_the_right_password_signs_in_and_clears_the_count(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    for i in range(4):
        assert _sign_in(client, "anna@example.org", f"wrong password {i}") == 401
    assert _sign_in(client, " ANNA@Example.Org ", PASSWORD) == 303
    assert "anna@example.org" in client.get("/account").text
    # the success cleared the count of the address, not of one spelling of it
    for i in range(4):
        assert _sign_in(client, "anna@example.org", f"wrong again {i}") == 401
    assert _sign_in(client, "Anna@Example.org", PASSWORD) == 303
