"""Hostile text in names and descriptions is inert in every output (issue 9).

One entry whose every free-text field carries HTML, script, a Markdown link to
``javascript:`` and quotes, under a publisher with a hostile name, plus one entry per
spreadsheet formula prefix. Each output is checked in its own terms: HTML pages and the
profile report escape it, the Atom feed and the SVG badge parse as XML without injected
elements, JSON and publiccode.yml round-trip it as plain data, CSV cells cannot start a
formula. Descriptions are never rendered as Markdown (no renderer, so no sanitiser needed):
they are shown as escaped text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
import yaml
from litestar.testing import TestClient

from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft, TextDraft
from registry.catalogue import models as m
from registry.db import utcnow
from registry.organisations import Organisation
from registry.scoring import badge_svg, rescore
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]

SCRIPT = '<script>alert("x")</script>'
NAME = f'Evil {SCRIPT} "quoted" & <b>bold</b>'
ORG = f"Stadt <img src=x onerror=alert(1)> {SCRIPT}"
SHORT = f"Kurz <iframe src=//evil.example></iframe> {SCRIPT}"
LONG = f'**fett** [click](javascript:alert(1)) <a href="javascript:alert(2)">a</a> {SCRIPT}'
FEATURE = f"<svg onload=alert(3)> {SCRIPT}"
FORMULAS = {"eq": "=1+1", "plus": "+1+1", "minus": "-1+1", "at": "@SUM(A1)",
            "tab": "\t=1+1", "cr": "\r=1+1"}  # fmt: skip
RAW = ("<script", "<img", "<iframe", "<svg", "<b>")
#: A real link to script, as opposed to the same characters shown as text.
SCRIPT_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """SQLite only: escaping happens after the database, in templates and serialisers."""
    folder = tmp_path_factory.mktemp("hostile")
    settings = Settings(database_url=f"sqlite:///{folder / 'hostile.sqlite3'}")
    migrate_to_head(settings)
    with committed(settings) as session:
        session.add(Organisation(slug="evil-town", name=ORG, kind="municipality"))
        session.flush()
        catalogue = CatalogueService(session)
        catalogue.upsert_draft(
            SolutionDraft(
                name=NAME,
                slug="hostile",
                url="https://git.example.org/evil/hostile",
                licence="EUPL-1.2",
                landing_url="javascript:alert(4)",
                publisher=OrganisationRef(name=ORG, slug="evil-town"),
                texts={
                    lang: TextDraft(localised_name=NAME, short_description=SHORT,
                                    long_description=LONG, features=(FEATURE,),
                                    documentation="javascript:alert(5)")
                    for lang in ("de", "en")
                },
            )
        )  # fmt: skip
        for slug, formula in FORMULAS.items():
            catalogue.upsert_draft(
                SolutionDraft(name=f"{formula} name", slug=f"formula-{slug}",
                              texts={"de": TextDraft(short_description=formula)})
            )  # fmt: skip
        session.flush()
        hostile = session.query(m.Solution).filter_by(slug="hostile").one()
        rescore(session, hostile, now=utcnow())
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _inert_html(body: str) -> None:
    # the entry's own badge is the one image a page may show, our own file the one script
    lowered = re.sub(r'<img src="/badges/[a-z0-9-]+\.svg\?lang=[a-z]+"', "", body.lower())
    lowered = re.sub(r'<script src="/static/[a-z-]+\.js"></script>', "", lowered)
    for raw in RAW:
        assert raw not in lowered, raw
    assert not SCRIPT_LINK.search(body)
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "path",
    ["/solutions/hostile", "/solutions?q=Evil", "/solutions", "/organisations/evil-town",
     "/organisations", "/solutions/hostile/history", "/"],
)  # fmt: skip
def test_pages_escape_names_and_descriptions(client: Client, path: str) -> None:
    response = client.get(path, headers={"Accept-Language": "de"})
    assert response.status_code == 200, response.text
    if path in ("/", "/organisations", "/solutions/hostile/history"):  # may not show the text
        assert SCRIPT not in response.text
        return
    _inert_html(response.text)


def test_links_that_are_not_http_never_reach_the_database(client: Client) -> None:
    entry = client.get("/api/v1/solutions/hostile").json()
    assert entry["landing_url"] is None
    assert [t["documentation"] for t in entry["texts"].values()] == [None, None]


def test_descriptions_are_markdown_sanitised_to_an_allow_list(client: Client) -> None:
    body = client.get("/solutions/hostile").text
    assert "<strong>fett</strong>" in body and "**fett**" not in body  # Markdown, rendered
    assert not SCRIPT_LINK.search(body)  # neither the Markdown link nor the raw <a> works
    assert "&lt;a href=" in body  # raw HTML is shown as text, never as markup


def test_the_atom_feed_carries_the_text_as_text(client: Client) -> None:
    response = client.get("/feed.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(f"{atom}entry")
                 if (e.findtext(f"{atom}id") or "").endswith("/solutions/hostile"))  # fmt: skip
    assert entry.findtext(f"{atom}title") == NAME
    assert entry.findtext(f"{atom}author/{atom}name") == ORG
    assert entry.findtext(f"{atom}summary") == SHORT
    assert {element.tag for element in feed.iter()} <= {
        f"{atom}{tag}" for tag in ("feed", "id", "title", "updated", "link", "entry",
                                   "published", "author", "name", "summary")
    }  # fmt: skip


def test_json_exports_round_trip_the_text(client: Client) -> None:
    detail = client.get("/api/v1/solutions/hostile").json()
    assert detail["name"] == NAME
    assert SCRIPT in str(detail)  # JSON is data: consumers escape it where they show it
    exported = client.get("/api/v1/export/solutions.json").json()
    assert any(item["name"] == NAME for item in exported)
    # The DCAT-AP records carry the name as data too, in formats no browser renders as a
    # page (and never sniffed: nosniff); the literal survives its serialisation intact.
    catalog = client.get("/api/v1/catalog?page[size]=100")
    assert catalog.status_code == 200
    assert catalog.headers["content-type"].startswith("application/ld+json")
    assert catalog.headers["x-content-type-options"] == "nosniff"
    assert NAME in str(catalog.json())
    turtle = client.get("/api/v1/catalog.ttl?page[size]=100")
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.headers["x-content-type-options"] == "nosniff"


def test_the_csv_export_neutralises_formulas(client: Client) -> None:
    response = client.get("/api/v1/export/solutions.csv")
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    by_slug = {row["slug"]: row for row in rows}
    for slug, formula in FORMULAS.items():
        row = by_slug[f"formula-{slug}"]  # names are stored stripped: "\t=1" becomes "=1"
        assert row["name"].startswith("'") and row["name"][1:].strip() == f"{formula.strip()} name"
        assert row["description_de"].startswith("'")
        assert row["description_de"][1:].strip() == formula.strip()
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert by_slug["hostile"]["name"] == NAME  # text, unchanged: CSV has no markup


def test_the_publiccode_export_round_trips_the_text(client: Client) -> None:
    response = client.get("/api/v1/solutions/hostile/publiccode.yml")
    assert response.status_code == 200
    document = yaml.safe_load(response.text)  # plain YAML: no tags to construct objects
    assert document["name"] == NAME
    assert document["description"]["de"]["shortDescription"] == SHORT
    assert document["description"]["en"]["longDescription"] == LONG


def test_the_badge_is_well_formed_svg(client: Client) -> None:
    response = client.get("/badges/hostile.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    svg = ET.fromstring(response.content)
    assert not [e for e in svg.iter() if e.tag.endswith(("script", "foreignObject"))]
    hostile = ET.fromstring(badge_svg(SCRIPT, f'" onload="alert(1) {NAME}', "#000000"))
    assert [e.tag.rsplit("}", 1)[-1] for e in hostile.iter()] == [
        "svg", "title", "rect", "rect", "g", "text", "text"
    ]  # fmt: skip
    assert hostile.get("onload") is None
    assert hostile.findtext("{http://www.w3.org/2000/svg}title", "").startswith(SCRIPT)


@pytest.mark.parametrize("fmt", ["html", "csv", "text", "json"])
def test_the_profile_report_escapes_the_name(client: Client, fmt: str) -> None:
    profile = client.get("/api/v1/profiles").json()[0]["name"]
    response = client.get(f"/api/v1/solutions/hostile/profiles/{profile}", params={"format": fmt})
    assert response.status_code == 200, response.text
    if fmt == "html":
        _inert_html(response.text)
    elif fmt == "json":
        assert response.json()["name"] == NAME
