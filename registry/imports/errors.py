"""Why an import failed, in words a publisher can act on: the one mapping from raw reasons.

    problem = explain_failure("abgelehnt / refused: host 'x' does not resolve: [Errno -2] …")
    problem.code        # "dns": the page shows ``importerror.dns`` (what happened, what to do)
    problem.detail      # the raw reason, kept for whoever has to look deeper

Importers report failures as text (libgit2, the address guard, the clone's deadline);
the job keeps that text. Pages and the API never show it bare: they call
``explain_failure`` and show the message keys ``importerror.<code>`` and
``importerror.<code>.next`` (web/i18n.py) with the raw text folded away underneath.
A reason no pattern knows is ``unknown``, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PROBLEM_CODES", "ImportProblem", "explain_failure"]

#: (code, pattern) in order: the first match decides. Patterns read the lowercased reason.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("private", r"resolves to .*, which is|cloud metadata service|unix sockets"),
    ("refused_url", r"local paths and file://|command transports|scheme .* is refused|"
                    r"only http, https and git://|not a url|no usable host|control characters|"
                    r"credentials in the url"),
    ("dns", r"does not resolve|failed to resolve|name or service not known|"
            r"could not resolve|nodename nor servname|temporary failure in name resolution|"
            r"errno -[235]\b"),
    ("timeout", r"timed out|timeout"),
    ("too_big", r"too large|larger than|exceeds|limit(s)? (hit|reached)|too many"),
    ("auth", r"\b401\b|\b403\b|authentication|credentials"),
    ("not_found", r"\b404\b|not found|repository not found"),
    ("not_git", r"not a git repository|no git repository|content-type|"
                r"invalid (http response|packet|pkt)|bad packet|unexpected content|"
                r"smart http|expected .*(advertisement|pkt-line)"),
    ("connection", r"connection refused|could not connect|failed to connect|"
                   r"connection reset|network is unreachable|ssl|certificate|tls"),
    ("taken", r"already published by|another organisation|publisher"),
    ("publiccode", r"publiccode\.yml|yaml"),
)  # fmt: skip

#: Every code a problem can have; each has ``importerror.<code>`` and ``.next`` texts.
PROBLEM_CODES = (*(code for code, _ in _PATTERNS), "unknown")

_COMPILED = tuple((code, re.compile(pattern)) for code, pattern in _PATTERNS)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A failure reason: its kind (``code``) and the raw text (``detail``)."""

    code: str
    detail: str


def explain_failure(reason: str) -> ImportProblem:
    """The kind of failure ``reason`` describes (``unknown`` when no pattern matches)."""
    text = reason.lower()
    for code, pattern in _COMPILED:
        if pattern.search(text):
            return ImportProblem(code, reason)
    return ImportProblem("unknown", reason)
