"""The read API, exports and feed over HTTP, on SQLite and PostgreSQL, with the demo data."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from litestar.testing import TestClient

from registry.catalogue import CatalogueService, SolutionDraft, TextDraft
from registry.demo import load_demo
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.api.exports import safe_cell
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def client(
    database_factory: object,
) -> Iterator[Client]:
    settings = Settings(database_url=database_factory.new_url())  # type: ignore[attr-defined]
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
        CatalogueService(session).upsert_draft(
            SolutionDraft(
                name='=HYPERLINK("http://evil.example")',
                slug="formula",
                texts={"de": TextDraft(short_description="+cmd|' /C calc'!A0")},
            )
        )
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def test_search_answers_data_links_facets(client: Client) -> None:
    response = client.get("/api/v1/solutions", params={"q": "Beteiligung", "page[size]": "2"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["total"] == 7
    assert [item["slug"] for item in body["data"]] == ["adhocracy-plus", "consul-democracy"]
    assert body["data"][0]["url"].endswith("/api/v1/solutions/adhocracy-plus")
    assert body["data"][0]["publiccode_url"].endswith("/solutions/adhocracy-plus/publiccode.yml")
    assert {v["value"] for v in body["facets"]["domain"]} >= {"participation"}
    assert 'rel="next"' in response.headers["link"]
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["cache-control"].startswith("public")
    seen = [item["slug"] for item in body["data"]]
    url = body["links"]["next"]
    while url:
        page = client.get(url).json()
        assert "q=Beteiligung" in url  # the next link keeps the filters
        seen += [item["slug"] for item in page["data"]]
        url = page["links"].get("next")
    assert len(seen) == len(set(seen)) == 7


def test_facet_filters_combine(client: Client) -> None:
    body = client.get("/api/v1/solutions?domain=geodata&licence=GPL-2.0-or-later&page[size]=100")
    items = body.json()["data"]
    assert items and all(i["licence"] == "GPL-2.0-or-later" for i in items)
    assert all("geodata" in i["domains"] for i in items)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("domian=x", "domian"),
        ("domain=space", "domain"),
        ("page[size]=500", "page[size]"),
        ("page[after]=%%%", "page[after]"),
        ("sort=random", "sort"),
        ("adopters=lots", "adopters"),
        ("osi=maybe", "osi"),
        ("like=atlantis", "like"),
        ("state=BY&state=BE&q=a&q=b", "q"),
    ],
)
def test_bad_parameters_are_400_problems_naming_the_field(
    client: Client, query: str, field: str
) -> None:
    response = client.get(f"/api/v1/solutions?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["field"] == field and body["detail"].startswith(f"{field}: ")


def test_organisation_page_size_error_names_the_field(client: Client) -> None:
    response = client.get("/api/v1/organisations?page[size]=0")
    assert response.status_code == 400 and response.json()["field"] == "page[size]"


def test_solution_detail_and_conditional_get(client: Client) -> None:
    response = client.get("/api/v1/solutions/mucgpt")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "mucgpt" and body["publisher"] == "muenchen"
    assert body["publiccode_url"].endswith("/solutions/mucgpt/publiccode.yml")
    etag, modified = response.headers["etag"], response.headers["last-modified"]
    again = client.get("/api/v1/solutions/mucgpt", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    since = client.get("/api/v1/solutions/mucgpt", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    stale = client.get("/api/v1/solutions/mucgpt", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200
    missing = client.get("/api/v1/solutions/no-such-thing")
    assert missing.status_code == 404 and missing.json()["field"] == "slug"


def test_organisations_and_standards(client: Client) -> None:
    first = client.get("/api/v1/organisations?page[size]=5").json()
    assert len(first["data"]) == 5 and first["links"]["next"]
    second = client.get(first["links"]["next"]).json()
    assert first["data"][-1]["slug"] < second["data"][0]["slug"]
    muenchen = client.get("/api/v1/organisations/muenchen").json()
    assert set(muenchen["publishes"]) == {"eappointment", "mucgpt", "refarch"}
    assert muenchen["data"]["html_url"].endswith("/organisations/muenchen")
    assert client.get("/api/v1/organisations/atlantis").status_code == 404
    standards = client.get("/api/v1/standards").json()["data"]
    oparl = next(s for s in standards if s["id"] == "oparl")
    assert oparl["solutions"] == 1
    detail = client.get("/api/v1/standards/oparl").json()
    assert detail["consumed_by"] == {"meine-stadt-transparent": ["declared"]}
    assert client.get("/api/v1/standards/nope").status_code == 404


def test_csv_export_is_formula_safe(client: Client) -> None:
    response = client.get("/api/v1/export/solutions.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 33
    evil = next(r for r in rows if r["slug"] == "formula")
    assert evil["name"].startswith("'=") and evil["description_de"].startswith("'+")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert (
        client.get(
            "/api/v1/export/solutions.csv", headers={"If-None-Match": response.headers["etag"]}
        ).status_code
        == 304
    )


def test_safe_cell() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("Decidim") == "Decidim"
    assert safe_cell(None) == ""


def test_json_export_feed_and_dcat(client: Client) -> None:
    entries = client.get("/api/v1/export/solutions.json").json()
    assert len(entries) == 33 and {"slug", "publisher", "texts"} <= set(entries[0])
    feed = client.get("/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert len(titles) == 33 and '=HYPERLINK("http://evil.example")' in titles
    jsonld = client.get("/api/v1/catalog")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    nodes = {n["@id"]: n for n in jsonld.json()["@graph"]}
    catalogue = next(n for n in nodes.values() if n["@type"] == "dcat:Catalog")
    assert len(catalogue["dcat:dataset"]) == 26  # the exports and the first 25 solutions
    files = nodes[catalogue["dcat:dataset"][0]["@id"].split("#")[0] + "#exports"]
    formats = {
        nodes[d["@id"]]["dct:format"]["@id"].rsplit("/", 1)[1] for d in files["dcat:distribution"]
    }
    assert formats == {"JSON", "CSV", "ATOM"}
    turtle = client.get("/api/v1/catalog.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "a dcat:Catalog" in turtle.text and "a dcat:Distribution" in turtle.text


def test_openapi_lists_the_read_api_with_typed_responses(client: Client) -> None:
    schema = client.get("/schema/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/solutions",
        "/api/v1/solutions/{slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/standards",
        "/api/v1/standards/{standard_id}",
        "/api/v1/export/solutions.csv",
        "/api/v1/export/solutions.json",
        "/feed.atom",
        "/api/v1/catalog",
    ):
        assert "get" in paths[path], path
    listing = paths["/api/v1/solutions"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"q", "domain", "state", "page[size]", "page[after]", "like", "sort"} <= names
    assert "SolutionList" in str(listing["responses"]["200"])
    assert "text/csv" in paths["/api/v1/export/solutions.csv"]["get"]["responses"]["200"]["content"]
    assert "SolutionDetail" in schema["components"]["schemas"]
