"""The matched passage: the words the search matched on are marked, in the text's spelling."""

from __future__ import annotations

from registry.search._plan import plan
from registry.search._snippet import best_snippet, highlight


def _marked(text: str, query: str) -> tuple[str, ...]:
    parts, _ = highlight(text, plan(query + " "))
    assert "".join(t for t, _ in parts) == text  # nothing lost or added
    return tuple(t for t, on in parts if on)


def test_stems_and_compound_parts_are_marked_where_the_text_holds_them() -> None:
    assert _marked("Termine der Abfallabfuhr und Abfälle melden", "Abfall") == (
        "Abfallabfuhr",
        "Abfälle",
    )
    # Mängelmelder as its parts: both must be in the text for either to be marked.
    assert _marked("Mängel im Straßenraum melden", "Mängelmelder") == ("Mängel", "melden")
    assert _marked("Mängel im Straßenraum ansehen", "Mängelmelder") == ()


def test_the_word_still_being_typed_marks_as_a_prefix() -> None:
    parts, held = highlight("Ratsinformationssystem für Gremien", plan("Ratsinf"))
    assert [t for t, on in parts if on] == ["Ratsinformationssystem"] and held == 1


def test_the_best_passage_per_language_is_a_window_around_the_first_match() -> None:
    long = "Einleitung. " * 40 + "Hier steht der **Abfallkalender** mit [Link](https://x.example)."
    found = best_snippet(
        [("de", "short", "Ein Werkzeug für Städte"), ("de", "long", long),
         ("en", "short", "A tool for towns")], plan("Abfallkalender ")
    )  # fmt: skip
    assert set(found) == {"de"}  # nothing matched in English: no English passage
    snippet = found["de"]
    assert snippet.source == "long" and snippet.marked == ("Abfallkalender",)
    assert snippet.text.startswith("… ") and len(snippet.text) <= 210
    assert "**" not in snippet.text and "https://" not in snippet.text and "Link" in snippet.text
