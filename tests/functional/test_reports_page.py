"""A funder prints the requirement-profile report for what it funds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.demo import load_demo
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    with committed(settings) as session:
        load_demo(session)
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def test_the_funder_report_lists_every_rule_with_evidence_and_fix(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    page = client.get("/reports/smart-city-mpsc?funded_by=bmbf&lang=de")
    assert page.status_code == 200
    assert 'role="status"' in page.text and "Lösungen geprüft" in page.text
    assert "Nach diesem Profil zählt eine unbekannte Regel als nicht erfüllt." in page.text
    english = client.get("/reports/pmpc?funded_by=bmbf&lang=en")
    # pmpc fails a rule for these entries: its fix is shown, in English
    assert english.status_code == 200 and "<strong>Fix:</strong> Add" in english.text


def test_the_report_page_needs_a_funder_or_solutions(client: TestClient) -> None:  # type: ignore[type-arg]
    assert client.get("/reports").status_code == 200
    missing = client.get("/reports/smart-city-mpsc", headers={"Accept": "text/html"})
    assert missing.status_code == 422
    assert client.get("/reports/no-such-profile?funded_by=bmbf").status_code == 404
    one = client.get("/reports/smart-city-mpsc?solution=masterportal&lang=en")
    assert one.status_code == 200 and "Masterportal" in one.text
