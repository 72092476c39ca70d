"""Repository facts into the catalogue: the registry's half of ``registry import URL``.

``importers.repository.import_repository`` reads the repository (pygit2) and hands the
``RepoFacts`` to ``store_repository``, which composes the publiccode.yml found in the
repository (declared) with what the repository shows (detected), writes the entry,
keeps the raw facts on the ``Repository`` row and records the attempt. When reading
fails, ``mark_failed`` notes the reason on the repository without touching what an
earlier import stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import EntryState, touch_import
from registry.catalogue.models import Repository
from registry.entries import normalise_repository_url
from registry.errors import InvalidInput
from registry.facts import RepoFacts, draft_from_facts, name_from_source
from registry.imports._write import Written, existing_entry, fit_draft, write_entry
from registry.imports.compose import compose
from registry.imports.hooks import after_import
from registry.imports.publiccode import declared_state
from registry.imports.services import ImportRecorder
from registry.publiccode import ValidationReport, to_draft
from registry.publiccode import validate as validate_publiccode

__all__ = ["StoredRepository", "mark_failed", "repository_key", "store_repository"]


#: Facts that change on every run without the repository changing.
@dataclass(frozen=True, slots=True)
class StoredRepository:
    """What ``store_repository`` did; ``publiccode`` is the verdict on the file it used."""

    written: Written
    repository: Repository | None
    publiccode: ValidationReport | None


def repository_key(url: str | None) -> str | None:
    """The canonical URL of a repository, or None for a local path or a non-git URL."""
    if not url or "://" not in url or url.lower().startswith("file:"):
        return None
    try:
        return normalise_repository_url(url)
    except InvalidInput:
        return None


def _declared(raw: bytes | None, path: str | None) -> ValidationReport | None:
    if raw is None:
        return None
    report = validate_publiccode(raw, filename=path or "publiccode.yml")
    return report if report.document is not None else None


def _same_facts(stored: dict[str, Any], new: RepoFacts) -> bool:
    """Whether the stored facts say what the new analysis says, its time aside. Compared as
    facts, not as JSON: stored JSON may spell a time ``+00:00`` (before msgspec) or ``Z``."""
    try:
        old = RepoFacts.from_json(stored)
    except (TypeError, ValueError):
        return False
    return msgspec.structs.replace(old, analysed_at=new.analysed_at) == new


def _keep_facts(repository: Repository, facts: RepoFacts, status: str) -> None:
    if not _same_facts(repository.facts or {}, facts):
        repository.facts = facts.to_json()
    values = {
        "default_branch": facts.default_branch,
        "last_commit": facts.head_commit,
        "last_commit_at": facts.head_date,
    }
    for name, value in values.items():
        if getattr(repository, name) != value:
            setattr(repository, name, value)
    touch_import(repository, status=status)


def _state(report: ValidationReport | None, raw: str | None, facts: RepoFacts) -> EntryState:
    detected = facts.licence.detected_expression
    if report is None or raw is None:
        return EntryState(licence_detected=detected)
    return declared_state(report, raw, licence_detected=detected)


def store_repository(
    session: Session,
    facts: RepoFacts,
    *,
    recorder: ImportRecorder,
    now: datetime,
    url: str | None = None,
) -> StoredRepository:
    """Write the entry ``facts`` describe and keep the facts on its repository.

    Args:
        session: the caller's unit of work (not committed here).
        facts: one analysis (``importers.git.analyse``).
        recorder: the run this attempt is logged on.
        now: the import's clock (passed to ``after_import``).
        url: the public URL of the repository when ``facts.source`` is a local path.

    Without a publiccode.yml in the repository, the one stored on the entry by an
    earlier import is used as the declared side, so the descriptions survive.
    """
    key = repository_key(url) or repository_key(facts.source)
    detected = replace(draft_from_facts(facts), url=url or (facts.source if key else None))
    if url and not repository_key(facts.source):  # a local checkout: named after its URL
        detected = replace(detected, name=name_from_source(url))
    raw_bytes, raw_path = facts.publiccode_raw, facts.publiccode_path
    report = _declared(raw_bytes, raw_path)
    declared = fit_draft(to_draft(report.document)) if report and report.document else None
    others = (declared.url,) if declared and declared.url else ()
    probe = fit_draft(replace(detected, repositories=others))
    existing = existing_entry(session, probe) if probe.url or probe.repositories else None
    if report is None and existing is not None and existing.publiccode_raw:
        raw_bytes, raw_path = existing.publiccode_raw.encode("utf-8"), "publiccode.yml"
        report = _declared(raw_bytes, raw_path)
        declared = fit_draft(to_draft(report.document)) if report and report.document else None
    draft = fit_draft(compose(declared, detected))
    key = key or repository_key(draft.url)
    if key is None:
        message = (
            "keine Repository-URL / no repository URL: a local path needs --url "
            "or a publiccode.yml with url"
        )
        recorder.log("failed", url=facts.source, message=message)
        return StoredRepository(Written("failed", None, message), None, report)
    raw = raw_bytes.decode("utf-8", errors="replace").removeprefix("\ufeff") if raw_bytes else None
    written = write_entry(session, draft, _state(report, raw, facts), existing)
    repository = _repository(session, key)
    if written.solution is None:
        if written.action != "refused":  # another organisation's entry stays untouched
            mark_failed(session, key, written.message or "failed")
        recorder.log(written.action, url=facts.source, message=written.message)
        return StoredRepository(written, repository, report)
    assert repository is not None  # the entry was written with this repository
    _keep_facts(repository, facts, "ok" if report is None or report.valid else "invalid")
    recorder.log(
        written.action, url=facts.source, solution_id=written.solution.id,
        repository_id=repository.id, details=_summary(facts, report),
    )  # fmt: skip
    after_import(session, written.solution, now=now)
    return StoredRepository(written, repository, report)


def _repository(session: Session, key: str) -> Repository | None:
    return session.scalar(select(Repository).where(Repository.url == key))


def _summary(facts: RepoFacts, report: ValidationReport | None) -> dict[str, Any]:
    return {
        "head": facts.head_commit,
        "licence_detected": facts.licence.detected_expression,
        "licence_disagreements": len(facts.licence.disagreements),
        "publiccode": None if report is None else ("valid" if report.valid else "invalid"),
        "missing_objects": len(facts.missing_objects),
        "limits_hit": list(facts.limits_hit),
    }


def mark_failed(session: Session, source: str, reason: str) -> Repository | None:
    """Note a failed attempt on the known repository at ``source``; stored facts stay."""
    key = repository_key(source)
    repository = _repository(session, key) if key else None
    if repository is not None:
        touch_import(repository, status="failed", error=reason[:2000])
    return repository
