"""One fallback rule for texts kept per language (``registry.entries.in_language``)."""

from __future__ import annotations

from registry.entries import in_language
from registry.scoring.rubric import Text
from web.i18n import pick


def test_the_asked_language_then_english_then_german_then_any() -> None:
    both = {"de": "Satz", "en": "sentence"}
    assert in_language(both, "de") == "Satz" and in_language(both, "en") == "sentence"
    assert in_language(both, "fr") == "sentence"
    assert in_language({"de": "Satz", "en": ""}, "en") == "Satz"  # empty counts as missing
    assert in_language({"fr": "phrase"}, "de") == "phrase"
    assert in_language({}, "de") is None
    assert pick({}, "de") == "" and pick(both, "fr") == "sentence"  # the pages' pick is it
    assert Text(de="Satz", en="sentence").get("en") == "sentence"
    assert Text(de="Satz", en="sentence").get("de") == "Satz"
