"""What search finds for the words people type, on the demo catalogue (SQLite and PostgreSQL).

German compounds as typed, synonyms across German, English and Italian, whole words
instead of prefixes, relevance order, the relaxed fallback, help on zero hits, and
inactive entries kept findable.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService, SolutionDraft, TextDraft
from registry.catalogue.models import Solution
from registry.demo import load_demo
from registry.search import SearchQuery, SearchService
from tests.integration._search_data import NOW, add_entries, add_score

PARTICIPATION = {"decidim", "consul-democracy", "adhocracy-plus"}


@pytest.fixture
def service(db_session: Session) -> SearchService:
    load_demo(db_session)
    return SearchService(db_session, now=NOW)


def _slugs(service: SearchService, q: str, **query: object) -> list[str]:
    result = service.search(SearchQuery(q=q, size=100, **query))  # type: ignore[arg-type]
    return [hit.slug for hit in result.hits]


@pytest.mark.parametrize("words", ["Bürgerbeteiligung", "buergerbeteiligung", "Partizipation"])
def test_participation_compounds_find_the_participation_tools(
    service: SearchService, words: str
) -> None:
    found = _slugs(service, words)
    assert set(found) >= PARTICIPATION
    assert set(found) == set(_slugs(service, "Beteiligung"))


@pytest.mark.parametrize(
    "words", ["Mängelmelder", "Maengelmelder", "Schadensmelder", "Mängelmeldung", "issue reporting"]
)
def test_defect_reporting_words_find_the_defect_reporter(
    service: SearchService, words: str
) -> None:
    assert _slugs(service, words)[0] == "signalen"


def test_parken_finds_parking_not_park_trees(db_session: Session, service: SearchService) -> None:
    assert "giessdenkiez" not in _slugs(service, "Parken")
    assert _slugs(service, "Parkplatz") == []  # the demo has no parking tool
    assert _slugs(service, "Parkbäume") == ["giessdenkiez"]
    add_entries(db_session)  # ParkSpot: "Parking management for city centres"
    for words in ("Parken", "Parkplatz", "parking", "Parkraum"):
        assert _slugs(service, words) == ["parkspot"], words


def test_queries_reach_descriptions_in_another_language(
    db_session: Session, service: SearchService
) -> None:
    add_entries(db_session)  # the Abfallkalender is described in German only
    assert _slugs(service, "waste calendar") == ["abfallkalender"]
    assert _slugs(service, "garbage") == ["abfallkalender", "signalen"]  # Müll in both
    assert _slugs(service, "council information") == ["meine-stadt-transparent"]
    assert _slugs(service, "Terminbuchung") == ["eappointment"]  # English: "Appointment"
    assert "jitsi-meet" in _slugs(service, "videoconferenza")  # Italian


def test_only_the_last_word_being_typed_matches_as_a_prefix(service: SearchService) -> None:
    assert _slugs(service, "Ratsinf") == ["meine-stadt-transparent"]
    assert _slugs(service, "Ratsinf ") == []  # a finished word matches whole
    assert _slugs(service, "Kiez") == ["giessdenkiez"]
    assert _slugs(service, "Kie") == []  # too short to be a prefix


def _entry(service: SearchService, slug: str, name: str, short: str) -> Solution:
    return (
        CatalogueService(service.db)
        .upsert_draft(
            SolutionDraft(
                name=name,
                slug=slug,
                url=f"https://git.example.org/{slug}",
                texts={"de": TextDraft(short_description=short)},
            )
        )
        .solution
    )


def test_text_relevance_orders_hits_and_the_score_only_breaks_ties(
    db_session: Session, service: SearchService
) -> None:
    named = _entry(service, "abfall-app", "Abfall-App", "Termine der Abfuhr")
    synonym = _entry(service, "stadtputz", "Stadtputz", "Wilden Müll melden")
    add_score(db_session, synonym, 95, level="gold", silo="no")
    add_score(db_session, named, 10, level="bronze", silo="no")
    found = _slugs(service, "Abfall")
    assert found.index("abfall-app") < found.index("stadtputz")  # the word, in the name
    north = _entry(service, "abholdienst-nord", "Abholdienst Nord", "Sperrmüll abholen")
    south = _entry(service, "abholdienst-sued", "Abholdienst Süd", "Sperrmüll abholen")
    add_score(db_session, north, 10, level="bronze", silo="no")
    add_score(db_session, south, 90, level="gold", silo="no")
    assert _slugs(service, "Sperrmüll") == ["abholdienst-sued", "abholdienst-nord"]  # a tie


def test_when_no_entry_holds_every_word_the_best_partial_matches_come_first(
    service: SearchService,
) -> None:
    result = service.search(SearchQuery(q="Bürgerbeteiligung Videokonferenz Moodle"))
    assert result.relaxed and result.total > 0
    slugs = [h.slug for h in result.hits]
    assert set(slugs[:2]) == {"bigbluebutton", "moodle"}  # two of the three words each
    assert not service.search(SearchQuery(q="Videokonferenz Moodle")).relaxed


def test_a_typo_of_one_letter_finds_what_the_word_finds_ranked_below_it(
    db_session: Session, service: SearchService
) -> None:
    for typo, word in (
        ("Beteiligunq", "Beteiligung"),  # a letter changed
        ("partcipation", "participation"),  # dropped
        ("Videokonfernez", "Videokonferenz"),  # two swapped
        ("Bürgerbeteiligng", "Bürgerbeteiligung"),  # a compound, through its synonyms
    ):
        assert set(_slugs(service, typo)) == set(_slugs(service, word)) != set(), typo
    assert _slugs(service, "Datn ") == []  # under five letters: not corrected (Daten)
    _entry(service, "beteiligunq-app", "Beteiligunq", "Eine App")
    assert _slugs(service, "Beteiligunq") == ["beteiligunq-app"]  # a word it holds: as typed


def test_a_word_two_letters_off_gets_suggestions_and_the_domains(service: SearchService) -> None:
    result = service.search(SearchQuery(q="Beteilgunq"))
    assert result.total == 0
    assert result.suggestions[0] == "Beteiligung"
    assert service.search(SearchQuery(q=result.suggestions[0])).total > 0
    assert ("participation", 7) in result.domains
    assert service.search(SearchQuery(q="Videokonferenz Beteilgunq")).relaxed
    found = service.search(SearchQuery(q="Beteiligung"))
    assert found.suggestions == () and found.domains == ()


def test_inactive_entries_are_found_marked_and_ranked_below_active_ones(
    db_session: Session, service: SearchService
) -> None:
    catalogue = CatalogueService(db_session)
    for slug, url in (("beteiligung-invalid", "https://git.example.org/b"), ("unusable", None)):
        catalogue.upsert_draft(
            SolutionDraft(
                name=f"Bürgerbeteiligung {slug}",
                slug=slug,
                url=url,
                texts={"de": TextDraft(short_description="Bürgerbeteiligung online")},
            )
        )
        entry = catalogue.get(slug)
        entry.active = False
        entry.inactive_reason = "publiccode.yml: logo not found"
    db_session.flush()
    hits = service.search(SearchQuery(q="Bürgerbeteiligung", size=100)).hits
    assert [(h.slug, h.active) for h in hits][-1] == ("beteiligung-invalid", False)
    assert all(h.active for h in hits[:-1]) and len(hits) == 8
    assert "unusable" not in _slugs(service, "unusable")  # no URL: kept out
    assert "beteiligung-invalid" not in _slugs(service, "Bürgerbeteiligung", inactive=False)


def test_hostile_queries_give_results_not_errors(service: SearchService) -> None:
    for words in ('"Abfall', "(Beteiligung", "a AND OR NOT", "NEAR(x y)", "*", "x:y", "ä" * 300):
        service.search(SearchQuery(q=words))
    assert service.search(SearchQuery(q="Karte " * 50)).total > 0
