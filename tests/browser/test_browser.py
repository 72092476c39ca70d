"""Accessibility and end-to-end checks in a real browser over a real ``registry serve --demo``.

Debian's Chromium is driven by playwright-core (npm, in ``tests/browser/node_modules``),
and axe-core checks every page type in German and English against the WCAG 2.0/2.1 A and
AA rules. ``run.mjs`` drives the browser once and reports JSON; the tests below judge it.
Screenshots are kept in ``tests/browser/output/`` for review. Setup (``make check`` does
it): ``apt-get install chromium`` and ``npm ci --prefix tests/browser``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.browser._server import run_node, running_registry
from tests.browser.catalogue import NAME, SLUG, add_page_fixtures

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "output" / "pages"
#: Every page type, with the status it must answer.
PAGES = [
    {"name": "home", "path": "/", "status": 200},
    {"name": "search", "path": "/solutions?q=portal&domain=geodata&osi=true&sort=name",
     "status": 200},
    {"name": "search-all", "path": "/solutions?page%5Bsize%5D=10", "status": 200},
    {"name": "solution", "path": f"/solutions/{SLUG}", "status": 200},
    {"name": "solution-demo", "path": "/solutions/masterportal", "status": 200},
    {"name": "organisations", "path": "/organisations", "status": 200},
    {"name": "organisation", "path": "/organisations/muenchen", "status": 200},
    {"name": "standards", "path": "/standards", "status": 200},
    {"name": "standard", "path": "/standards/oparl", "status": 200},
    {"name": "domains", "path": "/domains", "status": 200},
    {"name": "domain", "path": "/domains/participation", "status": 200},
    {"name": "alternatives", "path": "/alternatives", "status": 200},
    {"name": "not-found", "path": "/solutions/no-such-solution", "status": 404},
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``registry serve --demo`` on a free loopback port, plus the fixture entry."""
    with running_registry(tmp_path_factory.mktemp("browser")) as (base, url):
        engine = make_engine(Settings(database_url=url))
        with make_sessionmaker(engine)() as session, session.begin():
            add_page_fixtures(session)
        engine.dispose()
        yield base


@pytest.fixture(scope="module")
def report(server: str) -> dict[str, Any]:
    """One browser run over every page; fails loudly when the browser setup is missing."""
    env = {"REGISTRY_BROWSER_PAGES": json.dumps(PAGES), "REGISTRY_JOURNEY_SOLUTION": NAME}
    result = run_node("run.mjs", server, OUTPUT, env, timeout=420)  # 4 passes over 13 pages
    print("browser timings (ms):", result["timings"])
    return result


def _page(report: dict[str, Any], name: str, lang: str) -> dict[str, Any]:
    found = [p for p in report["pages"] if p["name"] == name and p["lang"] == lang]
    assert len(found) == 1
    return dict(found[0])


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", [p["name"] for p in PAGES])
def test_page_has_no_wcag_a_or_aa_violations(report: dict[str, Any], name: str, lang: str) -> None:
    page = _page(report, name, lang)
    assert page["status"] == page["expected"]
    assert page["htmlLang"] == lang
    assert page["passes"] > 10  # axe really ran its rules on a real page
    assert page["violations"] == [], json.dumps(page["violations"], indent=1)
    assert (OUTPUT / f"{name}-{lang}.png").stat().st_size > 1000


def test_keyboard_alone_reaches_the_search_box_and_submits(report: dict[str, Any]) -> None:
    keyboard = report["keyboard"]
    stops = keyboard["stops"]
    assert stops[0]["cls"] == "skip-link" and stops[0]["visible"]
    assert stops[-1]["id"] == "site-q"
    for stop in stops:  # focus is always visible
        assert stop["outline"] != "none" and stop["outlineWidth"] != "0px", stop
    assert "/solutions?q=Masterportal" in keyboard["afterUrl"]
    assert "Masterportal" in keyboard["resultLinks"]
    assert keyboard["status"].startswith(("1 Treffer", "2 Treffer", "3 Treffer"))
    assert keyboard["afterSkip"].endswith("/#main")


def test_reader_searches_filters_opens_a_solution_and_switches_language(
    report: dict[str, Any],
) -> None:
    steps = report["journey"]
    searched = int(steps["searched"].split()[0])
    assert searched >= 1 and "results for “Ratsinfo”" in steps["searched"]
    assert "q=Ratsinfo" in steps["filteredUrl"] and "domain=participation" in steps["filteredUrl"]
    assert 1 <= int(steps["filtered"].split()[0]) <= searched
    assert steps["solutionUrl"].endswith(f"/solutions/{SLUG}")
    assert steps["score"] == "30 of 100"
    assert steps["silo"].endswith("Silo risk")
    assert any(
        "Single user after its first year" in r and "Another organisation confirms its use" in r
        for r in steps["siloReasons"]
    )
    assert [s.split(" ", 1)[1] for s in steps["checkStatuses"]] == [
        "pass", "partial", "fail", "unknown (no evidence)", "not applicable",
    ]  # fmt: skip
    assert steps["switchedUrl"].endswith(f"/solutions/{SLUG}")
    assert steps["switchedLang"] == "de"
    assert steps["germanScoreHeading"] == "Bewertung der Nachnutzbarkeit"
    assert steps["rememberedLang"] == "de"
    assert steps["feedHref"] == "/feed.atom"


def test_the_atom_feed_and_csv_export_linked_from_every_page_answer(
    report: dict[str, Any],
) -> None:
    feed, csv = report["journey"]["feed"], report["journey"]["csv"]
    assert feed["status"] == 200 and "atom" in feed["type"], feed
    assert "<feed" in feed["start"]
    assert csv["status"] == 200 and csv["type"].startswith("text/csv"), csv
    assert "slug" in csv["start"].splitlines()[0]


def test_no_page_requests_a_third_party_and_api_docs_work_offline(
    report: dict[str, Any],
) -> None:
    offline = report["offline"]
    assert offline["pages"] == len(PAGES) + 1
    assert offline["blocked"] == []
    assert offline["schemaOperations"] >= 20  # Swagger UI rendered the API from /schema
    assert (OUTPUT / "schema-offline.png").stat().st_size > 1000


@pytest.mark.parametrize("width", [390, 1366])
def test_no_page_scrolls_sideways_and_the_glance_is_on_the_first_screen(
    report: dict[str, Any], width: int
) -> None:
    measured = [m for m in report["widths"] if m["width"] == width]
    assert len(measured) == len(PAGES)
    for page in measured:
        assert page["scrollWidth"] <= width, page["name"]
        assert (OUTPUT / f"{page['name']}-de-{width}.png").stat().st_size > 1000
    for page in (m for m in measured if m["name"].startswith("solution")):
        assert page["glanceTop"] is not None and page["glanceTop"] < page["height"], page
        for words in ("Auf einen Blick", "Lizenz", "Betrieb und Support", "So starten Sie"):
            assert words in page["glanceText"], (words, page["name"])
        if width == 1366:  # on a desktop the whole summary fits on the first screen
            assert page["glanceBottom"] <= page["height"], page
