"""Attack: a member of Stadt B imports what is already Stadt A's entry, to take it over.

Before the ownership rule (``registry.imports.ownership``) the import matched A's entry by
its repository URL, overwrote it and moved the publisher to B. Every write path is tried:
the API with a repository URL and with a publiccode.yml, the publish form, and the
repository import a crawl runs; the entry written is checked, not only the answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from importers.repository import import_repository
from registry.accounts import AccountService
from registry.audit import AuditEvent
from registry.catalogue import CatalogueService, SolutionDraft
from registry.catalogue.models import Solution
from registry.imports import ImportLogEntry, ImportRun, Writer, acting_for
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed
from tests.functional.test_imports_api import (
    PASSWORD,
    HttpGit,
    auth,
    build_world,
    http_git,
    make_app,
    wait_for,
)
from tests.functional.test_publish import _csrf, _signed_in

__all__ = ["http_git"]

PORTAL = "https://git.example.org/a/portal"


def _publiccode(name: str, url: str = PORTAL) -> str:
    return f"publiccodeYmlVersion: '0.4'\nname: {name}\nurl: {url}\n"


@pytest.fixture
def settings(fresh_settings: Settings, tmp_path: Path) -> Settings:
    settings, _tokens = build_world(fresh_settings, tmp_path)
    return settings


@pytest.fixture
def tokens(settings: Settings) -> dict[str, str]:
    with committed(settings) as session:
        accounts = AccountService(session)
        accounts.create("root@example.org", role="admin", password=PASSWORD)
        return {
            "a": accounts.issue_token("a@example.org", scope="publish").token,
            "b": accounts.issue_token("b@example.org", scope="publish").token,
            "admin": accounts.issue_token("root@example.org", scope="admin").token,
        }


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=make_app(settings)) as test_client:
        yield test_client


def _publish(client: TestClient, settings: Settings, token: str, **body: Any) -> dict[str, Any]:  # type: ignore[type-arg]
    accepted = client.post("/api/v1/imports", json=body, headers=auth(token))
    assert accepted.status_code == 202, accepted.text
    return wait_for(client, settings, accepted.json()["id"], token)


def _entry(settings: Settings, slug: str) -> dict[str, Any]:
    with committed(settings) as session:
        solution = session.scalars(select(Solution).where(Solution.slug == slug)).one()
        publisher = (session.get(Organisation, solution.publisher_id)
                     if solution.publisher_id else None)  # fmt: skip
        return {"name": solution.name, "publisher": publisher.slug if publisher else None,
                "id": solution.id, "publiccode_raw": solution.publiccode_raw}  # fmt: skip


def _refusals(settings: Settings) -> list[tuple[str, str, str]]:
    """(run kind, actor, message) of every refused line on the import log."""
    with committed(settings) as session:
        rows = session.execute(
            select(ImportRun.kind, ImportRun.requested_by, ImportLogEntry.message)
            .join(ImportRun, ImportLogEntry.run_id == ImportRun.id)
            .where(ImportLogEntry.action == "refused")
        ).all()
        return [(kind, actor, message or "") for kind, actor, message in rows]


def test_a_repository_url_of_another_towns_entry_is_refused_with_409(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
    tokens: dict[str, str],
    http_git: HttpGit,
) -> None:
    url = http_git.url("sample.git")
    done = _publish(client, settings, tokens["a"], url=url, organisation="stadt-a")
    assert done["status"] == "done" and done["solution"] == "maengelmelder"
    before = _entry(settings, "maengelmelder")
    attack = client.post(
        "/api/v1/imports", json={"url": url, "organisation": "stadt-b"}, headers=auth(tokens["b"])
    )
    assert attack.status_code == 409, attack.text
    problem = attack.json()
    assert problem["field"] == "url" and "Stadt A" in problem["detail"]
    assert "transfer" in problem["detail"]
    assert _entry(settings, "maengelmelder") == before  # still A's, unchanged
    assert _refusals(settings) == [("publish", "account:b@example.org", problem["detail"])]
    # A's members still edit their entry; B can neither edit nor delete it
    edit = {"governance": "single-owner"}
    assert client.patch("/api/v1/solutions/maengelmelder", json=edit,
                        headers=auth(tokens["a"])).status_code == 200  # fmt: skip
    gone = client.delete("/api/v1/solutions/maengelmelder", headers=auth(tokens["b"]))
    assert gone.status_code == 403


def test_a_publiccode_yml_naming_another_towns_repository_is_refused_and_logged(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
    tokens: dict[str, str],
) -> None:
    created = _publish(client, settings, tokens["a"], publiccode=_publiccode("Bürgerportal"),
                       organisation="stadt-a")  # fmt: skip
    assert created["status"] == "done" and created["solution"] == "buergerportal"
    before = _entry(settings, "buergerportal")
    failed = _publish(client, settings, tokens["b"], publiccode=_publiccode("Übernommen"),
                      organisation="stadt-b")  # fmt: skip
    assert failed["status"] == "failed" and failed["solution"] is None
    assert "Stadt A" in failed["reasons"][0] and "buergerportal" in failed["reasons"][0]
    assert _entry(settings, "buergerportal") == before
    [(kind, actor, message)] = _refusals(settings)
    assert kind == "publiccode" and actor == "account:b@example.org" and "Stadt A" in message
    with committed(settings) as session:
        names = session.scalars(select(Solution.name)).all()
    assert names == ["Bürgerportal"]  # nothing half-written either


def test_an_admins_import_updates_but_never_moves_an_entry(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
    tokens: dict[str, str],
) -> None:
    _publish(client, settings, tokens["a"], publiccode=_publiccode("Bürgerportal"),
             organisation="stadt-a")  # fmt: skip
    done = _publish(client, settings, tokens["admin"], publiccode=_publiccode("Bürgerportal 2"),
                    organisation="stadt-b")  # fmt: skip
    assert done["status"] == "done" and done["action"] == "updated", done
    entry = _entry(settings, "buergerportal")
    assert entry["name"] == "Bürgerportal 2" and entry["publisher"] == "stadt-a"


def test_an_entry_without_publisher_is_taken_only_with_proof(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
    tokens: dict[str, str],
) -> None:
    url = "https://code.stadt-b.de/b/tool"
    with committed(settings) as session:  # the operator's import: nobody publishes it yet
        CatalogueService(session).upsert_draft(SolutionDraft(name="Tool", url=url))
    refused = _publish(client, settings, tokens["b"], publiccode=_publiccode("Tool", url),
                       organisation="stadt-b")  # fmt: skip
    assert refused["status"] == "failed" and "keinen Herausgeber" in refused["reasons"][0]
    assert _entry(settings, "tool")["publisher"] is None
    with committed(settings) as session:
        org = session.scalars(select(Organisation).where(Organisation.slug == "stadt-b")).one()
        org.verified_domains = ["stadt-b.de"]
    done = _publish(client, settings, tokens["b"], publiccode=_publiccode("Tool", url),
                    organisation="stadt-b")  # fmt: skip
    assert done["status"] == "done", done
    assert _entry(settings, "tool")["publisher"] == "stadt-b"


def test_the_publish_form_refuses_another_towns_repository_in_one_language(
    client: TestClient,  # type: ignore[type-arg]
    settings: Settings,
) -> None:
    url = "https://git.example.org/a/ratsinfo"
    with committed(settings) as session:
        CatalogueService(session).upsert_draft(SolutionDraft(name="Ratsinfo", url=url))
        solution = session.scalars(select(Solution)).one()
        solution.publisher_id = session.scalars(
            select(Organisation.id).where(Organisation.slug == "stadt-a")
        ).one()
    _signed_in(client, "b@example.org")
    pages = {}
    for lang in ("de", "en"):
        token = _csrf(client.get("/publish").text)
        pages[lang] = client.post(
            f"/publish?lang={lang}",
            data={"organisation": "stadt-b", "repository_url": url, "action": "publish",
                  "_csrf_token": token},
            files={"publiccode_file": ("", b"", "application/octet-stream")},
            follow_redirects=False,
        )  # fmt: skip
    assert pages["de"].status_code == 409 and pages["en"].status_code == 409
    assert "wird schon von „Stadt A“ veröffentlicht" in pages["de"].text
    assert "already published by" not in pages["de"].text
    assert "is already published by “Stadt A”" in pages["en"].text
    assert 'aria-invalid="true"' in pages["en"].text
    assert _entry(settings, "ratsinfo")["publisher"] == "stadt-a"


def test_a_repository_import_for_another_town_leaves_the_entry_and_its_repository(
    settings: Settings, http_git: HttpGit
) -> None:
    """The path every crawl of an organisation's code source takes, per repository."""
    url = http_git.url("sample.git")
    now = datetime.now(UTC)
    with committed(settings) as session:
        a, b = (session.scalars(select(Organisation.id).where(Organisation.slug == s)).one()
                for s in ("stadt-a", "stadt-b"))  # fmt: skip
        with acting_for(session, Writer(a)):
            first = import_repository(session, url, settings=settings, now=now, url=url)
            assert first.action == "created" and first.solution is not None
            first.solution.publisher_id = a
    with committed(settings) as session:
        repository = session.scalars(select(Solution)).one().repositories[0]
        status_before = (repository.import_status, repository.import_error, repository.imported_at)
        events_before = session.scalars(select(AuditEvent.id)).all()
        with acting_for(session, Writer(b)):
            second = import_repository(session, url, settings=settings, now=now, url=url)
        assert second.action == "refused" and second.solution is None
        assert second.error and "Stadt A" in second.error
        session.flush()
        repository = session.scalars(select(Solution)).one().repositories[0]
        assert (
            repository.import_status,
            repository.import_error,
            repository.imported_at,
        ) == status_before
        assert session.scalars(select(AuditEvent.id)).all() == events_before
