"""publiccode.yml into the catalogue, and an entry back out as publiccode.yml.

    result = import_publiccode(session, data, source="publiccode.yml", base_dir=folder)
    result.action        # created | updated | unchanged | rejected | failed
    text = export_publiccode(CatalogueService(session), "mitreden")

A valid file becomes (or updates) an active entry. A file that is YAML but breaks the
rules is stored as an *inactive* entry with its raw text and its issues, so that its
maintainers can see why (as the Italian catalogue does); it is never dropped silently.
Input that cannot be read at all (not UTF-8, not YAML, not a mapping, too large) stores
nothing and says why. Every call is recorded as an ``ImportRun`` with a log line.
Re-importing an unchanged file changes nothing and records no audit event.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService, EntryState, SolutionDraft, draft_from_entry
from registry.catalogue.models import Solution
from registry.db import utcnow
from registry.facts import draft_from_facts
from registry.imports._write import existing_entry, fit_draft, stored_facts, write_entry
from registry.imports.compose import compose
from registry.imports.hooks import after_import
from registry.imports.models import ImportRun
from registry.imports.services import ImportRecorder
from registry.publiccode import UrlChecker, ValidationReport, from_draft, to_draft, to_json
from registry.publiccode import validate as validate_publiccode

__all__ = [
    "PubliccodeImport",
    "declared_state",
    "export_publiccode",
    "import_publiccode",
    "unreadable_reason",
]


@dataclass(frozen=True, slots=True)
class PubliccodeImport:
    """The outcome of one ``import_publiccode`` call.

    ``action`` is ``created``, ``updated`` or ``unchanged`` when an entry was written
    (active when ``report.valid``, else inactive with the issues), ``rejected`` when the
    input could not be read as publiccode.yml (nothing stored), ``failed`` when the
    catalogue refused the entry (``message`` says why; nothing stored).
    """

    report: ValidationReport
    action: str
    run: ImportRun
    solution: Solution | None = None
    message: str | None = None

    @property
    def stored(self) -> bool:
        """True when the entry was written (or already held exactly this)."""
        return self.action in {"created", "updated", "unchanged"}


def unreadable_reason(report: ValidationReport) -> str:
    """Why a file could not be read at all, in the validator's words."""
    first = report.errors[0] if report.errors else None
    detail = f"{first.key}: {first.description}" if first and first.key else ""
    detail = detail or (first.description if first else "no content")
    return f"publiccode.yml unlesbar / unreadable: {detail}"


def _inactive_reason(report: ValidationReport) -> str | None:
    if report.valid:
        return None
    errors = report.errors
    first = errors[0]
    where = f"{first.key}: " if first.key else ""
    return (
        f"publiccode.yml ungültig / invalid ({len(errors)} Fehler / errors), "
        f"{where}{first.description}"
    )


def declared_state(
    report: ValidationReport, raw: str, *, licence_detected: str | None
) -> EntryState:
    """The entry state a publiccode.yml gives: its text, verdict and issues, active if valid."""
    return EntryState(
        publiccode_raw=raw,
        publiccode_valid=report.valid,
        publiccode_issues=tuple(to_json(report)),
        active=report.valid,
        inactive_reason=_inactive_reason(report),
        licence_detected=licence_detected,
    )


def _named(draft: SolutionDraft, source: str) -> SolutionDraft:
    """An invalid file may lack ``name``: the repository's or the file's name stands in."""
    if draft.name:
        return draft
    tail = (draft.url or "").rstrip("/").removesuffix(".git").rstrip("/")
    fallback = posixpath.basename(tail) or Path(source.rstrip("/")).stem or "publiccode"
    return replace(draft, name=fallback)


def import_publiccode(
    session: Session,
    data: bytes,
    *,
    source: str,
    base_dir: Path | None = None,
    url_checker: UrlChecker | None = None,
    now: datetime | None = None,
) -> PubliccodeImport:
    """Validate ``data`` and write it into the catalogue; never raises for bad input.

    Args:
        session: the caller's unit of work (not committed here).
        data: the file's bytes.
        source: where it came from (a path or URL), recorded on the run and the log.
        base_dir: folder for relative ``logo``/``screenshots`` paths (None: only the
            extension is checked, e.g. for a file fetched by URL).
        url_checker: turns on the reachability checks (``importers.http.GuardedUrlChecker``).
        now: the clock for what runs after the import (scoring); defaults to the time now.

    Stored facts of the entry's repositories (from ``registry import URL``) are composed
    with the file, so importing one source keeps what the other found.
    """
    recorder = ImportRecorder(session, kind="publiccode", source=source)
    name = posixpath.basename(source.rstrip("/")) or "publiccode.yml"
    report = validate_publiccode(data, filename=name, base_dir=base_dir, url_checker=url_checker)
    if report.document is None:
        reason = unreadable_reason(report)
        recorder.log("rejected", url=source, message=reason, details={"issues": to_json(report)})
        return PubliccodeImport(report, "rejected", recorder.finish(error=reason), message=reason)
    declared = _named(fit_draft(to_draft(report.document)), source)
    existing = existing_entry(session, declared)
    facts = stored_facts(existing)
    draft = compose(declared, draft_from_facts(facts) if facts else None)
    state = declared_state(
        report,
        data.decode("utf-8").removeprefix("\ufeff"),
        licence_detected=existing.licence_detected if existing else None,
    )
    written = write_entry(session, fit_draft(draft), state, existing)
    solution_id = written.solution.id if written.solution else None
    details = {
        "valid": report.valid,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
    recorder.log(
        written.action, url=source, solution_id=solution_id, message=written.message,
        details=details,
    )  # fmt: skip
    if written.solution is None:
        run = recorder.finish(error=written.message)
        return PubliccodeImport(report, written.action, run, message=written.message)
    after_import(session, written.solution, now=now or utcnow())
    run = recorder.finish()
    return PubliccodeImport(report, written.action, run, written.solution, _inactive_reason(report))


def export_publiccode(catalogue: CatalogueService, slug: str) -> str:
    """The entry ``slug`` as a current-version publiccode.yml (``NotFound`` if unknown).

    Only what the entry knows is written; an entry lacking a mandatory fact gives a file
    that ``validate`` rejects, naming the missing key, rather than an invented value.
    """
    return from_draft(draft_from_entry(catalogue.get(slug)))
