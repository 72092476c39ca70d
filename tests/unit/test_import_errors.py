"""Import failures are told by kind: each raw reason (as the importers word it) has one code."""

from __future__ import annotations

import pytest

from registry.imports import PROBLEM_CODES, explain_failure
from web.catalogues import texts

# The texts as importers/git and importers/urlguard produce them (seen in real runs).
CASES = [
    ("abgelehnt / refused: host 'x.invalid' does not resolve: [Errno -2] Name or service not known",
     "dns"),
    ("nicht lesbar / unreadable: cannot clone http://127.0.0.1:4/missing.git: "
     "unexpected http status code: 404", "not_found"),
    ("nicht lesbar / unreadable: cannot clone http://127.0.0.1:4/x.git: "
     "invalid content-type: 'text/html'", "not_git"),
    ("abgelehnt / refused: host '127.0.0.1' resolves to 127.0.0.1, which is loopback", "private"),
    ("abgelehnt / refused: host 'metadata.google.internal' is a cloud metadata service",
     "private"),
    ("nicht lesbar / unreadable: clone of https://h.example/a.git timed out after 120 s",
     "timeout"),
    ("abgelehnt / refused: local paths and file:// URLs are refused: '/etc'", "refused_url"),
    ("nicht lesbar / unreadable: cannot clone https://h.example/a.git: "
     "unexpected http status code: 401", "auth"),
    ("nicht lesbar / unreadable: cannot clone https://h.example/a.git: "
     "failed to connect to h.example: Connection refused", "connection"),
    ("something nobody has seen before", "unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("reason", "code"), CASES)
def test_each_reason_has_its_kind(reason: str, code: str) -> None:
    problem = explain_failure(reason)
    assert problem.code == code
    assert problem.detail == reason  # the raw text stays for whoever looks deeper


@pytest.mark.parametrize("code", PROBLEM_CODES)
def test_every_kind_is_told_in_german_and_english_with_a_next_step(code: str) -> None:
    de, en = texts("de"), texts("en")
    for key in (f"importerror.{code}", f"importerror.{code}.next"):
        assert de[key] and en[key]
        assert de[key] != en[key]
