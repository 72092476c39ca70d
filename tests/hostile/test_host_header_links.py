"""Absolute links come from ``REGISTRY_PUBLIC_URL``, never from the request (issue 14,
finding 13).

The attack: ask for the feed, the DCAT catalogue, the API or the CSV export with
``Host: evil.example``; the body, cached publicly for 60 s, then sends every harvester
and reader to the attacker's site.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
PUBLIC = "https://software.example.de"
EVIL = "evil.example"


@pytest.fixture(scope="module")
def client(database_factory: object) -> Iterator[Client]:
    settings = Settings(database_url=database_factory.new_url(), public_url=PUBLIC)  # type: ignore[attr-defined]
    migrate_to_head(settings)
    with committed(settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.add(Organisation(slug="stadt-b", name="Stadt B", kind="municipality"))
        session.flush()
        for n in range(3):
            CatalogueService(session).upsert_draft(
                SolutionDraft(
                    name=f"Lösung {n}",
                    publisher=OrganisationRef(name="Stadt", slug=f"stadt-{'ab'[n % 2]}"),
                )
            )
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path",
    [
        "/feed.atom",
        "/api/v1/catalog",
        "/api/v1/catalog.ttl",
        "/api/v1/export/solutions.csv",
        "/api/v1/export/solutions.json",
        "/api/v1/solutions?page[size]=1",
        "/api/v1/solutions?page[size]=1&sort=name&page=2",
        "/api/v1/solutions/loesung-0",
        "/api/v1/organisations?page[size]=1",
        "/api/v1/organisations/stadt-a",
        "/api/v1/software?page[size]=1",
        "/api/v1/publishers?page[size]=1",
    ],
)
def test_no_link_in_a_public_body_comes_from_the_host_header(client: Client, path: str) -> None:
    response = client.get(path, headers={"Host": EVIL, "X-Forwarded-Host": EVIL})
    assert response.status_code == 200, response.text
    assert EVIL not in response.text
    assert EVIL not in response.headers.get("link", "")
    assert PUBLIC in response.text + response.headers.get("link", "")
