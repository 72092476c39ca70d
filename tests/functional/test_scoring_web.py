"""Scores, profiles and badges over HTTP, against the demo catalogue."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from litestar.testing import TestClient

from registry.demo import load_demo
from registry.scoring import ScoringService
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    settings = Settings(database_url=database_factory.new_url())
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
        service = ScoringService(session)
        service.rescore_many(service.solutions(), now=datetime(2026, 11, 1, tzinfo=UTC))
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def test_score_explains_every_check_in_the_requested_language(client: Client) -> None:
    german = client.get("/api/v1/solutions/os2iot/score?lang=de")
    assert german.status_code == 200
    body = german.json()
    assert body["silo"] == "risk" and body["current"] is True
    assert {r["id"] for r in body["silo_reasons"]} == {"SI-IF", "SI-OP"}
    assert body["silo_reasons"][0]["title"] and body["silo_reasons"][0]["clear"]
    o1 = next(c for c in body["checks"] if c["id"] == "O1")
    assert o1["status"] == "fail" and o1["fix"].startswith("maintenance.type")
    assert o1["rule"].startswith("Die Wartung") and o1["dimension_name"] == "Betriebsmodell"
    assert o1["evidence"] and o1["anchors"]
    assert len(body["history"]) == 1 and body["history"][0]["current"] is True
    english = client.get("/api/v1/solutions/os2iot/score?lang=en").json()
    assert next(c for c in english["checks"] if c["id"] == "O1")["rule"].startswith("Maintenance")


def test_profiles_are_listed_and_shown(client: Client) -> None:
    listed = client.get("/api/v1/profiles?lang=de").json()
    names = {p["name"] for p in listed}
    assert names == {"smart-city-mpsc", "pmpc", "sfpc-automatable", "dpg-automatable"}
    mpsc = next(p for p in listed if p["name"] == "smart-city-mpsc")
    assert mpsc["title"].startswith("Förderbedingung") and mpsc["unknown_as"] == "fail"
    shown = client.get("/api/v1/profiles/pmpc").json()
    assert shown["profile"] == "pmpc" and shown["rules"]["all"][0]["id"] == "licence-file"


def test_profile_report_in_every_format(client: Client) -> None:
    base = "/api/v1/solutions/masterportal/profiles/smart-city-mpsc"
    report = client.get(base).json()
    assert report["verdict"] == "fail" and report["solution"] == "masterportal"
    assert report["rules"]["children"][0]["verdict"] == "pass"
    page = client.get(f"{base}?format=html&lang=de")
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in page.text and "NICHT ERFÜLLT" in page.text
    table = client.get(f"{base}?format=csv")
    assert table.headers["content-type"].startswith("text/csv")
    assert "attachment" in table.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[0][0] == "Solution" and len(rows) == 8
    text = client.get(f"{base}?format=text")
    assert text.text.startswith("Profile smart-city-mpsc")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/solutions/nope/score", "/api/v1/profiles/nope",
     "/api/v1/solutions/masterportal/profiles/nope", "/api/v1/solutions/nope/profiles/pmpc",
     "/badges/nope.json", "/badges/masterportal.png"],
)  # fmt: skip
def test_unknown_slug_or_profile_is_404_problem_json(client: Client, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_bad_query_values_are_rejected(client: Client) -> None:
    assert client.get("/api/v1/solutions/qgis/score?lang=fr").status_code == 400
    response = client.get("/api/v1/solutions/qgis/profiles/pmpc?format=pdf")
    assert response.status_code == 400


@pytest.mark.parametrize(("lang", "word"), [("de", "unbekannt"), ("en", "unknown")])
def test_unknown_slug_badge_is_an_svg_saying_unknown_with_404(
    client: Client, lang: str, word: str
) -> None:
    response = client.get(f"/badges/nope.svg?lang={lang}", headers={"Accept": "image/*"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg") and f": {word}</title>" in response.text


def test_svg_badge_is_accessible(client: Client) -> None:
    response = client.get("/badges/os2iot.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.text)
    assert root.get("role") == "img"
    assert "silo risk" in (root.get("aria-label") or "")


def test_json_badge_is_a_shields_endpoint_with_the_explanation(client: Client) -> None:
    full = client.get("/badges/masterportal.json").json()
    assert full["schemaVersion"] == 1 and full["label"] == "reuse"
    assert full["silo"] == "no" and isinstance(full["score"], int)
    assert full["checks"] and {"status", "evidence", "rule"} <= set(full["checks"][0])
    strict = client.get("/badges/masterportal.json?shields=true").json()
    assert set(strict) == {"schemaVersion", "label", "message", "color", "cacheSeconds"}
    assert strict["message"] == full["message"]


def test_solution_page_shows_its_badge_and_the_snippet_to_embed(client: Client) -> None:
    page = client.get("/solutions/masterportal?lang=de").text
    assert '<img src="/badges/masterportal.svg?lang=de" alt="Nachnutzbarkeit von' in page
    snippet = re.search(r'<textarea id="badge-md"[^>]*>([^<]+)</textarea>', page)
    assert snippet is not None
    public = "http://127.0.0.1:8000"  # REGISTRY_PUBLIC_URL's default, never the Host header
    assert f"]({public}/badges/masterportal.svg?lang=de)]({public}/solutions/masterportal)" in (
        snippet.group(1)
    )
    assert client.get("/badges/masterportal.svg?lang=de").status_code == 200
