"""Typo tolerance: which words count as one edit away, and which are not corrected."""

from __future__ import annotations

import pytest

from registry.search._suggest import Vocabulary, one_edit

WORDS = Vocabulary.of(["Videokonferenz participation participation Karte Warte"])


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Videokonfernez", "videokonferenz"),  # two neighbours swapped
        ("Videokonferentz", "videokonferenz"),  # a letter added
        ("partcipation", "participation"),  # dropped
        ("participasion", "participation"),  # changed
        ("Bürgerbeteiligng", "burgerbeteiligung"),  # a thesaurus word, not in the entries
    ],
)
def test_one_edit_finds_the_word_meant(typed: str, meant: str) -> None:
    assert meant in one_edit(typed, WORDS)


@pytest.mark.parametrize("typed", ["Kart", "Vdeokonfernez", "partcipatoin", "pa\x00rticipation"])
def test_short_words_and_two_edits_are_not_corrected(typed: str) -> None:
    assert "karte" not in one_edit(typed, WORDS)
    assert "videokonferenz" not in one_edit(typed, WORDS)
    assert "participation" not in one_edit(typed, WORDS)


def test_the_commoner_of_two_corrections_comes_first() -> None:
    words = Vocabulary.of(["Karten Karten Karten Warten"])
    assert one_edit("Xarten", words)[:2] == ("karten", "warten")
