"""publiccode.yml in and out: a validator that agrees with the reference parser,
the mapping into our ``SolutionDraft``, and the export back to the current version.

    report = validate(data, base_dir=folder)          # ValidationReport
    print(format_text(report, "publiccode.yml"))      # FILE:LINE:COL: error: KEY: MESSAGE
    draft = to_draft(report.document)                 # when report.document is not None
    text = from_draft(draft)                          # a v0.7 publiccode.yml

Pure: no network unless a ``UrlChecker`` is passed, no database, no web framework.
"""

from registry.publiccode._report import (
    Issue,
    IssueType,
    Outcome,
    UrlChecker,
    ValidationReport,
    format_text,
    to_json,
)
from registry.publiccode._validate import DEFAULT_MAX_BYTES, validate
from registry.publiccode._vocab import vocabulary
from registry.publiccode._yaml import Limits, read_untrusted
from registry.publiccode.authoring import (
    LANGUAGES,
    PLATFORMS,
    Authored,
    FieldProblem,
    LanguageText,
    check_authored,
    field_of_issue,
    render_publiccode,
)
from registry.publiccode.export import from_draft
from registry.publiccode.mapping import to_draft

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LANGUAGES",
    "PLATFORMS",
    "Authored",
    "FieldProblem",
    "Issue",
    "IssueType",
    "LanguageText",
    "Limits",
    "Outcome",
    "UrlChecker",
    "ValidationReport",
    "check_authored",
    "field_of_issue",
    "format_text",
    "from_draft",
    "read_untrusted",
    "render_publiccode",
    "to_draft",
    "to_json",
    "validate",
    "vocabulary",
]
