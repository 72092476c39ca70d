"""SQLite (FTS5) and PostgreSQL (tsvector) give the same results for the same data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.db import make_engine
from registry.demo import load_demo
from registry.search import SearchQuery, SearchService
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import migrate_to_head
from tests.integration._search_data import NOW, add_entries, add_score

QUERIES = [
    SearchQuery(size=100),
    SearchQuery(q="Beteiligung", size=100),
    SearchQuery(q="Abfall", size=100),
    SearchQuery(q="Kalender"),
    SearchQuery(q="parking"),
    SearchQuery(q="Karte Daten", size=100),
    SearchQuery(q="München"),
    SearchQuery(q="OParl"),
    SearchQuery(q="open source platform", size=100),
    SearchQuery(q="Verwaltung", domain=("administration",), sort="name"),
    SearchQuery(domain=("geodata", "mobility"), licence=("MIT", "GPL-2.0-or-later")),
    SearchQuery(offer=("self-hosting",), osi=True, sort="adopters", size=10, page=2),
    SearchQuery(state=("NW", "BY"), org_kind=("municipality",), sort="recent"),
    SearchQuery(score_band=("75-100", "25-49"), sort="score"),
    SearchQuery(silo=("risk",), level=("bronze",)),
    SearchQuery(adopters=1, sort="adopters"),
    SearchQuery(recent=False, sort="name", size=5, page=3),
    SearchQuery(like="kleinstadt"),
    SearchQuery(alternative_to="microsoft"),
    SearchQuery(standard=("openapi", "wms"), maintenance=("community", "internal")),
    SearchQuery(q="Bürgerbeteiligung", size=100),  # a compound, its parts and synonyms
    SearchQuery(q="Mängelmelder"),
    SearchQuery(q="waste calendar"),  # a phrase of the thesaurus, across languages
    SearchQuery(q="Parken"),
    SearchQuery(q="Ratsinf"),  # the last word as a prefix
    SearchQuery(q="Abfall parking Videokonferenz", size=100),  # relaxed: ranked by words held
    SearchQuery(q="Beteiligunq"),  # no hits: suggestions and domains
]


def _summary(service: SearchService, query: SearchQuery) -> tuple[object, ...]:
    result = service.search(query)
    facets = {name: [(v.value, v.count, v.selected) for v in facet.values]
              for name, facet in result.facets.items()}  # fmt: skip
    hits = [(h.slug, h.name_match, h.verified_adopters, h.score, h.domains) for h in result.hits]
    help_ = (result.relaxed, result.suggestions, result.domains)
    return result.total, hits, facets, result.next_cursor, help_


@pytest.fixture
def services(tmp_path: Path) -> Iterator[dict[str, SearchService]]:
    factories = [DatabaseFactory(d, tmp_path) for d in ("sqlite", "postgresql")]
    out: dict[str, SearchService] = {}
    sessions = []
    try:
        for factory in factories:
            settings = Settings(database_url=factory.new_url())
            migrate_to_head(settings)
            session = make_sessionmaker(make_engine(settings))()
            sessions.append(session)
            load_demo(session)
            entries = add_entries(session)
            add_score(session, entries["parkspot"], 80, level="gold", silo="no")
            add_score(session, entries["abfallkalender"], 30, level="bronze", silo="risk")
            session.commit()
            out[factory.dialect] = SearchService(session, now=NOW)
        yield out
    finally:
        for session in sessions:
            bind = session.get_bind()
            session.close()
            bind.dispose()  # type: ignore[union-attr]
        for factory in factories:
            factory.drop_all()


def test_both_backends_return_the_same_results(services: dict[str, SearchService]) -> None:
    for query in QUERIES:
        sqlite = _summary(services["sqlite"], query)
        postgresql = _summary(services["postgresql"], query)
        assert sqlite == postgresql, query
    # The battery is not vacuous: most queries find something, some narrow it down.
    totals = [services["sqlite"].search(q).total for q in QUERIES]
    assert sum(1 for t in totals if t > 0) >= len(QUERIES) - 2
    assert len(set(totals)) > 8
