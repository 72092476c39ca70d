"""The web shell: health, home page, language switch, error mapping."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.catalogue import CatalogueService, SolutionDraft, TextDraft
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app


@pytest.fixture
def client(fresh_settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def _add_entry(settings: Settings) -> None:
    with committed(settings) as session:
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Bürgerhaushalt <b>", url="https://git.example.org/a/b", licence="EUPL-1.2",
            domains=("participation",),
            texts={"de": TextDraft(short_description="Beteiligung am Haushalt"),
                   "en": TextDraft(short_description="Participatory budgeting")},
        ))  # fmt: skip


def test_health_reports_database_and_head(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["up_to_date"] is True
    assert body["migration_current"] == body["migration_head"] is not None


def test_health_degrades_on_an_unmigrated_database(fresh_settings: Settings) -> None:
    with TestClient(app=create_app(fresh_settings)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["up_to_date"] is False


def test_home_lists_the_catalogue_in_both_languages(
    client: TestClient,
    fresh_settings: Settings,  # type: ignore[type-arg]
) -> None:
    _add_entry(fresh_settings)
    german = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert german.status_code == 200
    assert '<html lang="de">' in german.text
    assert "Beteiligung am Haushalt" in german.text and "Beteiligung</dd>" in german.text
    assert "Bürgerhaushalt &lt;b&gt;" in german.text  # escaped, never raw HTML
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text
    assert "Participatory budgeting" in english.text


def test_language_choice_is_remembered(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/lang/en?next=/", follow_redirects=False)
    assert response.status_code in {302, 303, 307}
    assert response.headers["location"] == "/"
    assert "lang=en" in response.headers["set-cookie"]
    client.cookies.set("lang", "en")
    page = client.get("/", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in page.text


def test_open_redirects_are_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/lang/de?next=//evil.example", follow_redirects=False)
    assert response.headers["location"] == "/"


def test_unknown_paths_are_404_problem_json(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404
    page = client.get("/nothing-here", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]


def test_openapi_document_is_served(client: TestClient) -> None:  # type: ignore[type-arg]
    schema = client.get("/schema/openapi.json").json()
    assert "/health" in schema["paths"]
