"""The result of a validation run, and its text and JSON forms.

The shapes mirror the reference parser's output (``{type, key, description, line,
column}``), so that messages, CI logs and the JSON API read the same as
``publiccode-parser`` does and users can search for its messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

__all__ = [
    "Issue",
    "IssueType",
    "Outcome",
    "UrlChecker",
    "ValidationReport",
    "format_text",
    "to_json",
]

IssueType = Literal["error", "warning"]
Outcome = Literal["accept", "accept_with_warnings", "reject"]


class UrlChecker(Protocol):
    """Checks that a URL is reachable; injected so that ``registry`` stays free of HTTP.

    The importers implement it with their guarded client (timeouts, size caps, no
    private addresses). ``check`` returns a short reason when the URL fails, else None.
    """

    def check(self, url: str) -> str | None:
        """Return why ``url`` is not reachable, or None when it is."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One error or warning, positioned like the reference parser (1-based; 0 = unknown)."""

    type: IssueType
    key: str
    description: str
    line: int = 0
    column: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the reference parser's ``-json`` output."""
        return {
            "type": self.type,
            "key": self.key,
            "description": self.description,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What ``validate`` found.

    ``document`` is the parsed mapping (string fields as strings) whenever the input
    was YAML with a mapping at the top, even when it has errors, so that an invalid
    file can still be stored and shown; it is None for unreadable input.
    ``version`` is the declared ``publiccodeYmlVersion`` when it is a string.
    """

    document: dict[str, Any] | None
    version: str | None
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    filename: str = "publiccode.yml"

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of type error, in order."""
        return tuple(i for i in self.issues if i.type == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of type warning, in order."""
        return tuple(i for i in self.issues if i.type == "warning")

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not any(i.type == "error" for i in self.issues)

    @property
    def outcome(self) -> Outcome:
        """The verdict in the conformance suite's words."""
        if not self.valid:
            return "reject"
        return "accept_with_warnings" if self.issues else "accept"


def format_text(report: ValidationReport, filename: str | None = None) -> str:
    """Lines ``FILE:LINE:COL: error|warning: KEY: MESSAGE``, as the reference CLI prints.

    ``filename`` defaults to the one given to ``validate``. The key part is left out
    when an issue has no key (encoding and YAML syntax errors).
    """
    filename = filename or report.filename
    lines = []
    for issue in report.issues:
        key = f"{issue.key}: " if issue.key else ""
        lines.append(
            f"{filename}:{issue.line}:{issue.column}: {issue.type}: {key}{issue.description}"
        )
    return "\n".join(lines)


def to_json(report: ValidationReport) -> list[dict[str, Any]]:
    """The issues as plain dicts, ready for ``json.dumps``."""
    return [issue.as_dict() for issue in report.issues]
