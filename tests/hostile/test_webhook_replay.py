"""A signed push replayed under a new delivery id queues nothing (issue 14, finding 11).

The attack: take one GitHub delivery (body and signature) seen on the wire and send it
again and again, each time with a fresh ``X-GitHub-Delivery`` (a header the signature
does not cover): every copy queued a new import. Now the signed content (repository,
ref and pushed commit) is what is accepted once, and one repository's pushes are
rate-limited.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from registry.crawl import PUSHES_PER_HOUR
from registry.db import make_engine
from registry.queue.models import QueueJob
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import migrate_to_head
from web.app import create_app

SECRET = "gh-secret"
REPO = "https://github.com/stadt/app"


@pytest.fixture
def settings(fresh_settings: Settings) -> Settings:
    settings = replace(fresh_settings, webhook_github_secret=SECRET)
    migrate_to_head(settings)
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _push(commit: str, repo: str = REPO) -> bytes:
    return json.dumps({"ref": "refs/heads/main", "after": commit,
                       "repository": {"html_url": repo}}).encode()  # fmt: skip


def _send(client: TestClient, body: bytes, delivery: str) -> int:  # type: ignore[type-arg]
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {"X-Hub-Signature-256": f"sha256={digest}", "X-GitHub-Event": "push",
               "X-GitHub-Delivery": delivery, "Content-Type": "application/json"}  # fmt: skip
    return client.post("/api/v1/hooks/github", content=body, headers=headers).status_code


def _jobs(settings: Settings) -> int:
    engine = make_engine(settings)
    try:
        with make_sessionmaker(engine)() as session:
            return int(session.scalar(select(func.count()).select_from(QueueJob)) or 0)
    finally:
        engine.dispose()


def test_the_same_signed_push_under_new_delivery_ids_is_refused(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
) -> None:
    body = _push("a" * 40)
    assert _send(client, body, "delivery-1") == 202
    replays = [_send(client, body, f"delivery-{n}") for n in range(2, 12)]
    assert replays == [409] * 10
    assert _jobs(settings) == 1


def test_a_new_commit_is_a_new_push(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    assert _send(client, _push("a" * 40), "d-1") == 202
    assert _send(client, _push("b" * 40), "d-2") == 202


def test_pushes_of_one_repository_are_rate_limited_others_are_not(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    statuses = [_send(client, _push(f"{n:040x}"), f"d-{n}") for n in range(PUSHES_PER_HOUR + 2)]
    assert statuses[:PUSHES_PER_HOUR] == [202] * PUSHES_PER_HOUR
    assert statuses[PUSHES_PER_HOUR:] == [429, 429]
    assert _send(client, _push("c" * 40, "https://github.com/stadt/other"), "o-1") == 202
