"""``validate``: bytes in, a ``ValidationReport`` out, in the reference parser's order.

The order of a report is the reference's: the version warning, type errors, field
rules, then the extra checks (files, deprecations, network). Fatal input problems
(size, encoding, YAML, version) end the run early with one error, as they do there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registry.publiccode._decode import decode
from registry.publiccode._extra import ExtraChecks
from registry.publiccode._positions import key_at_line, position_of
from registry.publiccode._report import Issue, UrlChecker, ValidationReport
from registry.publiccode._rules import check_rules
from registry.publiccode._schema import V0
from registry.publiccode._vocab import vocabulary
from registry.publiccode._yaml import Limits, Mapping, Node, Scalar, YamlError, load, to_plain

__all__ = ["DEFAULT_MAX_BYTES", "validate"]

#: Real publiccode.yml files are a few kilobytes; 4 MiB leaves ample room for long texts
#: in many languages while refusing hostile input before the YAML parser sees it.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
_VERSION = "publiccodeYmlVersion"


def validate(
    data: bytes,
    *,
    filename: str | None = None,
    base_dir: Path | None = None,
    url_checker: UrlChecker | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
) -> ValidationReport:
    """Validate a publiccode.yml against the current v0 rules.

    Args:
        data: the file's bytes (must be UTF-8).
        filename: how to name the file in the text form of the report.
        base_dir: the folder relative ``logo``/``screenshots``/``authorsFile`` paths are
            resolved against; without it only their extension is checked.
        url_checker: turns on the network checks (reachability, remote images).
        max_bytes: larger input is refused before parsing.
        limits: bounds on nesting depth, aliases and expanded size.

    Example:
        report = validate(Path("publiccode.yml").read_bytes(), base_dir=Path("."))
        if not report.valid: print(format_text(report, "publiccode.yml"))
    """
    name = filename or "publiccode.yml"
    if len(data) > max_bytes:
        message = f"file is too large: {len(data)} bytes, the limit is {max_bytes}"
        return _fatal(name, None, message)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _fatal(name, None, "Invalid UTF-8")
    try:
        root = load(text.removeprefix("\ufeff"), limits)
    except YamlError as exc:
        return _fatal(name, None, exc.message, line=exc.line, column=exc.column)
    if not isinstance(root, Mapping):
        return _fatal(name, None, f"{_VERSION} is a required field", key=_VERSION)
    return _validate_mapping(root, name, base_dir, url_checker)


def _fatal(
    name: str,
    document: dict[str, Any] | None,
    message: str,
    *,
    line: int = 0,
    column: int = 0,
    key: str = "",
) -> ValidationReport:
    issue = Issue("error", key, message, line, column)
    return ValidationReport(document, None, (issue,), filename=name)


def _version(root: Mapping) -> tuple[str | None, Issue | None]:
    """The declared version and the issue it raises, if any."""
    entry = next((e for e in root.items if e.key == _VERSION), None)
    if entry is None or (isinstance(entry.value, Scalar) and entry.value.tag == "null"):
        return None, Issue("error", _VERSION, f"{_VERSION} is a required field")
    value = entry.value
    if not isinstance(value, Scalar) or value.tag != "str":
        return None, Issue("error", _VERSION, "wrong type for this field", entry.line, entry.column)
    vocab = vocabulary()
    if value.value not in vocab.supported_versions:
        supported = ", ".join(vocab.supported_versions)
        message = f"unsupported version: '{value.value}'. Supported versions: {supported}"
        return value.value, Issue("error", _VERSION, message)
    if value.value != "0" and not value.value.startswith("0.7"):
        message = (
            f"v{value.value} is not the latest version, use '0'. "
            f"Parsing this file as v{vocab.latest_version}."
        )
        return value.value, Issue("warning", _VERSION, message, entry.line, entry.column)
    return value.value, None


def _validate_mapping(
    root: Mapping, name: str, base_dir: Path | None, checker: UrlChecker | None
) -> ValidationReport:
    version, version_issue = _version(root)
    if version_issue is not None and version_issue.type == "error":
        plain = to_plain(root)
        return ValidationReport(plain, version, (version_issue,), filename=name)
    issues = [version_issue] if version_issue else []
    decoded = decode(root, V0)
    for line, message in decoded.problems:
        issues.append(Issue("error", key_at_line(root, line), message, line, 1 if line else 0))
    for key, message in decoded.keyed:
        issues.append(_positioned(root, "error", key, message))
    for key, message in check_rules(decoded.document, decoded.bad):
        issues.append(_positioned(root, "error", key, message))
    extra = ExtraChecks(decoded.bad, base_dir, checker)
    for kind, key, message in extra.run(decoded.document):
        issues.append(_positioned(root, kind, key, message))
    return ValidationReport(decoded.document, version, tuple(issues), filename=name)


def _positioned(root: Node, kind: str, key: str, message: str) -> Issue:
    line, column = position_of(root, key)
    return Issue("error" if kind == "error" else "warning", key, message, line, column)
