"""``POST /api/v1/imports`` end to end: tokens, membership, the in-process worker, a real
repository served over smart HTTP on loopback (``git http-backend``)."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import AccountService
from registry.audit import AuditEvent
from registry.catalogue.models import Solution
from registry.cli._serve import run_claimed
from registry.db import make_engine
from registry.organisations import Organisation
from registry.queue import DatabaseQueue
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import SampleRepo, build_sample_repo
from tests.fixtures.httpgit import HttpGit, serving
from web.app import create_app

PASSWORD = "a long enough password"


@pytest.fixture(scope="session")
def http_git(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpGit]:
    """A smart-HTTP git server on 127.0.0.1 serving ``sample.git`` (and nothing else)."""
    root = tmp_path_factory.mktemp("http-git")
    sample: SampleRepo = build_sample_repo(root / "sample.git")
    assert sample.head
    with serving(root) as server:
        yield server


@dataclass
class World:
    client: TestClient  # type: ignore[type-arg]
    settings: Settings
    tokens: dict[str, str]


def build_world(
    settings: Settings, tmp_path: Path, *, worker: bool = True
) -> tuple[Settings, dict[str, str]]:
    """A migrated database with two towns, their members and tokens; the app's settings."""
    settings = dataclasses.replace(
        settings, allow_private_addresses=True, git_cache_dir=tmp_path / "cache" / "git"
    )
    migrate_to_head(settings)
    engine = make_engine(settings)
    tokens: dict[str, str] = {}
    with make_sessionmaker(engine)() as session, session.begin():
        session.add_all([
            Organisation(slug="stadt-a", name="Stadt A", kind="municipality"),
            Organisation(slug="stadt-b", name="Stadt B", kind="municipality"),
        ])  # fmt: skip
        session.flush()
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a", password=PASSWORD)
        accounts.create("b@example.org", role="member", organisation="stadt-b", password=PASSWORD)
        tokens["a"] = accounts.issue_token("a@example.org", scope="publish").token
        tokens["a_read"] = accounts.issue_token("a@example.org", scope="read").token
        tokens["b"] = accounts.issue_token("b@example.org", scope="publish").token
    engine.dispose()
    del worker
    return settings, tokens


def make_app(settings: Settings, *, worker: bool = True) -> Any:
    """The app as ``registry serve`` builds it (with the in-process worker) or without."""
    runner = partial(run_claimed, settings) if worker else None
    return create_app(settings, job_runner=runner)


@pytest.fixture
def world(fresh_settings: Settings, tmp_path: Path) -> Iterator[World]:
    settings, tokens = build_world(fresh_settings, tmp_path)
    with TestClient(app=make_app(settings)) as client:
        yield World(client, settings, tokens)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_until_finished(settings: Settings, job_id: str, timeout: float = 90) -> None:
    """Watch the queue (reading only) until the in-process worker has finished the job.

    Not through the API: on SQLite a bearer-token request (it writes the token's
    last-used time after reading) fails while the import holds the write lock; see
    the report on ``BEGIN IMMEDIATE`` in registry/db/engine.py.
    """
    engine = make_engine(settings)
    queue = DatabaseQueue(make_sessionmaker(engine))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            view = asyncio.run(queue.get(job_id))
            if view is not None and view.status in {"done", "failed"}:
                return
            time.sleep(0.2)
    finally:
        engine.dispose()
    raise AssertionError(f"import {job_id} did not finish")


def wait_for(client: TestClient, settings: Settings, job_id: str, token: str) -> dict[str, Any]:  # type: ignore[type-arg]
    """The job through the API, once it is done or failed."""
    wait_until_finished(settings, job_id)
    response = client.get(f"/api/v1/imports/{job_id}", headers=auth(token))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_writes_need_a_publish_token_and_membership(world: World, http_git: HttpGit) -> None:
    body = {"url": http_git.url("sample.git"), "organisation": "stadt-a"}
    anonymous = world.client.post("/api/v1/imports", json=body)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    read_only = world.client.post(
        "/api/v1/imports", json=body, headers=auth(world.tokens["a_read"])
    )
    assert read_only.status_code == 403 and read_only.json()["field"] == "scope"
    other_town = world.client.post("/api/v1/imports", json=body, headers=auth(world.tokens["b"]))
    assert other_town.status_code == 403 and other_town.json()["field"] == "organisation"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "https://git.example.org/a/app"}, "organisation"),
        ({"url": "https://git.example.org/a/app", "organisation": "nowhere"}, "organisation"),
        ({"organisation": "stadt-a"}, "url"),
        ({"url": "ftp://git.example.org/a/app", "organisation": "stadt-a"}, "url"),
        ({"url": "https://user:pw@git.example.org/a/app", "organisation": "stadt-a"}, "url"),
        ({"url": "https://git.example.org/" + "a" * 600, "organisation": "stadt-a"}, "url"),
        ({"url": "https://x.org/a/b", "publiccode": "name: x", "organisation": "stadt-a"}, "url"),
        ({"url": "https://x.org/a/b", "kind": "mirror", "organisation": "stadt-a"}, "kind"),
    ],
)
def test_bad_submissions_are_422_naming_the_field(
    world: World, body: dict[str, str], field: str
) -> None:
    response = world.client.post("/api/v1/imports", json=body, headers=auth(world.tokens["a"]))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


def test_openapi_documents_the_imports_with_their_security(world: World) -> None:
    schema = world.client.get("/schema/openapi.json").json()
    create = schema["paths"]["/api/v1/imports"]["post"]
    assert create["security"] == [{"bearerToken": []}]
    assert "202" in create["responses"]
    poll = schema["paths"]["/api/v1/imports/{job_id}"]["get"]
    assert poll["operationId"] == "GetImport" and poll["security"] == [{"bearerToken": []}]


def test_a_repository_is_imported_in_process_for_its_publisher(
    world: World, http_git: HttpGit
) -> None:
    token = world.tokens["a"]
    body = {"url": http_git.url("sample.git"), "organisation": "stadt-a"}
    accepted = world.client.post("/api/v1/imports", json=body, headers=auth(token))
    assert accepted.status_code == 202, accepted.text
    job = accepted.json()
    assert job["status"] in {"queued", "running", "done"} and job["kind"] == "repository"
    assert job["links"]["self"] == f"/api/v1/imports/{job['id']}"
    done = wait_for(world.client, world.settings, job["id"], token)
    assert done["status"] == "done", done
    assert done["action"] == "created" and done["solution"] == "maengelmelder"
    assert any("publiccode.yml" in w for w in done["warnings"])  # the sample's file is invalid
    engine = make_engine(world.settings)
    with make_sessionmaker(engine)() as session:
        solution = session.scalars(select(Solution).where(Solution.slug == "maengelmelder")).one()
        publisher = session.get_one(Organisation, solution.publisher_id)
        actors = session.scalars(
            select(AuditEvent.actor).where(
                AuditEvent.entity_type == "solution", AuditEvent.entity_id == solution.id
            )
        ).all()
    engine.dispose()
    assert publisher.slug == "stadt-a"
    assert "account:a@example.org" in actors
    # the publisher's members may now edit it, others may not
    edit = {"governance": "single-owner"}
    mine = world.client.patch("/api/v1/solutions/maengelmelder", json=edit, headers=auth(token))
    assert mine.status_code == 200, mine.text
    theirs = world.client.patch(
        "/api/v1/solutions/maengelmelder", json=edit, headers=auth(world.tokens["b"])
    )
    assert theirs.status_code == 403
    # another town can neither read the job
    peek = world.client.get(f"/api/v1/imports/{job['id']}", headers=auth(world.tokens["b"]))
    assert peek.status_code == 403


def test_a_failing_import_reports_its_reason(world: World, http_git: HttpGit) -> None:
    token = world.tokens["a"]
    body = {"url": http_git.url("missing.git"), "organisation": "stadt-a"}
    accepted = world.client.post("/api/v1/imports", json=body, headers=auth(token))
    assert accepted.status_code == 202
    failed = wait_for(world.client, world.settings, accepted.json()["id"], token)
    assert failed["status"] == "failed" and failed["solution"] is None
    assert len(failed["reasons"]) == 1
    assert "nicht lesbar / unreadable" in failed["reasons"][0]
    missing = world.client.get("/api/v1/imports/999999", headers=auth(token))
    assert missing.status_code == 404


def test_a_publiccode_yml_is_published_and_the_same_url_is_not_queued_twice(
    fresh_settings: Settings, tmp_path: Path
) -> None:
    settings, tokens = build_world(fresh_settings, tmp_path)
    text = (
        "publiccodeYmlVersion: '0.4'\nname: Bürgerportal\nurl: https://git.example.org/a/portal\n"
    )
    with TestClient(app=make_app(settings, worker=False)) as client:
        body = {"publiccode": text, "organisation": "stadt-a"}
        first = client.post("/api/v1/imports", json=body, headers=auth(tokens["a"]))
        assert first.status_code == 202 and first.json()["status"] == "queued"
        assert first.json()["kind"] == "publiccode" and first.json()["source"] == "publiccode.yml"
        again = client.post("/api/v1/imports", json=body, headers=auth(tokens["a"]))
        assert again.status_code == 409 and again.json()["field"] == "url"
    # the in-process worker of the next start runs what was queued
    with TestClient(app=make_app(settings)) as client:
        done = wait_for(client, settings, first.json()["id"], tokens["a"])
    assert done["status"] == "done" and done["action"] == "created"
    assert done["solution"] == "buergerportal"
    assert done["warnings"] and "ungültig / invalid" in done["warnings"][0]
