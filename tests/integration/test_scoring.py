"""Scoring on stored entries (SQLite and PostgreSQL): history, current flag, demo catalogue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.catalogue import (
    AdoptionDraft,
    CatalogueService,
    FundingDraft,
    InterfaceDraft,
    OrganisationRef,
    SolutionDraft,
    sync_standards,
)
from registry.catalogue.models import ScoreResult, Solution
from registry.demo import load_demo
from registry.errors import NotFound
from registry.facts import MetadataFile, RepoFacts
from registry.scoring import ScoringService, rescore, shipped_profile

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _entry(session: Session, **changes: object) -> Solution:
    sync_standards(session)
    fields: dict[str, object] = {
        "name": "Ratsinfo", "url": "https://git.example.org/city/ratsinfo", "licence": "EUPL-1.2",
        "maintenance_type": "internal",
        "interfaces": (InterfaceDraft(standard="oparl", role="provides"),),
    }  # fmt: skip
    fields.update(changes)
    outcome = CatalogueService(session).upsert_draft(SolutionDraft(**fields))  # type: ignore[arg-type]
    session.flush()
    return outcome.solution


def _count(session: Session, solution: Solution) -> int:
    query = select(func.count()).where(ScoreResult.solution_id == solution.id)
    return int(session.scalar(query.select_from(ScoreResult)) or 0)


def test_rescore_stores_with_rubric_version_commit_and_time(db_session: Session) -> None:
    solution = _entry(db_session)
    row = rescore(db_session, solution, now=NOW)
    assert row.id is not None and row.current
    assert row.rubric_version == ScoringService(db_session).rubric.version
    assert row.computed_at == NOW and row.commit is None
    assert row.maximum < 100 and 0 < row.coverage < 1  # host checks are not applicable
    assert {c["id"] for c in row.checks} >= {"L1", "I1", "U1"}
    l3 = next(c for c in row.checks if c["id"] == "L3")
    assert l3["status"] == "pass" and l3["evidence"][0]["path"] == "licence"


def test_unchanged_judgement_is_not_stored_again(db_session: Session) -> None:
    solution = _entry(db_session)
    first = ScoringService(db_session).rescore(solution, now=NOW)
    again = ScoringService(db_session).rescore(solution, now=NOW + timedelta(hours=1))
    assert first.stored and not again.stored
    assert again.result.id == first.result.id and _count(db_session, solution) == 1


def test_a_change_keeps_history_and_moves_the_current_flag(db_session: Session) -> None:
    solution = _entry(db_session)
    service = ScoringService(db_session)
    first = service.rescore(solution, now=NOW).result
    _entry(db_session, licence="LicenseRef-all-rights-reserved")
    db_session.expire_all()
    solution = service.solution(solution.slug)
    second = service.rescore(solution, now=NOW + timedelta(days=1))
    assert second.stored and second.result.silo == "silo"
    history = service.history(solution.slug)
    assert [h.id for h in history] == [second.result.id, first.id]
    assert [h.current for h in history] == [True, False]
    assert service.current(solution.slug).id == second.result.id
    assert history[1].silo == "no" and history[1].total > history[0].total


def test_repository_facts_are_read_from_the_stored_json(db_session: Session) -> None:
    solution = _entry(db_session)
    repo = solution.repositories[0]
    facts = RepoFacts(source=repo.url, analysed_at=NOW, head_commit="f" * 40,
                      metadata_files=(MetadataFile("readme", "README.md"),
                                      MetadataFile("security", "SECURITY.md")))  # fmt: skip
    repo.facts = facts.to_json()
    db_session.flush()
    row = rescore(db_session, solution, now=NOW)
    statuses = {c["id"]: c["status"] for c in row.checks}
    assert row.commit == "f" * 40
    assert statuses["D1"] == statuses["S1"] == "pass" and statuses["G2"] == "fail"


def test_verified_adoptions_count_fully_and_claims_half(db_session: Session) -> None:
    claims = tuple(AdoptionDraft(organisation=OrganisationRef(name=f"Stadt {n}"),
                                 claim_text=f"Stadt {n}") for n in "AB")  # fmt: skip
    solution = _entry(db_session, adoptions=claims)
    service = ScoringService(db_session)
    facts, outcome = service.evaluate(solution, now=NOW)
    u1 = outcome.check("U1")
    assert facts.value("adoption.other_orgs_claimed") == 2
    assert u1 is not None and (u1.points, u1.claimed) == (2, True)


def test_unknown_slug_is_not_found(db_session: Session) -> None:
    service = ScoringService(db_session)
    with pytest.raises(NotFound):
        service.solution("no-such-thing")
    solution = _entry(db_session)
    with pytest.raises(NotFound, match="not been scored"):
        service.current(solution.slug)
    explained = service.explained(solution.slug, lang="de", now=NOW)
    assert explained["current"] is None and explained["history"] == []
    assert explained["checks"][0]["rule"].startswith("Die Lizenz")


def test_demo_catalogue_scores_with_silo_examples(db_session: Session) -> None:
    load_demo(db_session)
    service = ScoringService(db_session)
    solutions = service.solutions()
    results = service.rescore_many(solutions, now=NOW)
    assert len(results) == len(solutions) >= 25 and all(r.stored for r in results)
    by_slug = {s.slug: r.result for s, r in zip(solutions, results, strict=True)}
    flags = {slug: row.silo for slug, row in by_slug.items()}
    assert "silo" in flags.values() and "risk" in flags.values()
    assert flags["os2iot"] == "risk"  # no interface records, no maintenance type
    assert {r["id"] for r in by_slug["os2iot"].silo_reasons} == {"SI-IF", "SI-OP"}
    assert flags["masterportal"] == "no"
    assert by_slug["masterportal"].total > by_slug["os2iot"].total
    current = db_session.scalar(select(func.count()).where(ScoreResult.current.is_(True))
                                .select_from(ScoreResult))  # fmt: skip
    assert current == len(solutions)
    again = service.rescore_many(service.solutions(), now=NOW + timedelta(minutes=5))
    assert not any(r.stored for r in again)


def test_selection_by_funder_and_publisher(db_session: Session) -> None:
    load_demo(db_session)
    service = ScoringService(db_session)
    funded = [s.slug for s in service.solutions(funded_by="bmbf")]
    assert "meine-stadt-transparent" in funded and "geoserver" not in funded
    published = {s.slug for s in service.solutions(organisation="osgeo")}
    assert published == {"geoserver", "qgis", "mapbender"}


def test_profile_report_for_a_stored_entry(db_session: Session) -> None:
    funding = (FundingDraft(funder=OrganisationRef(name="BMWSB"), programme="MPSC"),)
    solution = _entry(db_session, funding=funding)
    service = ScoringService(db_session)
    report = service.profile_report(solution.slug, "smart-city-mpsc", now=NOW)
    verdicts = {r.id: r.verdict for r in report.leaves()}
    assert verdicts["open-licence"] == verdicts["interfaces"] == "pass"
    assert verdicts["public-platform"] == "pass" and verdicts["readme"] == "unknown"
    assert report.verdict == "fail" and report.profile == shipped_profile("smart-city-mpsc")
    with pytest.raises(NotFound):
        service.profile_report(solution.slug, "../../etc/passwd", now=NOW)
