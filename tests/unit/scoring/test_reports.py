"""Profile reports: text, JSON, CSV (formula-safe) and HTML (escaped), in German and English."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from registry.errors import InvalidInput
from registry.scoring import (
    ProfileReport,
    build_facts,
    csv_cell,
    evaluate_profile,
    parse_profile,
    render_reports,
    score,
    shipped_profile,
)
from tests.unit.scoring._helpers import NOW, healthy_entry

EVIL = '=HYPERLINK("http://evil.example","x")'


def _report(name: str = "Bürger<script>alert(1)</script>", slug: str = "good") -> ProfileReport:
    facts = build_facts(healthy_entry(name=name, slug=slug), now=NOW)
    return evaluate_profile(shipped_profile("smart-city-mpsc"), facts, score(facts, now=NOW))


def _evil_report() -> ProfileReport:
    profile = parse_profile({
        "profile": "evil", "version": "1", "title": {"de": "<b>T</b>", "en": "<b>T</b>"},
        "rules": {"all": [{"fact": "licence.expression", "op": "eq", "value": "x", "id": EVIL,
                           "title": {"de": "+cmd|' /C calc'!A0", "en": "@SUM(1+1)"},
                           "anchor": "-2+3", "fix": {"de": "=1+1", "en": "\t=1"}}]},
    })  # fmt: skip
    facts = build_facts(healthy_entry(slug="=cmd", licence="MIT"), now=NOW)
    return evaluate_profile(profile, facts, score(facts, now=NOW))


def test_text_report_in_both_languages() -> None:
    german = render_reports([_report()], "text", "de")
    english = render_reports([_report()], "text", "en")
    assert "NICHT ERFÜLLT" in german and "Open-Source-Lizenz" in german
    assert "→ FAIL" in english and "Open source licence = true" in english
    assert "README anlegen." in german  # fix shown for the unknown rule
    assert "publiccode.yml licence 2026-11-01" in english  # evidence: source, path, date


def test_json_report_is_the_report_data() -> None:
    data = json.loads(render_reports([_report()], "json", "en"))
    assert data[0]["profile"] == "smart-city-mpsc" and data[0]["verdict"] == "fail"
    leaves = data[0]["rules"]["children"]
    assert leaves[0]["id"] == "open-licence" and leaves[0]["evidence"][0]["path"] == "licence"


def test_csv_has_one_row_per_rule_and_is_formula_safe() -> None:
    text = render_reports([_evil_report()], "csv", "en")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Solution", "Profile", "Verdict"]
    (row,) = rows[1:]
    assert row[0] == "'=cmd" and row[3] == "'" + EVIL and row[4] == "'@SUM(1+1)"
    assert row[8] == "'-2+3" and row[9] == "'\t=1"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    german = list(csv.reader(io.StringIO(render_reports([_evil_report()], "csv", "de"))))
    assert german[0][0] == "Lösung" and german[1][4] == "'+cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@x", "\t1", "\r1"])
def test_csv_cell_neutralises_formulas(value: str) -> None:
    assert csv_cell(value) == "'" + value
    assert csv_cell("plain") == "plain" and csv_cell(None) == ""


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_every_value() -> None:
    page = render_reports([_report(), _evil_report()], "html", "de")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>T</b>" not in page and "&lt;b&gt;T&lt;/b&gt;" in page
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert '<html lang="de">' in page and "Prüfbericht" in page
    assert any("Bürger<script>alert(1)</script>" in t for t in parser.text)


def test_bad_format_or_language_names_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        render_reports([_report()], "pdf", "en")
    assert caught.value.field == "format"
    with pytest.raises(InvalidInput) as caught:
        render_reports([_report()], "text", "fr")
    assert caught.value.field == "lang"
