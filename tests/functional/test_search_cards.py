"""The search page as a reader meets it (issue 21): cards that say what an entry is for, who
runs it, when it last changed and why it matched; one filter panel; help on zero hits.

Over the demo catalogue plus the page fixture entry (``tests.browser.catalogue``), whose
repository gets a last commit here, through the app's test client on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from litestar.testing import TestClient

from registry.demo.loader import load_demo
from registry.settings import Settings
from tests.browser.catalogue import SLUG, add_page_fixtures
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
COMMITTED = datetime(2026, 10, 29, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    settings = Settings(database_url=database_factory.new_url())
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
        solution = add_page_fixtures(session)
        solution.repositories[0].last_commit_at = COMMITTED
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _page(client: Client, lang: str = "de", **params: str | list[str]) -> str:
    response = client.get("/solutions", params={**params, "lang": lang})
    assert response.status_code == 200, response.text[:2000]
    return response.text


def _card(html: str, slug: str) -> str:
    match = re.search(rf'<li class="card">\s*<h3 class="card-title"><a href="/solutions/{slug}">'
                      r"(.*?)</li>", html, re.S)  # fmt: skip
    assert match, f"no card for {slug}"
    return match.group(1)


def test_a_card_shows_domains_offer_last_commit_and_the_matched_feature(client: Client) -> None:
    card = _card(_page(client, q="Volltextsuche"), SLUG)
    assert '<dt>Handlungsfelder</dt><dd class="card-domains">Verwaltung, Beteiligung</dd>' in card
    offers = re.search(r'<dd class="card-offers">(.*?)</dd>', card).group(1)
    assert offers == "Betrieb durch Dienstleister: Dimpact (Bayern); Selbstbetrieb"
    assert '<time datetime="2026-10-29">29.10.2026</time>' in card
    assert "Gefunden in den Funktionen: <mark>Volltextsuche</mark>" in re.sub(
        r"<span[^>]*>|</span>", "", card
    )
    assert "<dt>Lizenz</dt><dd>EUPL-1.2</dd>" in card  # what cards showed before stays
    english = _card(_page(client, "en", q="Volltextsuche"), SLUG)
    assert "<dt>Fields</dt>" in english and "Hosted service: Dimpact (Bayern)" in english
    assert "<dt>Last commit</dt>" in english


def test_the_short_description_is_marked_and_still_escaped(client: Client) -> None:
    card = _card(_page(client, q="Sitzungen"), SLUG)
    assert ('<p class="card-short"><mark>Sitzungen</mark> &lt;script&gt;alert(&#39;text&#39;)'
            "&lt;/script&gt; durchsuchen</p>") in card  # fmt: skip
    # A German compound marks where the text holds it; no entry without a commit claims one.
    other = _card(_page(client, q="Schule"), "dbildungscloud")
    assert "<mark>Schul" in other and "nicht bekannt" in other
    assert (
        "Betrieb durch Dienstleister: Dataport AöR (Brandenburg, Niedersachsen, Thüringen)" in other
    )


def test_one_filter_panel_one_apply_button_and_a_skip_link_first(client: Client) -> None:
    html = _page(client, q="portal", domain="geodata", osi="true")
    body = html.split("<body>", 1)[1]
    first = re.search(r"<(a|button|input|select|summary)\b[^>]*>", body).group(0)
    assert first == '<a class="skip-link" href="#results">'
    assert "Zu den Ergebnissen" in body.split("</a>", 1)[0]
    assert html.count(">Filter anwenden</button>") == 1
    assert '<summary id="filters" class="filter-toggle">Filter (2)</summary>' in html
    # The one-line panel stands before the results; the cards are the skip link's target.
    assert html.index('id="filter-panel"') < html.index('<ul id="results" class="cards"')
    assert '<p id="search-status" class="visually-hidden" aria-live="polite"' in html
    assert '<script src="/static/search.js"></script>' in html
    script = client.get("/static/search.js")
    assert script.status_code == 200 and 'addEventListener("change"' in script.text
    assert "javascript" in script.headers["content-type"]


def test_zero_hits_offer_a_spelling_the_closest_domains_and_fewer_words(client: Client) -> None:
    html = _page(client, q="Beteilgunq")
    assert "Keine Lösung enthält diese Begriffe." in html  # no filter to remove
    assert 'Meinten Sie: <a href="/solutions?q=Beteiligung">Beteiligung</a>' in " ".join(
        html.split()
    )
    domains = html.split('id="browse-domains">')[1].split("</ul>")[0]
    assert domains.startswith("Passende Handlungsfelder:")
    assert re.search(
        r'^\s*<li><a href="/solutions\?domain=participation">Beteiligung</a> \(8\)',
        domains.split("<ul", 1)[1].split(">", 1)[1],
    )  # the closest first
    assert '<a href="/domains">Alle Handlungsfelder</a>' in domains
    assert domains.count("<li>") <= 6  # the five closest and "all", not every domain
    # A filter that leaves nothing: the words alone, and the search without the filter.
    filtered = _page(client, q="Volltextsuche Friedhofsgebühren", domain="health")
    assert "Entfernen Sie Filter" in filtered and "Mit weniger Suchbegriffen:" in filtered
    shorter = re.search(
        r'<a href="/solutions\?q=Volltextsuche">Volltextsuche</a> \((\d+) Treffer', filtered
    )
    assert shorter and int(shorter.group(1)) >= 1
    assert "Friedhofsgebühren</a>" not in filtered.split('id="fewer-words"')[1].split("</ul>")[0]
    assert re.search(r'<a href="/solutions\?q=Volltextsuche\+Friedhofsgeb%C3%BChren">'
                     rf"Ohne Filter suchen: {shorter.group(1)} Treffer</a>", filtered)  # fmt: skip
    english = _page(client, "en", q="Volltextsuche Friedhofsgebühren", domain="health")
    assert "With fewer search terms:" in english
    assert f"Search without filters: {shorter.group(1)} results" in english
    assert "Closest fields of action:" in _page(client, "en", q="Beteilgunq")
