"""Load the demo catalogue (``catalogue.yml`` beside this file) through the normal write path.

The demo goes through ``CatalogueService.upsert_draft`` like every other source, so
loading it twice changes nothing and it exercises the same code a real import does.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from registry.catalogue import (
    AdoptionDraft,
    CatalogueService,
    DependencyDraft,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
    SolutionDraft,
    TextDraft,
    sync_standards,
)
from registry.datafiles import load_yaml
from registry.organisations import Organisation, OrganisationService
from registry.scoring import ScoringService

_ORG_FIELDS = ("name", "kind", "identifier", "country", "state", "population", "website")


def load_demo_data() -> dict[str, Any]:
    """The shipped demo catalogue as plain data."""
    text = resources.files("registry.demo").joinpath("catalogue.yml").read_text(encoding="utf-8")
    return dict(load_yaml(text))


def load_demo(session: Session, data: dict[str, Any] | None = None) -> Counter[str]:
    """Write the demo organisations and solutions; returns counts per outcome."""
    data = data if data is not None else load_demo_data()
    counts: Counter[str] = Counter()
    sync_standards(session)
    orgs = OrganisationService(session)
    for item in data.get("organisations", []):
        counts[f"organisation {_upsert_org(orgs, item)}"] += 1
    catalogue = CatalogueService(session)
    for item in data.get("solutions", []):
        outcome = catalogue.upsert_draft(solution_draft(item))
        counts[f"solution {outcome.action}"] += 1
    session.flush()
    return counts


def score_demo(session: Session, *, now: datetime | None = None) -> int:
    """Score every entry, so the demo shows scores, silo flags and their facets at once.

    Returns how many entries were scored.
    """
    service = ScoringService(session)
    solutions = service.solutions(())
    service.rescore_many(solutions, now=now or datetime.now(UTC))
    return len(solutions)


def _upsert_org(orgs: OrganisationService, item: dict[str, Any]) -> str:
    org = orgs.find(OrganisationRef(name=item["name"], slug=item["slug"]))
    action = "unchanged"
    if org is None:
        org = Organisation(slug=item["slug"], name=item["name"])
        orgs.db.add(org)
        action = "created"
    for name in _ORG_FIELDS:
        value = item.get(name)
        if value is not None and name == "identifier":
            value = str(value)
        if value is not None and getattr(org, name) != value:
            setattr(org, name, value)
            action = "updated" if action == "unchanged" else action
    if item.get("verified", True) and not org.verified:
        org.verified = True
    orgs.db.flush()
    for source in item.get("sources", []):
        orgs.add_source(org, source["url"], source.get("driver", "git"))
    return action


def _ref(slug: str | None) -> OrganisationRef | None:
    return OrganisationRef(name=slug, slug=slug) if slug else None


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def solution_draft(item: dict[str, Any]) -> SolutionDraft:
    """One demo entry as a draft."""
    texts = {
        lang: TextDraft(
            short_description=t.get("short_description"),
            long_description=t.get("long_description"),
            features=tuple(t.get("features", ())),
            documentation=t.get("documentation"),
        )
        for lang, t in (item.get("texts") or {}).items()
    }
    return SolutionDraft(
        name=item["name"], slug=item["slug"], url=item.get("url"), texts=texts,
        landing_url=item.get("landing_url"), publisher=_ref(item.get("publisher")),
        licence=item.get("licence"), software_type=item.get("software_type"),
        development_status=item.get("development_status"),
        domains=tuple(item.get("domains", ())), categories=tuple(item.get("categories", ())),
        scopes=tuple(item.get("scopes", ())), platforms=tuple(item.get("platforms", ())),
        maintenance_type=item.get("maintenance_type"), governance=item.get("governance"),
        alternative_to=tuple(item.get("alternative_to", ())),
        repositories=tuple(item.get("repositories", ())),
        interfaces=tuple(
            InterfaceDraft(standard=i["standard"], role=i.get("role", "provides"))
            for i in item.get("interfaces", ())
        ),
        offers=tuple(
            OfferDraft(kind=o["kind"], provider=_ref(o.get("provider")),
                       docs_url=o.get("docs_url"), region=o.get("region"),
                       until=_date(o.get("until")))
            for o in item.get("offers", ())
        ),
        dependencies=tuple(
            DependencyDraft(kind=d.get("kind", "open"), name=d["name"], version=d.get("version"))
            for d in item.get("dependencies", ())
        ),
        adoptions=tuple(
            AdoptionDraft(
                organisation=OrganisationRef(name=a["organisation"], slug=a["organisation"]),
                role=a.get("role", "uses"),
                verified=bool(a.get("verified", True)),
                since=_date(a.get("since")),
            )
            for a in item.get("adoptions", ())
        ),
        funding=tuple(
            FundingDraft(funder=OrganisationRef(name=f["funder"], slug=f["funder"]),
                         programme=f.get("programme"))
            for f in item.get("funding", ())
        ),
        releases=tuple(
            ReleaseDraft(version=str(r["version"]), date=_date(r.get("date")))
            for r in item.get("releases", ())
        ),
    )  # fmt: skip
