"""Search over HTTP on the demo catalogue: the API and the page find what people type."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.demo import load_demo
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    """One migrated database per dialect with the demo catalogue (read-only)."""
    settings = Settings(database_url=database_factory.new_url())
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _api(client: Client, q: str) -> list[str]:
    response = client.get("/api/v1/solutions", params={"q": q, "page[size]": "100"})
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["data"]]


def test_the_api_finds_compounds_synonyms_and_no_false_prefix(client: Client) -> None:
    assert {"decidim", "consul-democracy", "adhocracy-plus"} <= set(
        _api(client, "Bürgerbeteiligung")
    )
    assert _api(client, "Mängelmelder")[0] == "signalen"
    assert "giessdenkiez" not in _api(client, "Parken")
    assert _api(client, "tree watering") == ["giessdenkiez"]  # English for "Bäume gießen"
    assert _api(client, "council information") == ["meine-stadt-transparent"]


def test_the_page_suggests_words_and_domains_on_zero_hits(client: Client) -> None:
    html = client.get("/solutions", params={"q": "Beteilgunq", "lang": "de"}).text
    assert "Meinten Sie:" in html
    assert '<a href="/solutions?q=Beteiligung">Beteiligung</a>' in html
    assert re.search(r'<a href="/solutions\?domain=participation">Beteiligung</a> \(7\)', html)
    english = client.get("/solutions", params={"q": "Beteilgunq", "lang": "en"}).text
    assert "Did you mean:" in english and "Closest fields of action:" in english


def test_the_page_says_when_hits_hold_only_some_words(client: Client) -> None:
    html = client.get("/solutions", params={"q": "Videokonferenz Moodle Mängelmelder"}).text
    assert 'id="search-relaxed"' in html
    assert '<a href="/solutions/bigbluebutton">' in html
    exact = client.get("/solutions", params={"q": "Videokonferenz Moodle"}).text
    assert 'id="search-relaxed"' not in exact


def test_the_api_says_how_it_matched_and_helps_on_zero_hits(client: Client) -> None:
    none = client.get("/api/v1/solutions", params={"q": "Beteilgunq"}).json()
    assert none["data"] == [] and none["meta"]["total"] == 0
    assert "Beteiligung" in none["meta"]["suggestions"]
    assert none["meta"]["domains"]["participation"] == 7
    some = client.get("/api/v1/solutions", params={"q": "Videokonferenz Moodle Mängelmelder"})
    assert some.json()["meta"]["relaxed"] is True and some.json()["data"]
    exact = client.get("/api/v1/solutions", params={"q": "Videokonferenz Moodle"}).json()
    assert exact["meta"]["relaxed"] is False and exact["meta"]["suggestions"] == []
