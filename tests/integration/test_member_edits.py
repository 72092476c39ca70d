"""Member edits stand over every re-import; bad edits name their field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import (
    DERIVED_STEPS,
    AdoptionService,
    CatalogueService,
    Declaration,
    SolutionDraft,
)
from registry.catalogue.models import ScoreResult
from registry.entries import InterfaceDraft, OfferDraft, OrganisationRef, slugify
from registry.errors import InvalidInput
from registry.organisations import Organisation
from registry.wiring import DERIVED

URL = "https://git.example.org/stadt/parken"


def _organisations(session: Session, *names: str) -> None:
    """Edits choose providers and funders from existing organisations only."""
    session.add_all(Organisation(slug=slugify(n), name=n, kind="company") for n in names)
    session.flush()


def _import(session: Session, **extra: object) -> str:
    draft = SolutionDraft(name="Parkleitsystem", url=URL, governance="single-owner", **extra)  # type: ignore[arg-type]
    return CatalogueService(session).upsert_draft(draft).solution.slug


def test_member_values_survive_a_re_import(db_session: Session) -> None:
    slug = _import(
        db_session, offers=(OfferDraft(kind="self-hosting", docs_url="https://x.example/docs"),)
    )
    _organisations(db_session, "KommunalIT GmbH")
    catalogue = CatalogueService(db_session)
    outcome = catalogue.edit(slug, {
        "governance": "community",
        "offers": [
            {"kind": "hosted-service", "provider": {"name": "KommunalIT GmbH"}, "region": "BY"}
        ],
        "interfaces": [{"standard": "OParl", "role": "provides"}],
    })  # fmt: skip
    assert outcome.action == "updated"
    # the next crawl says otherwise about governance and finds another interface
    _import(
        db_session,
        offers=(OfferDraft(kind="self-hosting", docs_url="https://x.example/docs"),),
        interfaces=(InterfaceDraft(standard="WMS", evidence_level="detected", evidence="wms.xml"),),
    )
    entry = catalogue.get(slug)
    assert entry.governance == "community"
    kinds = sorted(o.kind for o in entry.offers)
    assert kinds == ["hosted-service", "self-hosting"]
    hosted = next(o for o in entry.offers if o.kind == "hosted-service")
    assert hosted.provider_name == "KommunalIT GmbH" and hosted.region == "BY"
    names = sorted((i.name or (i.standard.name if i.standard else "")) for i in entry.interfaces)
    assert len(names) == 2  # the member's OParl and the detected WMS


def test_removing_a_member_row_removes_it(db_session: Session) -> None:
    slug = _import(db_session)
    _organisations(db_session, "Land Bayern", "Bund")
    catalogue = CatalogueService(db_session)
    catalogue.edit(slug, {"funding": [{"funder": "Land Bayern", "programme": "Smart Cities"},
                                      {"funder": "Bund", "programme": "MPSC"}]})  # fmt: skip
    assert len(catalogue.get(slug).funding) == 2
    catalogue.edit(slug, {"funding": [{"funder": "Bund", "programme": "MPSC"}]})
    funding = catalogue.get(slug).funding
    assert [f.programme for f in funding] == ["MPSC"]
    assert catalogue.edit(slug, {"funding": [{"funder": "Bund", "programme": "MPSC"}]}).action == (
        "unchanged"
    )
    cleared = catalogue.edit(slug, {"governance": "community", "funding": None})
    assert "funding" not in cleared.solution.publisher_overrides


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"name": "x"}, "name"),
        ({"governance": "anarchy"}, "governance"),
        ({"offers": [{"kind": "magic"}]}, "offers[0].kind"),
        ({"offers": [{"kind": "hosted-service", "docs_url": "ftp:x"}]}, "offers[0].docs_url"),
        ({"offers": "hosted"}, "offers"),
        ({"offers": [{"kind": "hosted-service", "provider": "Neu GmbH"}]}, "offers[0].provider"),
        ({"funding": [{"funder": {"name": "Neuer Fonds"}}]}, "funding[0].funder"),
        ({"funding": [{"programme": "x"}]}, "funding[0].funder"),
        ({"funding": [{"funder": "Bund", "start": "2024-13-01"}]}, "funding[0].start"),
        ({"interfaces": [{"standard": "OParl", "evidence_level": "validated"}]},
         "interfaces[0].evidence_level"),
        ({"alternative_to": ["x" * 501]}, "alternative_to[0]"),
    ],
)  # fmt: skip
def test_bad_edits_name_the_field_and_change_nothing(
    db_session: Session, patch: dict[str, object], field: str
) -> None:
    slug = _import(db_session)
    catalogue = CatalogueService(db_session)
    with pytest.raises(InvalidInput) as error:
        catalogue.edit(slug, patch)
    assert error.value.field == field
    entry = catalogue.get(slug)
    assert entry.publisher_overrides == {} and entry.governance == "single-owner"


def test_an_edit_is_audited(db_session: Session) -> None:
    from registry.pages import history

    slug = _import(db_session)
    catalogue = CatalogueService(db_session)
    catalogue.edit(slug, {"maintenance_type": "contract"})
    latest = history(db_session, "solution", catalogue.get(slug).id)[0]
    assert latest.action == "update"
    assert [(c.field, c.before, c.after) for c in latest.changes] == [
        ("maintenance_type", None, "contract")
    ]


def test_publisher_ref_is_unaffected(db_session: Session) -> None:
    slug = CatalogueService(db_session).upsert_draft(SolutionDraft(
        name="Ratsinfo", url="https://git.example.org/a/r",
        publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
    )).solution.slug  # fmt: skip
    edited = CatalogueService(db_session).edit(slug, {"alternative_to": ["Proprietary RIS"]})
    assert edited.solution.publisher is not None
    assert edited.solution.alternative_to == ["Proprietary RIS"]


def test_a_re_import_without_a_publisher_keeps_the_known_one(db_session: Session) -> None:
    catalogue = CatalogueService(db_session)
    url = "https://git.example.org/a/keep"
    stadt = OrganisationRef(name="Stadt A", slug="stadt-a")
    first = catalogue.upsert_draft(SolutionDraft(name="Keep", url=url, publisher=stadt)).solution
    publisher = first.publisher_id
    assert publisher is not None
    again = catalogue.upsert_draft(SolutionDraft(name="Keep", url=url))
    assert again.action == "unchanged" and again.solution.publisher_id == publisher
    other = OrganisationRef(name="Stadt B", slug="stadt-b")
    moved = catalogue.upsert_draft(SolutionDraft(name="Keep", url=url, publisher=other))
    assert moved.solution.publisher_id not in (None, publisher)


def test_the_services_renew_what_derives_from_the_entry(db_session: Session) -> None:
    """Edits and adoptions rescore inside the service (``registry.catalogue.derived``)."""
    slug = _import(db_session)
    _organisations(db_session, "Stadt Ulm")
    seen: list[tuple[str, datetime]] = []
    steps = db_session.info[DERIVED_STEPS]
    assert steps == DERIVED  # the application's sessions carry the rescore
    db_session.info[DERIVED_STEPS] = (*steps, lambda _s, sol, *, now: seen.append((sol.slug, now)))
    current = select(ScoreResult).where(ScoreResult.current.is_(True))
    assert db_session.scalars(current).all() == []  # upsert_draft alone does not score
    catalogue = CatalogueService(db_session)
    catalogue.edit(slug, {"governance": "community"})
    solution = catalogue.get(slug)
    assert [r.solution_id for r in db_session.scalars(current)] == [solution.id]  # rescored
    when = datetime(2026, 6, 1, tzinfo=UTC)
    adoptions = AdoptionService(db_session)
    adoption, _ = adoptions.declare(
        solution, Declaration(organisation="stadt-ulm"), account_id=None, now=when
    )
    adoptions.withdraw(solution, adoption, now=when)
    catalogue.edit(slug, {"governance": "community"})  # unchanged: renewed all the same
    assert [s for s, _ in seen] == [slug] * 4 and seen[1][1] == seen[2][1] == when
