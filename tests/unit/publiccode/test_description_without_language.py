"""A description whose language keys are missing: one error naming them, a sensible reading."""

from __future__ import annotations

from registry.publiccode import to_draft, validate

LONG = "Eine lange Beschreibung der Software, die erklärt, was sie tut und wozu. " * 3


def _file(description: str, languages: str | None = None) -> bytes:
    localisation = (
        f"localisation:\n  localisationReady: true\n  availableLanguages: [{languages}]\n"
        if languages
        else ""
    )
    return (
        'publiccodeYmlVersion: "0"\nname: App\nurl: https://example.org/app.git\n'
        f"description:\n{description}{localisation}"
    ).encode()


def test_read_as_english_without_available_languages() -> None:
    report = validate(_file(f"  shortDescription: Kurz\n  longDescription: {LONG}\n"))
    issues = [i for i in report.issues if i.key.startswith("description")]
    assert [(i.key, i.line) for i in issues] == [
        ("description", 4),
        ("description.en.features", 5),  # placed at the keys read as English
    ]
    assert "shortDescription, longDescription must be under a language" in issues[0].description
    assert "read as language 'en'" in issues[0].description
    assert not report.valid
    draft = to_draft(report.document or {})
    assert set(draft.texts) == {"en"} and draft.texts["en"].short_description == "Kurz"


def test_read_as_the_first_available_language() -> None:
    report = validate(_file("  shortDescription: Kurz\n", "de, en"))
    assert set(to_draft(report.document or {}).texts) == {"de"}


def test_stray_keys_beside_the_language_are_ignored() -> None:
    text = f"  en:\n    shortDescription: Short\n    longDescription: {LONG}\n  features: [x]\n"
    report = validate(_file(text))
    (issue,) = [i for i in report.issues if i.key == "description"]
    assert "features must be under a language" in issue.description
    assert "ignored, 'en' is given" in issue.description
    draft = to_draft(report.document or {})
    assert set(draft.texts) == {"en"} and draft.texts["en"].short_description == "Short"
