"""The reader's pages over the demo catalogue plus one entry that fills every section."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.demo import load_demo
from registry.settings import Settings
from tests.browser.catalogue import CLAIM, SLUG, add_page_fixtures
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    """One migrated database per dialect with the demo and the fixture entry (read-only)."""
    settings = Settings(database_url=database_factory.new_url())
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
        add_page_fixtures(session)
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _get(client: Client, url: str, lang: str = "en", status: int = 200) -> str:
    response = client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in response.text
    return response.text


def _section(html: str, section_id: str) -> str:
    """The HTML of one ``<section aria-labelledby=…>`` of the solution page."""
    match = re.search(rf'<section aria-labelledby="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(1)


# -- solution page ---------------------------------------------------------------------------
def test_markup_in_names_and_texts_is_escaped_everywhere(client: Client) -> None:
    for url in (f"/solutions/{SLUG}", "/solutions?q=Ratsinfo", "/organisations/muenchen",
                "/standards/oparl", "/domains/participation", "/alternatives"):  # fmt: skip
        html = _get(client, url, "de")
        assert "<script>alert" not in html, url
        assert "Ratsinfo &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in html, url
    page = _get(client, f"/solutions/{SLUG}", "de")
    assert "<img src=x" not in page and "<b>" not in page and "<em>present" not in page
    assert "Zweiter &lt;b&gt;Absatz&lt;/b&gt;." in page


def test_solution_page_shows_the_licence_disagreement(client: Client) -> None:
    licence = _section(_get(client, f"/solutions/{SLUG}"), "licence")
    assert "EUPL-1.2" in licence and "AGPL-3.0-only" in licence
    assert "the declared and the detected licence disagree" in licence
    assert "LICENSE states AGPL-3.0-only, but publiccode.yml has EUPL-1.2" in licence
    german = _section(_get(client, f"/solutions/{SLUG}", "de"), "licence")
    assert "Erklärte und erkannte Lizenz stimmen nicht überein" in german
    # A demo entry with no detected licence claims no disagreement.
    demo = _section(_get(client, "/solutions/masterportal"), "licence")
    assert "disagree" not in demo and "MIT" in demo


def test_adopters_are_split_into_verified_and_claimed(client: Client) -> None:
    adopters = _section(_get(client, f"/solutions/{SLUG}"), "adopters")
    verified, claimed = adopters.split('id="adopters-claimed"')
    assert "Verified (declared by the organisation itself) (1)" in verified
    assert '<a href="/organisations/amsterdam">Gemeente Amsterdam</a> – operates' in verified
    assert "since Mar 1, 2024" in verified
    assert "Claimed (named by the publisher, not verified) (1)" in claimed
    assert "Stadt Musterhausen &lt;img src=x onerror=alert(1)&gt;" in claimed
    assert CLAIM not in adopters


def test_score_breakdown_fixes_and_silo_reasons_are_spelled_out(client: Client) -> None:
    score = _section(_get(client, f"/solutions/{SLUG}"), "score")
    assert "30 of 100" in score and "7 of 23 points" in score and "92%" in score
    assert "Silo risk" in score and "Emerging" in score and "2026.1" in score
    # Every check with its status in words (not colour alone), points and fix.
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><code>(\w+)</code>.*?</tr>", score, re.S)
    assert rows == ["L3", "I1", "D2", "U1", "X9"]
    for word in ("pass", "partial", "fail", "unknown (no evidence)", "not applicable"):
        assert f"</span> {word}</span>" in score
    # Rule and fix texts come from the rubric that produced the result ...
    assert "At least one OR branch of the licence consists only of OSI" in score
    assert "Add an &#39;Installation&#39; section to the README." in score
    assert "declared: <code>publiccode.yml legal.license</code>" in score and "<td>oparl" in score
    # ... and a check the rubric does not know keeps its own (escaped) texts.
    assert "Install instructions &lt;em&gt;present&lt;/em&gt;" in score
    assert "Write install instructions" in score
    reasons = score.split('class="reasons"')[1].split("</ul>")[0]
    assert "<code>SI-SU</code> Single user after its first year: 1 verified adopter &lt;b&gt;" in (
        reasons
    )
    assert "What clears it: Another organisation confirms its use." in reasons
    assert "SI-DOC" in reasons and "SI-AB" not in reasons  # exempt indicators are not reasons
    german = _section(_get(client, f"/solutions/{SLUG}", "de"), "score")
    assert "30 von 100" in german and "Silo-Risiko" in german and "nicht erfüllt" in german
    assert "Abschnitt &#39;Installation&#39; in der README ergänzen." in german
    assert "Nach dem ersten Jahr nur eine Nutzerin" in german


def test_a_real_score_from_the_scoring_engine_is_explained_check_by_check(
    client: Client,
) -> None:
    score = _section(_get(client, "/solutions/masterportal"), "score")
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\"><code>([A-Z]+\d)</code>\s*([^<]*)</th>", score, re.S
    )
    assert len(rows) >= 20  # the whole rubric, one row per check
    assert all(rule.strip() for _, rule in rows), "every check has its rule in words"
    assert re.search(r"<strong class=\"score-value\">\d+ of 100</strong>", score)


def test_solution_page_lists_offers_interfaces_dependencies_and_funding(client: Client) -> None:
    html = _get(client, f"/solutions/{SLUG}")
    offers = _section(html, "offers")
    assert "Hosted service" in offers and '<a href="/organisations/dimpact">Dimpact</a>' in offers
    assert "Self-hosting" in offers and "https://docs.example.org/install" in offers
    interfaces = _section(html, "interfaces")
    assert '<a href="/standards/oparl">OParl</a>' in interfaces
    assert (
        "validated" in interfaces and 'href="https://validator.example.org/report/1"' in interfaces
    )
    assert "Hausgemachte API &lt;i&gt;" in interfaces and "no known standard" in interfaces
    deps = _section(html, "dependencies")
    assert "Oracle Database" in deps and "proprietary" in deps and "19c" in deps
    funding = _section(html, "funding")
    assert "Prototype Fund &lt;b&gt;4&lt;/b&gt;" in funding
    model = _section(html, "organisation-model")
    assert "under contract" in model and "Consortium of municipalities" in model


def test_activity_sparkline_is_an_accessible_svg(client: Client) -> None:
    activity = _section(_get(client, f"/solutions/{SLUG}"), "activity")
    assert '<svg role="img" aria-labelledby="spark-title spark-desc"' in activity
    title = "Commits per month in the 12 months before the last commit"
    assert f'<title id="spark-title">{title}</title>' in activity
    assert (
        "46 commits by 3 authors in the 12 months before the last commit (Oct 29, 2026)" in activity
    )
    points = re.search(r'<polyline points="([^"]+)"', activity)
    assert points and len(points.group(1).split()) == 12
    # Without repository facts, releases per quarter are shown instead.
    demo = _section(_get(client, "/solutions/masterportal", "de"), "activity")
    assert "Versionen pro Quartal" in demo or "Keine Aktivitätsdaten" in demo


def test_forks_import_status_log_and_publiccode_export(client: Client) -> None:
    html = _get(client, f"/solutions/{SLUG}")
    forks = _section(html, "forks")
    assert '<a href="/solutions/masterportal">Masterportal</a> (variant)' in forks
    variants = _section(_get(client, "/solutions/masterportal"), "forks")
    assert f'<a href="/solutions/{SLUG}">' in variants and "Variants of this solution" in variants
    imports = _section(html, "import")
    assert "failed" in imports and "host answered 503 &lt;busy&gt;" in imports
    assert "fetch failed: &lt;503&gt;" in imports and "repository (failed)" in imports
    assert "url: &lt;missing&gt;" in imports
    assert f'href="/solutions/{SLUG}/publiccode.yml"' in imports


def test_unknown_pages_are_html_404_in_the_readers_language(client: Client) -> None:
    for url in ("/solutions/no-such-thing", "/organisations/nobody", "/standards/nothing",
                "/domains/nowhere", "/no/such/page"):  # fmt: skip
        html = _get(client, url, "de", status=404)
        assert "<h1>404 – Nicht gefunden</h1>" in html, url
        assert '<main id="main"' in html and 'href="#main"' in html
    english = _get(client, "/solutions/no-such-thing", "en", status=404)
    assert "<h1>404 – Not found</h1>" in english


# -- search ----------------------------------------------------------------------------------
def test_search_finds_filters_and_counts(client: Client) -> None:
    everything = _get(client, "/solutions")
    total = int(re.search(r'id="result-count"><strong>(\d+) results', everything).group(1))
    assert total >= 33
    geodata = _get(client, "/solutions?domain=geodata")
    count = int(re.search(r'id="result-count"><strong>(\d+) results', geodata).group(1))
    assert 0 < count < total
    assert 'name="domain" value="geodata" checked' in geodata
    assert "Remove filter: Domain: Geodata" in geodata
    assert '<a href="/solutions/masterportal">Masterportal</a>' in geodata
    assert f'href="/solutions/{SLUG}"' not in geodata
    assert f"<title>{count} results – Find solutions" in geodata


def test_search_text_and_german_labels(client: Client) -> None:
    html = _get(client, "/solutions?q=Ratsinfo", "de")
    assert re.search(r"<strong>\d+ Treffer für „Ratsinfo“</strong>", html)
    assert f'href="/solutions/{SLUG}"' in html
    assert "Handlungsfeld" in html and "Beteiligung" in html


def test_search_pages_link_forward_and_back_keeping_filters(client: Client) -> None:
    first = _get(client, "/solutions?page%5Bsize%5D=5&sort=name")
    assert "Page 1 of " in first
    nxt = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert nxt and "page=2" in nxt.group(1) and "page%5Bsize%5D=5" in nxt.group(1)
    second = _get(client, nxt.group(1).replace("&amp;", "&"))
    assert "Page 2 of " in second and 'rel="prev"' in second


def test_bad_search_parameters_are_a_400_page(client: Client) -> None:
    html = _get(client, "/solutions?domian=x", "en", status=400)
    assert "domian" in html


# -- organisations, standards, entry points --------------------------------------------------
def test_organisation_list_and_page(client: Client) -> None:
    listing = _get(client, "/organisations")
    assert '<th scope="col">Name</th>' in listing
    assert '<a href="/organisations/muenchen">Landeshauptstadt München</a>' in listing
    page = _get(client, "/organisations/muenchen", "de")
    published = page.split('id="published"')[1].split('id="adopts"')[0]
    assert f'href="/solutions/{SLUG}"' in published
    assert "https://github.com/it-at-m" in page.split('id="sources"')[1]
    amsterdam = _get(client, "/organisations/amsterdam")
    adopts = amsterdam.split('id="adopts"')[1].split('id="operates"')[0]
    assert f'href="/solutions/{SLUG}"' in adopts and "operates" in adopts and "verified" in adopts
    dimpact = _get(client, "/organisations/dimpact")
    assert f'href="/solutions/{SLUG}"' in dimpact.split('id="operates"')[1]
    bmbf = _get(client, "/organisations/bmbf")
    assert "Prototype Fund &lt;b&gt;4&lt;/b&gt;" in bmbf.split('id="funds"')[1]
    report = re.search(rf'href="(/api/v1/solutions/{SLUG}/profiles/[^"?]+)\?format=html', bmbf)
    assert report, "a funder page links the profile reports of what it funds"
    assert client.get(report.group(1)).status_code == 200


def test_standards_list_and_page(client: Client) -> None:
    listing = _get(client, "/standards")
    oparl = re.search(r'<a href="/standards/oparl">OParl</a>.*?</tr>', listing, re.S)
    assert oparl and "open" in oparl.group(0)
    page = _get(client, "/standards/oparl")
    consumers = page.split('id="consumes"')[1]
    assert f'href="/solutions/{SLUG}"' in consumers and "validated" in consumers
    assert "Solutions providing OParl" in page


def test_domains_and_alternatives_entry_points(client: Client) -> None:
    domains = _get(client, "/domains", "de")
    assert '<a href="/domains/geodata">Geodaten</a>' in domains
    geodata = _get(client, "/domains/geodata")
    assert '<a href="/solutions/masterportal">Masterportal</a>' in geodata
    assert 'href="/solutions?domain=geodata"' in geodata
    alternatives = _get(client, "/alternatives?to=arcgis")
    assert "Alternatives to ArcGIS Online" in alternatives
    assert "Proprietäres Ratssystem" not in alternatives
    everything = _get(client, "/alternatives")
    assert "Alternatives to Proprietäres Ratssystem &lt;b&gt;X&lt;/b&gt;" in everything


# -- every page ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    ["/", "/solutions", f"/solutions/{SLUG}", "/organisations", "/organisations/muenchen",
     "/standards", "/standards/oparl", "/domains", "/domains/geodata", "/alternatives"],
)  # fmt: skip
def test_every_page_has_landmarks_one_h1_and_the_feed_link(client: Client, url: str) -> None:
    html = _get(client, url)
    assert html.count("<h1") == 1
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.atom"' in html
    assert '<a href="/api/v1/export/solutions.csv" type="text/csv">' in html
    for control in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control}"' in html, f"{url}: #{control} has no label"


def test_language_is_remembered_and_the_switch_keeps_the_page(client: Client) -> None:
    page = client.get("/solutions?domain=geodata", headers={"Accept-Language": "de"})
    assert '<html lang="de">' in page.text
    switch = re.search(r'<a href="(/lang/en\?next=[^"]+)"', page.text)
    assert switch
    response = client.get(switch.group(1).replace("&amp;", "&"), follow_redirects=False)
    assert response.headers["location"] == "/solutions?domain=geodata"
    client.cookies.set("lang", "en")
    try:
        again = client.get("/solutions?domain=geodata", headers={"Accept-Language": "de"})
        assert '<html lang="en">' in again.text and "Find solutions" in again.text
    finally:
        client.cookies.clear()


# -- at a glance (issue 21) ------------------------------------------------------------------
def test_the_glance_comes_first_and_answers_the_readers_questions(client: Client) -> None:
    html = _get(client, "/solutions/adhocracy-plus", "de")
    assert html.index('aria-labelledby="glance"') < html.index('class="toc"')
    glance = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _section(html, "glance")))
    assert "Auf einen Blick" in glance and "AGPL-3.0-or-later" in glance
    assert "Liquid Democracy e.V. (Betrieb durch Dienstleister)" in glance
    assert "Im Einsatz bei 0 bestätigten Organisationen" in glance
    assert "So starten Sie" in glance and "Als betriebener Dienst von Liquid Democracy" in glance
    assert 'href="https://adhocracy.plus/"' in _section(html, "glance")
    english = re.sub(r"<[^>]+>", " ", _section(_get(client, "/solutions/decidim"), "glance"))
    assert "2 confirmed organisations" in re.sub(r"\s+", " ", english)
    assert "Auf einen Blick" not in english


def test_the_glance_flags_a_licence_conflict_and_the_checks_fold_away(client: Client) -> None:
    html = _get(client, f"/solutions/{SLUG}", "de")
    glance = _section(html, "glance")
    assert 'href="#licence">Widerspruch – siehe Lizenz</a>' in glance
    score = _section(html, "score")
    if "checks-details" in score:  # a scored entry: the check table is behind a summary
        assert re.search(r"<details class=\"checks-details\">\s*<summary>Alle \d+ Prüfungen", score)
