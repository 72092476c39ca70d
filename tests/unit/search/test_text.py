"""Words to search terms: stemming, folding, compounds, stopwords."""

from __future__ import annotations

import pytest

from registry.search._text import fold, index_terms, query_terms, sort_key


def test_fold_removes_accents_and_special_letters() -> None:
    assert fold("Mobilität Straße Ærø Café") == "mobilitat strasse aero cafe"


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Abfall", "Abfallkalender"),
        ("Kalender", "Abfallkalender"),
        ("Abfälle", "Abfall"),
        ("parking", "park"),
        ("park", "parking spaces"),
        ("Verwaltung", "Verwaltungen"),
        ("Bürger", "Bürgerinnen und Bürger"),
        ("Ratsinformation", "Ratsinformationssystem"),
        ("System", "Ratsinformationssystem"),
    ],
)
def test_query_terms_prefix_match_document_terms(query: str, document: str) -> None:
    terms = index_terms([document]).split()
    for group in query_terms(query):
        assert any(term.startswith(stem) for stem in group for term in terms), (query, terms)


def test_unrelated_words_do_not_match() -> None:
    terms = index_terms(["Abfallkalender"]).split()
    assert not any(t.startswith(s) for g in query_terms("Parkplatz") for s in g for t in terms)


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
