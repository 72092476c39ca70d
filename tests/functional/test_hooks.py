"""Webhooks over HTTP: GitHub HMAC signatures, GitLab tokens, replays, the queued job."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from litestar.testing import TestClient

from registry.db import make_engine
from registry.queue import DatabaseQueue
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import migrate_to_head
from web.app import create_app

SECRET = "gh-secret"
TOKEN = "gl-token"
PUSH = json.dumps(
    {"ref": "refs/heads/main", "repository": {"html_url": "https://github.com/stadt/app"}}
).encode()
GITLAB_PUSH = json.dumps(
    {"object_kind": "push", "project": {"web_url": "https://gitlab.opencode.de/stadt/app"}}
).encode()


@pytest.fixture
def settings(fresh_settings: Settings) -> Settings:
    settings = replace(fresh_settings, webhook_github_secret=SECRET, webhook_gitlab_token=TOKEN)
    migrate_to_head(settings)
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _signed(body: bytes, delivery: str, *, secret: str = SECRET, event: str = "push") -> dict:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "X-GitHub-Event": event,
            "X-GitHub-Delivery": delivery, "Content-Type": "application/json"}  # fmt: skip


def _job(settings: Settings, job_id: str):
    engine = make_engine(settings)
    try:
        return asyncio.run(DatabaseQueue(make_sessionmaker(engine)).get(job_id))
    finally:
        engine.dispose()


def test_a_signed_github_push_queues_a_reimport(client: TestClient, settings: Settings):
    answer = client.post("/api/v1/hooks/github", content=PUSH, headers=_signed(PUSH, "d-1"))
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["status"] == "queued" and body["job"]
    job = _job(settings, body["job"])
    assert job is not None and job.kind == "repository"
    assert job.key == "repository:https://github.com/stadt/app" and job.status == "queued"


def test_a_replayed_delivery_is_refused(client: TestClient):
    assert client.post("/api/v1/hooks/github", content=PUSH,
                       headers=_signed(PUSH, "d-2")).status_code == 202  # fmt: skip
    again = client.post("/api/v1/hooks/github", content=PUSH, headers=_signed(PUSH, "d-2"))
    assert again.status_code == 409 and "d-2" in again.json()["detail"]


def test_a_second_push_while_queued_is_not_queued_twice(client: TestClient):
    client.post("/api/v1/hooks/github", content=PUSH, headers=_signed(PUSH, "d-3"))
    newer = json.dumps({**json.loads(PUSH), "after": "b" * 40}).encode()
    second = client.post("/api/v1/hooks/github", content=newer, headers=_signed(newer, "d-4"))
    assert second.status_code == 202 and second.json() == {"status": "already-queued",
                                                          "job": None}  # fmt: skip


@pytest.mark.parametrize(
    "headers",
    [
        {"X-GitHub-Event": "push", "X-GitHub-Delivery": "x"},
        _signed(PUSH, "x", secret="wrong"),
        {**_signed(PUSH, "x"), "X-Hub-Signature-256": "sha1=abc"},
    ],
    ids=["missing", "wrong-secret", "wrong-scheme"],
)
def test_bad_signatures_are_forbidden(client: TestClient, headers: dict[str, str]):
    answer = client.post("/api/v1/hooks/github", content=PUSH, headers=headers)
    assert answer.status_code == 403 and answer.json()["field"] == "X-Hub-Signature-256"


def test_a_tampered_body_is_forbidden(client: TestClient):
    headers = _signed(PUSH, "d-5")
    tampered = PUSH.replace(b"stadt/app", b"evil/app")
    assert client.post("/api/v1/hooks/github", content=tampered,
                       headers=headers).status_code == 403  # fmt: skip


def test_other_events_are_ignored_and_bad_bodies_named(client: TestClient):
    ping = client.post("/api/v1/hooks/github", content=b"{}",
                       headers=_signed(b"{}", "p-1", event="ping"))  # fmt: skip
    assert ping.status_code == 202 and ping.json()["status"] == "ignored"
    bad = client.post("/api/v1/hooks/github", content=b"{}", headers=_signed(b"{}", "p-2"))
    assert bad.status_code == 422 and bad.json()["field"] == "repository.html_url"
    junk = client.post("/api/v1/hooks/github", content=b"not json",
                       headers=_signed(b"not json", "p-3"))  # fmt: skip
    assert junk.status_code == 422 and junk.json()["field"] == "body"


def test_gitlab_token_push_and_replay(client: TestClient, settings: Settings):
    headers = {"X-Gitlab-Token": TOKEN, "X-Gitlab-Event": "Push Hook",
               "X-Gitlab-Event-UUID": "g-1"}  # fmt: skip
    answer = client.post("/api/v1/hooks/gitlab", content=GITLAB_PUSH, headers=headers)
    assert answer.status_code == 202, answer.text
    job = _job(settings, answer.json()["job"])
    assert job is not None and job.key == "repository:https://gitlab.opencode.de/stadt/app"
    assert client.post("/api/v1/hooks/gitlab", content=GITLAB_PUSH,
                       headers=headers).status_code == 409  # fmt: skip
    wrong = client.post("/api/v1/hooks/gitlab", content=GITLAB_PUSH,
                        headers={**headers, "X-Gitlab-Token": "nope"})  # fmt: skip
    assert wrong.status_code == 403 and wrong.json()["field"] == "X-Gitlab-Token"
    anonymous = {"X-Gitlab-Token": TOKEN, "X-Gitlab-Event": "Push Hook"}
    no_id = client.post("/api/v1/hooks/gitlab", content=GITLAB_PUSH, headers=anonymous)
    assert no_id.status_code == 422 and no_id.json()["field"] == "delivery_id"


def test_unconfigured_webhooks_are_forbidden(fresh_settings: Settings):
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as client:
        answer = client.post("/api/v1/hooks/github", content=PUSH, headers=_signed(PUSH, "u"))
    assert answer.status_code == 403 and "secret" in answer.json()["detail"]
