"""Entries for the search tests: German compounds, English inflections, facets, adopters."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

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
from registry.catalogue.models import ScoreResult, Solution
from registry.organisations import Organisation

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def add_towns(session: Session) -> dict[str, Organisation]:
    """Four municipalities of different sizes and a county."""
    towns = {
        "kleinstadt": Organisation(
            slug="kleinstadt",
            name="Stadt Kleinstadt",
            kind="municipality",
            state="NW",
            population=40_000,
        ),
        "mittelstadt": Organisation(
            slug="mittelstadt",
            name="Stadt Mittelstadt",
            kind="municipality",
            state="NW",
            population=60_000,
        ),
        "nachbarstadt": Organisation(
            slug="nachbarstadt",
            name="Stadt Nachbarstadt",
            kind="municipality",
            state="HE",
            population=75_000,
        ),
        "grossstadt": Organisation(
            slug="grossstadt", name="Großstadt", kind="municipality", state="BY", population=900_000
        ),
        "landkreis": Organisation(
            slug="landkreis",
            name="Landkreis Beispiel",
            kind="county",
            state="NW",
            population=70_000,
        ),
    }
    session.add_all(towns.values())
    session.flush()
    return towns


def _ref(slug: str, name: str) -> OrganisationRef:
    return OrganisationRef(name=name, slug=slug)


def add_entries(session: Session) -> dict[str, Solution]:
    """Three entries whose words exercise stemming, facets and adoption."""
    sync_standards(session)
    add_towns(session)
    catalogue = CatalogueService(session)
    drafts = [
        SolutionDraft(
            name="Abfallkalender",
            slug="abfallkalender",
            url="https://git.example.org/t/abfall",
            licence="EUPL-1.2",
            domains=("environment",),
            development_status="stable",
            maintenance_type="internal",
            publisher=_ref("kleinstadt", "Stadt Kleinstadt"),
            texts={
                "de": TextDraft(
                    short_description="Abfuhrtermine für Restmüll und Wertstoffe",
                    features=("Erinnerungen an Leerungen",),
                )
            },
            offers=(OfferDraft(kind="self-hosting"), OfferDraft(kind="support-contract")),
            adoptions=(
                AdoptionDraft(organisation=_ref("mittelstadt", "Stadt Mittelstadt"), verified=True),
                AdoptionDraft(
                    organisation=_ref("nachbarstadt", "Stadt Nachbarstadt"), verified=True
                ),
            ),
            alternative_to=("Microsoft Teams",),
        ),
        SolutionDraft(
            name="ParkSpot",
            slug="parkspot",
            url="https://git.example.org/t/parkspot",
            licence="MIT",
            domains=("mobility",),
            development_status="beta",
            maintenance_type="community",
            publisher=_ref("grossstadt", "Großstadt"),
            texts={
                "en": TextDraft(
                    short_description="Parking management for city centres",
                    features=("Shows free parking spaces",),
                )
            },
            interfaces=(InterfaceDraft(standard="OpenAPI"),),
            offers=(OfferDraft(kind="hosted-service"),),
            adoptions=(AdoptionDraft(organisation=_ref("grossstadt", "Großstadt"), verified=True),),
        ),
        SolutionDraft(
            name="Bürgerbeteiligung Plus",
            slug="buergerbeteiligung-plus",
            url="https://git.example.org/t/beteiligung",
            licence="LicenseRef-Proprietary",
            domains=("participation", "administration"),
            development_status="development",
            maintenance_type="contract",
            publisher=_ref("landkreis", "Landkreis Beispiel"),
            texts={
                "de": TextDraft(short_description="Beteiligungsverfahren für Haushalte"),
                "en": TextDraft(short_description="Participation in budgets"),
            },
            adoptions=(
                AdoptionDraft(
                    organisation=_ref("kleinstadt", "Stadt Kleinstadt"),
                    verified=False,
                    claim_text="Stadt Kleinstadt",
                ),
            ),
        ),
    ]
    out = {}
    for draft in drafts:
        solution = catalogue.upsert_draft(draft).solution
        out[solution.slug] = solution
    session.flush()
    return out


def add_score(
    session: Session, solution: Solution, total: float, *, level: str, silo: str
) -> ScoreResult:
    """A current score result (out of 100)."""
    result = ScoreResult(
        solution_id=solution.id,
        rubric_version="test-1",
        total=total,
        maximum=100.0,
        coverage=1.0,
        level=level,
        silo=silo,
        computed_at=NOW,
    )
    session.add(result)
    session.flush()
    return result
