"""Security headers on every response, rate limits with a clear 429, secrets kept out of
logs, errors and exports."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.accounts import AccountService, ApiThrottle
from registry.cli import app as cli
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf as _csrf
from web.app import create_app
from web.security import CONTENT_SECURITY_POLICY, SCHEMA_VIEWER_POLICY

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def settings(fresh_settings: Settings) -> Settings:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        AccountService(session).create(
            "a@example.org", role="member", organisation="stadt-a", password=PASSWORD
        )
    return fresh_settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _token(settings: Settings, scope: str = "publish") -> str:
    with committed(settings) as session:
        return AccountService(session).issue_token("a@example.org", scope=scope).token


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_kind_of_response_carries_the_security_headers(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    responses = {
        "page": client.get("/"),
        "api": client.get("/api/v1/solutions"),
        "static": client.get("/static/site.css"),
        "unknown route": client.get("/nowhere"),
        "api error": client.post("/api/v1/tokens", json={}),
        "redirect": client.get("/account", follow_redirects=False),
        "openapi": client.get("/schema/openapi.json"),
    }
    assert responses["openapi"].status_code == 200
    assert responses["openapi"].json()["openapi"].startswith("3.")
    for kind, response in responses.items():
        headers = response.headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, kind
        assert headers["x-content-type-options"] == "nosniff", kind
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", kind
        assert headers["x-frame-options"] == "DENY", kind
        assert "camera=()" in headers["permissions-policy"], kind
        assert "strict-transport-security" not in headers, kind  # plain HTTP: no HSTS
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    viewer = client.get("/schema")  # the self-hosted Swagger UI
    assert viewer.status_code == 200
    assert viewer.headers["content-security-policy"] == SCHEMA_VIEWER_POLICY
    assert (
        "https:" not in SCHEMA_VIEWER_POLICY
        and "'unsafe-inline'" not in (SCHEMA_VIEWER_POLICY.split("script-src")[1].split(";")[0])
    )


def test_hsts_only_when_served_over_tls(settings: Settings) -> None:
    with TestClient(app=create_app(replace(settings, secure_cookies=True))) as tls:
        hsts = tls.get("/").headers["strict-transport-security"]
    assert hsts.startswith("max-age=31536000")


def test_templates_need_no_inline_script_or_style() -> None:
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    found = {p.name: inline.findall(p.read_text()) for p in TEMPLATES.glob("*.html")}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_failed_bearer_attempts_are_limited_per_address(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
) -> None:
    client.app.state.api_throttle = ApiThrottle(failures_per_address=3)
    good = _token(settings)
    assert client.get("/api/v1/tokens", headers=_bearer(good)).status_code == 200
    for guess in ("rmr_guess_1", "rmr_guess_2", "Basic abc"):
        header = {"Authorization": guess} if " " in guess else _bearer(guess)
        assert client.get("/api/v1/tokens", headers=header).status_code == 401
    limited = client.get("/api/v1/tokens", headers=_bearer("rmr_guess_4"))
    assert limited.status_code == 429
    assert limited.headers["content-type"].startswith("application/problem+json")
    assert int(limited.headers["retry-after"]) > 0
    body = limited.json()
    assert body["status"] == 429 and body["title"] == "Too Many Requests"
    assert "Zu viele Versuche" in body["detail"] and "Too many attempts" in body["detail"]
    # while the address is limited even a good token waits; anonymous reading goes on
    assert client.get("/api/v1/tokens", headers=_bearer(good)).status_code == 429
    assert client.get("/api/v1/solutions").status_code == 200


def test_issuing_tokens_is_limited_per_account(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
) -> None:
    client.app.state.api_throttle = ApiThrottle(tokens_per_account=2)
    headers = _bearer(_token(settings))
    for _ in range(2):
        assert client.post("/api/v1/tokens", json={}, headers=headers).status_code == 201
    limited = client.post("/api/v1/tokens", json={}, headers=headers)
    assert limited.status_code == 429, limited.text
    assert limited.headers["retry-after"].isdigit()
    assert "POST /api/v1/tokens" in limited.json()["detail"]


#: The Redis the CI starts (``.ci/run``); rate-limit keys there say whose count they are.
REDIS_LIMITS = "redis://127.0.0.1:6379/0"


def _failing_guesses(client: TestClient, count: int) -> list[int]:  # type: ignore[type-arg]
    return [client.get("/api/v1/tokens", headers=_bearer(f"rmr_guess_{i}")).status_code
            for i in range(count)]  # fmt: skip


@pytest.mark.parametrize("shared", [False, True], ids=["memory", "redis"])
def test_workers_share_one_count_on_redis(settings: Settings, shared: bool) -> None:
    """Two app instances (two server workers): on Redis the limit holds for both together;
    in memory each counts its own."""
    if shared:
        settings = replace(settings, rate_limit_url=REDIS_LIMITS)
    with TestClient(app=create_app(settings)) as one, TestClient(app=create_app(settings)) as two:
        for worker in (one, two):
            state = worker.app.state
            state.api_throttle = ApiThrottle(failures_per_address=3, storage=state.rate_limits)
        one.app.state.api_throttle.bearer_failures.clear("testclient")  # an earlier run's
        try:
            assert _failing_guesses(one, 2) + _failing_guesses(two, 1) == [401, 401, 401]
            expected = 429 if shared else 401
            assert _failing_guesses(one, 1) == [expected]
            assert _failing_guesses(two, 1) == [expected]
        finally:
            one.app.state.api_throttle.bearer_failures.clear("testclient")


class _Collect(logging.Handler):
    """Keeps every formatted record (with tracebacks) the app logs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged() -> Iterator[_Collect]:
    root = logging.getLogger()
    handler, level = _Collect(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_tokens_and_passwords_never_appear_in_logs_errors_or_exports(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
    logged: _Collect,
    tmp_path: Path,
) -> None:
    bearer = _token(settings)
    seen: list[str] = []  # every response body and header that may not hold a secret

    def keep(response: object) -> None:
        seen.append(response.text + str(dict(response.headers)))  # type: ignore[attr-defined]

    # sign-in: a wrong password, then the right one
    csrf = _csrf(client.get("/login").text)
    wrong = "not the password at all"
    for password in (wrong, PASSWORD):
        keep(client.post("/login", data={"email": "a@example.org", "password": password,
                                         "_csrf_token": csrf}, follow_redirects=False))  # fmt: skip
    keep(client.get("/account"))
    # a token from the account page and one from the API: shown once, then never again
    page = client.post("/account/tokens", data={"scope": "read", "name": "form",
                                                "_csrf_token": csrf})  # fmt: skip
    from_form = re.search(r"rmr_[A-Za-z0-9_-]+", page.text)
    assert from_form is not None
    made = client.post("/api/v1/tokens", json={"scope": "read"}, headers=_bearer(bearer))
    from_api = made.json()["token"]
    for token in (bearer, from_form.group(0), from_api):
        keep(client.get("/api/v1/tokens", headers=_bearer(token)))
    keep(client.get("/account"))
    keep(client.delete(f"/api/v1/tokens/{from_api.split('_')[1]}", headers=_bearer(bearer)))
    keep(client.get("/api/v1/tokens", headers=_bearer(from_api)))  # revoked: 401
    keep(client.get("/api/v1/tokens", headers=_bearer(bearer + "x")))  # unknown: 401
    keep(client.post("/api/v1/tokens", json={"scope": "root"}, headers=_bearer(bearer)))  # 422
    env = {"REGISTRY_DATABASE_URL": settings.database_url}
    dump = tmp_path / "dump.jsonl"
    exported = CliRunner().invoke(cli, ["export", "dump", "-o", str(dump)], env=env)
    assert exported.exit_code == 0, exported.output
    seen.append(dump.read_text(encoding="utf-8"))
    secrets = [PASSWORD, wrong, bearer, from_form.group(0), from_api]
    for text in [*seen, *logged.lines]:
        for secret in secrets:
            assert secret not in text
    assert logged.lines  # the flow was logged at all (SQL, requests)


def test_registry_config_masks_every_secret() -> None:
    env = {
        "REGISTRY_SECRET_KEY": "s3cret-key-value",
        "REGISTRY_WEBHOOK_GITHUB_SECRET": "gh-hook-secret",
        "REGISTRY_WEBHOOK_GITLAB_TOKEN": "gl-hook-token",
        "REGISTRY_OIDC_CLIENT_SECRET": "oidc-client-secret",
        "REGISTRY_HOST_TOKENS": "github.com=ghp_hosttoken",
        "REGISTRY_DATABASE_URL": "postgresql://registry:db-password@db.example/registry",
    }
    shown = CliRunner().invoke(cli, ["config"], env=env)
    assert shown.exit_code == 0, shown.output
    for value in ("s3cret-key-value", "gh-hook-secret", "gl-hook-token", "oidc-client-secret",
                  "ghp_hosttoken", "db-password"):  # fmt: skip
        assert value not in shown.output
    assert "github.com=****" in shown.output and "registry:****@db.example" in shown.output
