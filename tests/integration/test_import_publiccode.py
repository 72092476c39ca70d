"""``import_publiccode`` and ``export_publiccode`` on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.audit import AuditEvent
from registry.catalogue import CatalogueService, EntryState, SolutionDraft
from registry.catalogue.models import Solution
from registry.imports import ImportLogEntry, ImportRun, export_publiccode, import_publiccode
from registry.imports._write import write_entry
from registry.publiccode import to_draft, validate
from tests.unit.publiccode._paths import CONFORMANCE, CORPUS

VALID = CORPUS / "ARPA-VdA__opas.yml"
SLUG = "opas-open-air-system"


def _events(session: Session, solution_id: int) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.entity_type == "solution", AuditEvent.entity_id == solution_id
    )
    return list(session.scalars(query.order_by(AuditEvent.id)))


def test_a_valid_file_becomes_an_active_entry(db_session: Session) -> None:
    result = import_publiccode(db_session, VALID.read_bytes(), source=str(VALID))

    assert result.action == "created" and result.stored
    entry = CatalogueService(db_session).get(SLUG)
    assert entry.active and entry.publiccode_valid and entry.inactive_reason is None
    assert entry.licence == "GPL-3.0-or-later" and entry.licence_source == "declared"
    assert entry.url == "https://github.com/ARPA-VdA/opas"
    assert {t.value for t in entry.tags if t.kind == "category"} >= {"data-collection"}
    assert entry.texts[0].lang == "it" and entry.texts[0].long_description
    assert entry.publisher is not None and entry.publisher.identifier == "urn:x-italian-pa:arpa_09"
    assert entry.publiccode_raw == VALID.read_text(encoding="utf-8")
    assert [i["type"] for i in entry.publiccode_issues] == ["warning"] * 6
    run = result.run
    assert (run.kind, run.status, run.stats) == ("publiccode", "ok", {"created": 1})
    assert [(e.action, e.solution_id) for e in run.entries] == [("created", entry.id)]


def test_reimport_changes_nothing_and_a_change_is_audited(db_session: Session) -> None:
    first = import_publiccode(db_session, VALID.read_bytes(), source="a")
    assert first.solution is not None
    events = len(_events(db_session, first.solution.id))
    again = import_publiccode(db_session, VALID.read_bytes(), source="a")
    assert again.action == "unchanged"
    assert len(_events(db_session, first.solution.id)) == events
    assert again.run.stats == {"unchanged": 1}

    changed = VALID.read_text(encoding="utf-8").replace(
        "softwareVersion: '1'", "softwareVersion: '2'"
    )
    assert changed != VALID.read_text(encoding="utf-8")
    updated = import_publiccode(db_session, changed.encode(), source="a")
    assert updated.action == "updated" and updated.solution is first.solution
    new_events = _events(db_session, first.solution.id)[events:]
    assert [e.action for e in new_events] == ["update"]
    assert new_events[0].before is not None and new_events[0].after is not None
    assert new_events[0].before["software_version"] == "1"
    assert new_events[0].after["software_version"] == "2"


def _invalid_case() -> Path:
    path = CONFORMANCE / "v0/invalid/categories_invalid.yml"
    cases = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))["files"]
    assert any(c["path"] == "v0/invalid/categories_invalid.yml" for c in cases)
    return path


def test_an_invalid_file_is_kept_inactive_with_its_errors(db_session: Session) -> None:
    path = _invalid_case()
    result = import_publiccode(db_session, path.read_bytes(), source=str(path))

    assert result.action == "created" and not result.report.valid
    assert result.solution is not None
    entry = CatalogueService(db_session).get(result.solution.slug)
    assert entry.active is False and entry.publiccode_valid is False
    assert entry.inactive_reason is not None
    assert entry.inactive_reason.startswith("publiccode.yml ungültig / invalid (1 Fehler / errors)")
    assert "categories[0]" in entry.inactive_reason
    assert entry.publiccode_issues[0]["key"] == "categories[0]"
    assert entry.publiccode_issues[0]["line"] == 13
    again = import_publiccode(db_session, path.read_bytes(), source=str(path))
    assert again.action == "unchanged"


def test_an_invalid_file_without_name_or_usable_values_is_still_kept(db_session: Session) -> None:
    data = (
        "publiccodeYmlVersion: '0.7'\n"
        "url: not a url\n"
        "developmentStatus: finished\n"
        "softwareType: spaceship\n"
        f"description:\n  {'x' * 40}:\n    shortDescription: hi\n"
        f"  de:\n    genericName: {'G' * 400}\n    shortDescription: {'s' * 900}\n"
        f"maintenance:\n  type: internal\n  contacts:\n    - name: {'N' * 600}\n"
    ).encode()
    result = import_publiccode(db_session, data, source="uploads/broken-thing.yml")

    assert result.action == "created", result.message
    assert result.solution is not None
    entry = CatalogueService(db_session).get(result.solution.slug)
    assert entry.name == "broken-thing" and not entry.active
    assert entry.url is None and entry.development_status is None and entry.software_type is None
    assert [t.lang for t in entry.texts] == ["de"]
    assert len(entry.texts[0].short_description or "") == 500
    assert len(entry.contacts[0].name) == 300
    keys = {i["key"] for i in entry.publiccode_issues}
    assert {"url", "developmentStatus", "softwareType"} <= keys
    again = import_publiccode(db_session, data, source="elsewhere/broken-thing.yml")
    assert again.action == "unchanged" and again.solution is result.solution


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe binary", "Invalid UTF-8"),
        ("name: Übersicht\n".encode("latin-1"), "Invalid UTF-8"),
        (
            b"- a list\n- not a mapping\n",
            "publiccodeYmlVersion: publiccodeYmlVersion is a required",
        ),
        (b"a: [unclosed\n", "publiccode.yml unlesbar / unreadable"),
        (b"", "publiccodeYmlVersion"),
    ],
)
def test_unreadable_input_stores_nothing_but_the_run(
    db_session: Session, data: bytes, reason: str
) -> None:
    before = db_session.scalar(select(func.count()).select_from(Solution))
    result = import_publiccode(db_session, data, source="bad.yml")

    assert result.action == "rejected" and result.solution is None
    assert result.message is not None and reason in result.message
    assert db_session.scalar(select(func.count()).select_from(Solution)) == before
    run = db_session.get_one(ImportRun, result.run.id)
    assert run.status == "failed" and run.error == result.message
    log = db_session.scalars(select(ImportLogEntry).where(ImportLogEntry.run_id == run.id)).all()
    assert [e.action for e in log] == ["rejected"]
    assert log[0].details["issues"][0]["type"] == "error"


def test_a_refused_write_is_reported_and_rolled_back(db_session: Session) -> None:
    """The catalogue refuses a URL owned by another entry: reported, savepoint rolled back."""
    service = CatalogueService(db_session)
    first = service.upsert_draft(SolutionDraft(name="A", url="https://git.example.org/a"))
    service.upsert_draft(SolutionDraft(name="B", url="https://git.example.org/b"))
    draft = SolutionDraft(
        name="A renamed",
        url="https://git.example.org/a",
        repositories=("https://git.example.org/b",),
    )
    written = write_entry(db_session, draft, EntryState(), first.solution)

    assert written.action == "failed" and written.solution is None
    assert written.message is not None and "already belongs to solution 'b'" in written.message
    assert service.get("a").name == "A"
    assert [r.url for r in service.get("a").repositories] == ["https://git.example.org/a"]


def test_export_of_an_unknown_entry_is_not_found(db_session: Session) -> None:
    from registry.errors import NotFound

    with pytest.raises(NotFound, match="no-such"):
        export_publiccode(CatalogueService(db_session), "no-such")


# -- round trip: import, export, validate, compare --------------------------------------


def _round_trip_files() -> list[tuple[Path, Path | None]]:
    files: list[tuple[Path, Path | None]] = [
        (p, None) for p in sorted(CORPUS.iterdir()) if validate(p.read_bytes()).valid
    ]
    cases = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))["files"]
    files += [
        (CONFORMANCE / c["path"], (CONFORMANCE / c["path"]).parent)
        for c in cases
        if c["path"].startswith("v0/valid/")
    ]
    return files


def _content(draft: SolutionDraft) -> dict[str, object]:
    """What the round trip must keep (genericName, screenshots, videos, awards: not stored)."""
    texts = {
        lang: replace(t, generic_name=None, screenshots=(), videos=(), awards=())
        for lang, t in draft.texts.items()
    }
    return {
        "name": draft.name,
        "url": draft.url,
        "licence": draft.licence,
        "maintenance_type": draft.maintenance_type,
        "contacts": sorted(draft.contacts, key=repr),
        "offers": sorted(draft.offers, key=repr),
        "dependencies": sorted(draft.dependencies, key=repr),
        "categories": sorted(draft.categories),
        "scopes": sorted(draft.scopes),
        "texts": texts,
        "software_type": draft.software_type,
        "development_status": draft.development_status,
        "platforms": sorted(draft.platforms),
    }


def test_round_trip_through_the_catalogue(db_session: Session) -> None:
    files = _round_trip_files()
    assert len(files) >= 60
    catalogue = CatalogueService(db_session)
    failures: list[str] = []
    for path, base_dir in files:
        data = path.read_bytes()
        result = import_publiccode(db_session, data, source=str(path), base_dir=base_dir)
        assert result.solution is not None, (path, result.message)
        exported = export_publiccode(catalogue, result.solution.slug)
        report = validate(exported.encode(), base_dir=base_dir)
        before = to_draft(result.report.document or {})
        after = to_draft(report.document or {})
        if not report.valid or report.warnings:
            failures.append(f"{path.name}: {[i.as_dict() for i in report.issues]}")
        elif _content(after) != _content(before):
            diff = [k for k, v in _content(before).items() if _content(after)[k] != v]
            failures.append(f"{path.name}: differs in {diff}")
    assert not failures, "\n".join(failures)


def test_is_based_on_becomes_a_variant_relation(db_session: Session) -> None:
    text = VALID.read_text(encoding="utf-8") + "isBasedOn:\n  - https://github.com/upstream/opas\n"
    result = import_publiccode(db_session, text.encode(), source="a")
    assert result.solution is not None and result.report.valid
    main = next(r for r in result.solution.repositories if r.url.endswith("/arpa-vda/opas"))
    assert (main.fork_kind, main.upstream_url) == ("variant", "https://github.com/upstream/opas")
    exported = export_publiccode(CatalogueService(db_session), result.solution.slug)
    assert to_draft(validate(exported.encode()).document or {}).is_based_on == (
        "https://github.com/upstream/opas",
    )
    import_publiccode(db_session, VALID.read_bytes(), source="a")  # isBasedOn removed again
    assert (main.fork_kind, main.upstream_url) == (None, None)
