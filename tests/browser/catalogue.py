"""Test data for the page tests: the demo catalogue plus one entry that fills every section.

``add_page_fixtures`` writes an entry whose name and texts carry markup (which must come
out escaped), a declared licence the repository contradicts, a failed import with its
log, a score with its checks and silo reasons, and a variant of a demo solution; the
demo's Masterportal gets a real score from ``registry.scoring``. The
functional tests (TestClient) and the browser tests (a real ``registry serve``) share it.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import registry.models  # noqa: F401 - every model, so foreign keys resolve
from registry.catalogue import (
    AdoptionDraft,
    CatalogueService,
    DependencyDraft,
    EntryState,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
    SolutionDraft,
    TextDraft,
)
from registry.catalogue import models as m
from registry.catalogue.media import MediaRef, MediaService, StoredImage, digest, encode_image
from registry.imports import ImportRecorder
from registry.scoring import rescore

SLUG = "fixture-ratsinfo"
NAME = "Ratsinfo <script>alert('name')</script>"
SCRIPT_DESCRIPTION = "Sitzungen <script>alert('text')</script> durchsuchen"
CLAIM = "Stadt Musterhausen <img src=x onerror=alert(1)>"
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

#: Stored the way ``registry.scoring`` stores them: ids, statuses and evidence, no texts
#: (the page takes rule, fix and indicator texts from rubric 2026.1), except ``X9``, which
#: the rubric does not know and which carries its own texts.
CHECKS = [
    {"id": "L3", "dimension": "licence", "status": "pass", "points": 5, "max": 5,
     "observed": "EUPL-1.2", "claimed": False,
     "evidence": [{"source": "publiccode.yml", "path": "legal.license", "level": "declared"}]},
    {"id": "I1", "dimension": "interfaces", "status": "partial", "points": 2, "max": 5,
     "observed": ["oparl"], "claimed": False, "evidence": []},
    {"id": "D2", "dimension": "documentation", "status": "fail", "points": 0, "max": 3,
     "observed": None, "claimed": False, "evidence": []},
    {"id": "U1", "dimension": "adoption", "status": "unknown", "points": 0, "max": 10,
     "observed": None, "claimed": False, "evidence": []},
    {"id": "X9", "dimension": "extra", "status": "not_applicable", "points": 0, "max": 0,
     "rule": "Install instructions <em>present</em>",
     "fix": {"de": "Installationsanleitung schreiben", "en": "Write install instructions"}},
]  # fmt: skip
SILO_REASONS = [
    {"id": "SI-SU", "observed": "1 verified adopter <b>", "exempt": False,
     "evidence": [{"source": "registry", "path": "adoptions", "level": "verified"}]},
    {"id": "SI-DOC", "observed": "no installation guide and no documentation", "exempt": False,
     "evidence": []},
    {"id": "SI-AB", "observed": "archived", "exempt": True, "evidence": []},
]  # fmt: skip


def fixture_draft() -> SolutionDraft:
    """The entry that fills every section of the solution page."""
    return SolutionDraft(
        name=NAME, slug=SLUG, url="https://git.example.org/ratsinfo/ratsinfo",
        publisher=OrganisationRef(name="muenchen", slug="muenchen"), licence="EUPL-1.2",
        domains=("participation", "administration"), development_status="beta",
        maintenance_type="contract", governance="consortium",
        alternative_to=("Proprietäres Ratssystem <b>X</b>",),
        texts={
            "de": TextDraft(short_description=SCRIPT_DESCRIPTION,
                            long_description="Erster Absatz.\n\nZweiter <b>Absatz</b>.",
                            features=("Volltextsuche", "OParl-Import")),
            "en": TextDraft(short_description="Search council sessions <script>x</script>",
                            long_description="First paragraph."),
        },
        interfaces=(InterfaceDraft(standard="oparl", role="consumes", evidence_level="validated",
                                   evidence="https://validator.example.org/report/1"),
                    InterfaceDraft(standard="Hausgemachte API <i>", role="provides"),
                    # every document, strongest first, with a long path (390 px)
                    InterfaceDraft(
                        standard="openapi", role="provides", evidence_level="detected",
                        evidence="services/sitzungen/src/main/resources/api/openapi.yaml",
                        details={"how": "document", "documents": 2, "evidence": [
                            {"path": "services/sitzungen/src/main/resources/api/openapi.yaml",
                             "how": "document", "title": "Sitzungen", "version": "1.0",
                             "operations": 12},
                            {"path": "docs/api/gremien.yaml", "how": "document",
                             "title": "Gremien", "operations": 1},
                            {"path": "CHANGELOG.md", "how": "mention", "detail": "openapi"},
                        ]},
                    )),
        offers=(OfferDraft(kind="hosted-service",
                           provider=OrganisationRef(name="dimpact", slug="dimpact"),
                           region="Bayern"),
                OfferDraft(kind="self-hosting", docs_url="https://docs.example.org/install")),
        dependencies=(DependencyDraft(kind="proprietary", name="Oracle Database", version="19c"),
                      DependencyDraft(kind="open", name="PostgreSQL", version_min="14")),
        adoptions=(
            AdoptionDraft(organisation=OrganisationRef(name="amsterdam", slug="amsterdam"),
                          role="operates", verified=True, since=date(2024, 3, 1)),
            AdoptionDraft(organisation=OrganisationRef(name=CLAIM), claim_text=CLAIM),
        ),
        funding=(FundingDraft(funder=OrganisationRef(name="bmbf", slug="bmbf"),
                              programme="Prototype Fund <b>4</b>"),),
        releases=(ReleaseDraft(version="2.1.0", date=date(2026, 6, 1)),
                  ReleaseDraft(version="2.0.0", date=date(2025, 9, 15))),
    )  # fmt: skip


def add_page_fixtures(session: Session) -> m.Solution:
    """Write the fixture entry with its score, import log and repository facts."""
    state = EntryState(licence_detected="AGPL-3.0-only", publiccode_raw="name: x\n",
                       publiccode_valid=False,
                       publiccode_issues=({"message": "url: <missing>"},))  # fmt: skip
    solution = CatalogueService(session).upsert_draft(fixture_draft(), state=state).solution
    session.flush()
    base = session.scalar(select(m.Solution).where(m.Solution.slug == "masterportal"))
    repo = solution.repositories[0]
    repo.import_status = "failed"
    repo.import_error = "host answered 503 <busy>"
    repo.imported_at = NOW
    repo.fork_kind = "variant"
    repo.based_on_solution_id = base.id if base else None
    repo.facts = {
        "licence": {"disagreements": [{"path": "LICENSE", "expression": "AGPL-3.0-only",
                                       "other_paths": ["publiccode.yml"],
                                       "other_ids": ["EUPL-1.2"], "reason": "differs"}]},
        "activity": {"commits": 120, "last_commit": "2026-10-29T12:00:00+00:00",
                     "windows": [{"anchor": "newest-commit", "days": 30, "commits": 4,
                                  "authors": 2, "bus_factor": 1},
                                 {"anchor": "newest-commit", "days": 90, "commits": 10,
                                  "authors": 2, "bus_factor": 1},
                                 {"anchor": "newest-commit", "days": 365, "commits": 46,
                                  "authors": 3, "bus_factor": 1}]},
    }  # fmt: skip
    recorder = ImportRecorder(session, kind="repository", source=repo.url)
    recorder.log("failed", url=repo.url, solution_id=solution.id, repository_id=repo.id,
                 message="fetch failed: <503>")  # fmt: skip
    recorder.finish()
    session.execute(
        update(m.ScoreResult).where(m.ScoreResult.solution_id == solution.id).values(current=False)
    )
    session.add(
        m.ScoreResult(
            solution_id=solution.id, rubric_version="2026.1", total=7, maximum=23,
            coverage=0.92, level="Emerging", silo="risk", silo_reasons=SILO_REASONS,
            checks=CHECKS, commit="0123456789abcdef0123", computed_at=NOW, current=True,
        )
    )  # fmt: skip
    if base is not None:  # a real score from the scoring engine, on a demo entry
        rescore(session, base, now=NOW)
    _add_pictures(session, solution)
    session.flush()
    return solution


def _add_pictures(session: Session, solution: m.Solution) -> None:
    """A logo and two wide screenshots, so the 390 px and axe checks see them."""
    images = []
    for ref, size in ((MediaRef("logo", "img/logo.png"), (900, 300)),
                      (MediaRef("screenshot", "img/a.png", 1), (2400, 1350)),
                      (MediaRef("screenshot", "img/b.png", 2), (1200, 2000))):  # fmt: skip
        out = io.BytesIO()
        Image.new("RGB", size, (30, 90, 150)).save(out, format="PNG")
        data = out.getvalue()
        images.append(StoredImage(ref, encode_image(data, kind=ref.kind), digest(data)))
    MediaService(session).replace(solution, images, now=NOW)
