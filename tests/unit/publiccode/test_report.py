"""The public surface: ``__all__`` is honest, and the text and JSON forms."""

from __future__ import annotations

import json

from registry import publiccode
from registry.publiccode import Issue, ValidationReport, format_text, to_json, validate


def test_all_is_exported_and_complete() -> None:
    public = {name for name in dir(publiccode) if not name.startswith("_")}
    assert set(publiccode.__all__) <= public
    assert public - set(publiccode.__all__) <= {"export", "mapping", "annotations", "authoring"}


def test_text_form_is_the_reference_s() -> None:
    report = ValidationReport(
        None,
        "0",
        (
            Issue("error", "developmentStatus", "developmentStatus is a required field", 1, 1),
            Issue("warning", "", "no key", 0, 0),
        ),
    )
    assert format_text(report, "p.yml").splitlines() == [
        "p.yml:1:1: error: developmentStatus: developmentStatus is a required field",
        "p.yml:0:0: warning: no key",
    ]


def test_json_form_round_trips() -> None:
    report = validate(b'publiccodeYmlVersion: "0.2"\n', filename="x.yml")
    data = json.loads(json.dumps(to_json(report)))
    assert data[0] == {
        "type": "warning",
        "key": "publiccodeYmlVersion",
        "description": "v0.2 is not the latest version, use '0'. Parsing this file as v0.7.",
        "line": 1,
        "column": 1,
    }
    assert {"type", "key", "description", "line", "column"} == set(data[1])
    assert format_text(report).startswith("x.yml:1:1: warning: publiccodeYmlVersion: ")


def test_outcomes() -> None:
    warning = Issue("warning", "k", "w")
    error = Issue("error", "k", "e")
    assert ValidationReport({}, "0").outcome == "accept"
    assert ValidationReport({}, "0", (warning,)).outcome == "accept_with_warnings"
    assert ValidationReport({}, "0", (warning, error)).outcome == "reject"
    assert not ValidationReport({}, "0", (error,)).valid


def test_url_checker_turns_on_network_checks() -> None:
    class Refuse:
        def __init__(self) -> None:
            self.seen: list[str] = []

        def check(self, url: str) -> str | None:
            self.seen.append(url)
            return "HTTP 404"

    data = b'publiccodeYmlVersion: "0"\nurl: https://example.org/repo.git\nlandingURL: https://example.org\n'
    checker = Refuse()
    offline = validate(data)
    online = validate(data, url_checker=checker)

    assert checker.seen == ["https://example.org/repo.git", "https://example.org"]
    assert "url" not in {i.key for i in offline.errors}
    assert "'https://example.org/repo.git' not reachable: HTTP 404" in {
        i.description for i in online.errors
    }
