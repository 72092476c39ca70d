"""The draft write path: create, update, unchanged, audit events, claims and standards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit import AuditEvent
from registry.catalogue import (
    AdoptionDraft,
    CatalogueService,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    SolutionDraft,
    TextDraft,
    sync_standards,
)
from registry.catalogue.models import Repository, RepositoryAlias
from registry.errors import InvalidInput, NotFound

STANDARDS = [
    {"slug": "oparl", "name": "OParl", "kind": "api", "version": "1.1",
     "aliases": ["https://oparl.org/schema/1.1/"]},
    {"slug": "openapi", "name": "OpenAPI", "kind": "api", "aliases": ["swagger"]},
]  # fmt: skip

DRAFT = SolutionDraft(
    name="Ratsinfo",
    url="git@github.com:Example/ratsinfo.git",
    texts={"de": TextDraft(short_description="Ratsinformationssystem"),
           "en": TextDraft(short_description="Council information system")},
    domains=("participation",),
    categories=("document-management",),
    licence="AGPL-3.0-or-later",
    publisher=OrganisationRef(name="Stadt Beispiel", identifier="091620000000"),
    maintenance_type="contract",
    offers=(OfferDraft(kind="support-contract", provider=OrganisationRef(name="IT-Dienst GmbH"),
                       until=date(2027, 12, 31)),),
    interfaces=(InterfaceDraft(standard="https://oparl.org/schema/1.1/"),
                InterfaceDraft(standard="Swagger", evidence_level="detected", evidence="api.yml")),
    adoptions=(AdoptionDraft(organisation=OrganisationRef(name="Gemeinde Irgendwo"),
                             claim_text="Gemeinde Irgendwo"),),
)  # fmt: skip


@pytest.fixture
def catalogue(db_session: Session) -> CatalogueService:
    sync_standards(db_session, STANDARDS)
    return CatalogueService(db_session)


def _events(session: Session) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.entity_type == "solution")
    return list(session.scalars(query.order_by(AuditEvent.id)))


def test_create_then_unchanged_then_update(catalogue: CatalogueService) -> None:
    first = catalogue.upsert_draft(DRAFT)
    assert first.action == "created"
    assert first.solution.slug == "ratsinfo"
    again = catalogue.upsert_draft(DRAFT)
    assert again.action == "unchanged"
    assert len(_events(catalogue.db)) == 1

    changed = catalogue.upsert_draft(replace(DRAFT, licence="EUPL-1.2"))
    assert changed.action == "updated"
    events = _events(catalogue.db)
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].before is not None and events[1].before["licence"] == "AGPL-3.0-or-later"
    assert events[1].after is not None and events[1].after["licence"] == "EUPL-1.2"
    assert events[1].actor == "test"


def test_entry_is_fully_mapped(catalogue: CatalogueService) -> None:
    catalogue.upsert_draft(DRAFT)
    entry = catalogue.get("ratsinfo")
    assert [r.url for r in entry.repositories] == ["https://github.com/example/ratsinfo"]
    assert entry.repositories[0].forge == "github"
    assert entry.publisher is not None and entry.publisher.identifier == "091620000000"
    assert {t.lang for t in entry.texts} == {"de", "en"}
    assert {(t.kind, t.value) for t in entry.tags} == {
        ("domain", "participation"),
        ("category", "document-management"),
    }
    offer = entry.offers[0]
    assert offer.provider is not None and offer.provider.name == "IT-Dienst GmbH"
    assert offer.until == date(2027, 12, 31)
    matched = {i.name: i.standard.slug if i.standard else None for i in entry.interfaces}
    assert matched == {"https://oparl.org/schema/1.1/": "oparl", "Swagger": "openapi"}
    (claim,) = entry.adoptions
    assert claim.verified is False and claim.claim_text == "Gemeinde Irgendwo"


def test_child_rows_change_without_column_change(catalogue: CatalogueService) -> None:
    catalogue.upsert_draft(DRAFT)
    outcome = catalogue.upsert_draft(replace(DRAFT, offers=()))
    assert outcome.action == "updated"
    assert catalogue.get("ratsinfo").offers == []
    assert _events(catalogue.db)[-1].before["offers"][0]["kind"] == "support-contract"  # type: ignore[index]


def test_found_again_by_renamed_url(catalogue: CatalogueService, db_session: Session) -> None:
    catalogue.upsert_draft(DRAFT)
    repo = db_session.scalars(select(Repository)).one()
    repo.aliases.append(RepositoryAlias(url="https://github.com/example/old-name"))
    repo.url = "https://github.com/example/ratsinfo-neu"
    db_session.flush()
    found = catalogue.find_by_repository("https://github.com/example/../Example/old-name.git")
    assert found is None  # dots are not guessed (GitHub's path case is folded)
    found = catalogue.find_by_repository("https://GITHUB.com/Example/old-name.git/")
    assert found is not None and found.slug == "ratsinfo"


def test_verified_adoptions_survive_a_reimport(catalogue: CatalogueService) -> None:
    outcome = catalogue.upsert_draft(DRAFT)
    org = catalogue.orgs.resolve(OrganisationRef(name="Landkreis Muster", kind="county"))
    catalogue.declare_adoption(outcome.solution, AdoptionDraft(organisation=OrganisationRef(
        name=org.name), verified=True), org.id)  # fmt: skip
    catalogue.db.flush()
    catalogue.upsert_draft(replace(DRAFT, adoptions=()))
    kept = catalogue.get("ratsinfo").adoptions
    assert [(a.organisation_id, a.verified) for a in kept] == [(org.id, True)]


def test_bad_vocabulary_names_the_field(catalogue: CatalogueService) -> None:
    with pytest.raises(InvalidInput, match=r"domains\[0\]"):
        catalogue.upsert_draft(replace(DRAFT, domains=("astrology",)))
    with pytest.raises(InvalidInput, match="url"):
        catalogue.upsert_draft(replace(DRAFT, url="ext::sh -c touch% /tmp/pwned"))


def test_repository_of_another_solution_is_refused(catalogue: CatalogueService) -> None:
    catalogue.upsert_draft(DRAFT)
    other = SolutionDraft(name="Other", slug="other", url="https://x.org/a")
    catalogue.upsert_draft(other)
    with pytest.raises(InvalidInput, match="already belongs"):
        catalogue.upsert_draft(replace(other, repositories=(DRAFT.url or "",)))


def test_unknown_slug_is_not_found(catalogue: CatalogueService) -> None:
    with pytest.raises(NotFound):
        catalogue.get("nope")


def test_organisation_changes_are_audited(db_session: Session) -> None:
    from registry.organisations import Organisation

    org = Organisation(slug="musterstadt", name="Musterstadt", kind="municipality")
    db_session.add(org)
    db_session.flush()
    org.population = 12_000
    db_session.flush()
    events = list(db_session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "organisation")
        .order_by(AuditEvent.id)))  # fmt: skip
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].before is not None and events[1].before["population"] is None
    assert events[1].after is not None and events[1].after["population"] == 12_000


def test_entry_to_draft_and_back_changes_nothing(catalogue: CatalogueService) -> None:
    from registry.catalogue import draft_from_entry

    catalogue.upsert_draft(DRAFT)
    again = draft_from_entry(catalogue.get("ratsinfo"))
    assert again.licence == DRAFT.licence
    assert again.offers[0].until == date(2027, 12, 31)
    assert catalogue.upsert_draft(again).action == "unchanged"


def test_import_runs_record_each_attempt(db_session: Session) -> None:
    from registry.imports import ImportRecorder, last_log

    sync_standards(db_session, STANDARDS)
    recorder = ImportRecorder(db_session, kind="publiccode", source="upload")
    outcome = CatalogueService(db_session).upsert_draft(DRAFT)
    recorder.log(outcome.action, solution_id=outcome.solution.id, url=DRAFT.url)
    recorder.log("failed", url="https://x.org/broken", message="publiccode.yml: not UTF-8")
    run = recorder.finish()
    assert run.status == "partial"
    assert run.stats == {"created": 1, "failed": 1}
    assert [e.action for e in last_log(db_session, outcome.solution.id)] == ["created"]
