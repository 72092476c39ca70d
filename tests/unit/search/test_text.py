"""Words to search terms: stemming, folding, compounds, stopwords."""

from __future__ import annotations

import pytest

from registry.search._text import fold, index_terms, query_terms, sort_key, split_compound


def test_fold_removes_accents_and_special_letters() -> None:
    assert fold("Mobilität Straße Ærø Café") == "mobilitat strasse aero cafe"


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Abfall", "Abfallkalender"),
        ("Kalender", "Abfallkalender"),
        ("Abfälle", "Abfall"),
        ("park", "parks"),
        ("parking", "parking spaces"),
        ("Verwaltung", "Verwaltungen"),
        ("Bürger", "Bürgerinnen und Bürger"),
        ("Ratsinformation", "Ratsinformationssystem"),
        ("System", "Ratsinformationssystem"),
        ("Information", "Ratsinformationssystem"),  # a part of a part
        ("Beteiligung", "Bürgerbeteiligung"),
        ("Bürger", "Bürgerbeteiligung"),
        ("Mängel", "Mängelmelder"),
        ("Melder", "Mängelmelder"),
        ("Maengelmelder", "Mängelmelder"),  # ae for ä
        ("Muell", "Restmüll"),
        ("Straße", "Strassenlaternen"),
        ("Spot", "ParkSpot"),  # camel case
    ],
)
def test_query_words_match_whole_document_terms(query: str, document: str) -> None:
    terms = set(index_terms([document]).split())
    for group in query_terms(query):
        assert terms & set(group), (query, terms)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Parkplatz", "Abfallkalender"),
        ("Parken", "Parkbäume"),  # "parken" is not stemmed to "park"
        ("parking", "park trees"),
        ("Park", "Parkett"),  # no prefix match: a parquet floor is not a park
        ("Rat", "Integration"),
    ],
)
def test_unrelated_words_do_not_match(query: str, document: str) -> None:
    terms = set(index_terms([document]).split())
    assert not any(terms & set(group) for group in query_terms(query)), (query, terms)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Bürgerbeteiligung", ("burger", "beteiligung")),
        ("Mängelmelder", ("mangel", "melder")),
        ("Parkplatz", ("park", "platz")),
        ("Schadensmelder", ("schadens", "melder")),
        ("Straßenlaternen", ("strassen", "laternen")),
        ("Plattform", ()),  # a known word is not split into "Platt" + "Form"
        ("interest", ()),  # "inte" is no word part
        ("Masterportal", ()),
    ],
)
def test_compounds_split_into_known_parts(word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(word) == parts


def test_terms_are_plain_ascii_words_for_both_tokenizers() -> None:
    terms = index_terms(["Gießen: E-Mail-Versand (v2.0) für Ämter — naïve café", None])
    assert terms
    assert all(t.isascii() and t.isalnum() and t == t.lower() for t in terms.split())


def test_stopwords_are_dropped_and_groups_deduplicated() -> None:
    assert query_terms("die und the for") == ()
    assert query_terms("Park park PARK") == (("park",),)


def test_sort_key_orders_umlauts_with_their_base_letter() -> None:
    names = ["Zeit", "Übersicht", "Uhr", "Ärzte", "Amt"]
    assert sorted(names, key=sort_key) == ["Amt", "Ärzte", "Übersicht", "Uhr", "Zeit"]
    assert sort_key("  Bürger–Haushalt <b> ") == "burger haushalt b"
