"""A client cannot choose the address the throttles count by (issue 14, finding 5).

The attack: behind no proxy at all, send each failed sign-in or bad bearer token with a
new ``X-Forwarded-For`` and never meet the lock-out. The registry believes that header
only from the proxies named in ``REGISTRY_TRUSTED_PROXIES`` (empty by default); this runs
a real ``registry serve`` on loopback, where the ASGI server used to trust it.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from registry.accounts import AccountService
from registry.errors import InvalidInput
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.server import running_server

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def database_url(fresh_settings: Settings) -> str:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        AccountService(session).create(
            "anna@example.org", role="member", organisation="stadt-a", password=PASSWORD
        )
    return fresh_settings.database_url


def _failed_sign_ins(base: str, attempts: int) -> list[int]:
    statuses = []
    with httpx.Client(base_url=base) as client:
        for n in range(attempts):
            page = client.get("/login").text
            token = re.search(r'name="_csrf_token" value="([^"]+)"', page)
            assert token
            response = client.post(
                "/login",
                data={"email": "anna@example.org", "password": "wrong", "next": "/account",
                      "_csrf_token": token.group(1)},
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
            )  # fmt: skip
            statuses.append(response.status_code)
    return statuses


def _bad_bearers(base: str, attempts: int) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.get(
                "/api/v1/tokens",
                headers={"Authorization": "Bearer nope", "X-Forwarded-For": f"198.51.100.{n}"},
            ).status_code
            for n in range(attempts)
        ]


def test_a_forged_forwarded_for_does_not_escape_the_sign_in_lock_out(
    database_url: str, tmp_path: Path
) -> None:
    with running_server(database_url, tmp_path) as base:
        statuses = _failed_sign_ins(base, 7)
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]


def test_a_forged_forwarded_for_does_not_escape_the_bearer_rate_limit(
    database_url: str, tmp_path: Path
) -> None:
    with running_server(database_url, tmp_path) as base:
        statuses = _bad_bearers(base, 32)
    assert statuses[:30] == [401] * 30
    assert statuses[30:] == [429, 429]


def test_a_configured_proxy_is_believed_for_the_client_it_names(
    database_url: str, tmp_path: Path
) -> None:
    with running_server(database_url, tmp_path, REGISTRY_TRUSTED_PROXIES="127.0.0.1/32") as base:
        statuses = _failed_sign_ins(base, 7)
    assert statuses == [401] * 7  # seven clients, one failure each


def test_a_bad_trusted_proxies_setting_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match="REGISTRY_TRUSTED_PROXIES"):
        Settings.from_env({"REGISTRY_TRUSTED_PROXIES": "10.0.0.0/8,not-an-address"})
