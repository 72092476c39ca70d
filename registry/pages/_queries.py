"""``PageViews``: the queries behind the pages, on one session, read-only."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from registry.catalogue import CatalogueService
from registry.catalogue import models as m
from registry.entries import DOMAINS
from registry.errors import NotFound
from registry.imports import ImportLogEntry
from registry.organisations import Organisation, OrganisationService
from registry.pages._present import (
    activity,
    adoption_order,
    card,
    licence,
    score_view,
    version_view,
)
from registry.pages._records import (
    AlternativeGroup,
    DomainCount,
    MediaView,
    OrganisationPage,
    OrganisationRow,
    Related,
    ScoreView,
    SearchOptions,
    SolutionCard,
    SolutionPage,
    StandardPage,
    StandardRow,
)
from registry.scoring import shipped_profiles

__all__ = ["PageViews"]

_CARD_LOAD = (
    selectinload(m.Solution.texts),
    selectinload(m.Solution.publisher),
    selectinload(m.Solution.adoptions),
)


class PageViews:
    """Read models for the pages, built on one session. Never writes."""

    def __init__(self, session: Session) -> None:
        self.db = session

    # -- solutions -----------------------------------------------------------------------
    def solution(self, slug: str, *, now: datetime | None = None) -> SolutionPage:
        """The whole solution page, or ``NotFound``."""
        solution = CatalogueService(self.db).get(slug)
        adoptions = sorted(solution.adoptions, key=adoption_order)
        return SolutionPage(
            solution=solution,
            licence=licence(solution),
            score=self._score(solution.id),
            activity=activity(solution, now or datetime.now(UTC)),
            version=version_view(solution),
            based_on=self._based_on(solution),
            variants=self._variants(solution),
            import_log=self._import_log(solution.id),
            verified=tuple(a for a in adoptions if a.verified),
            claimed=tuple(a for a in adoptions if not a.verified),
            **self._media(solution.id),
        )

    def _media(self, solution_id: int) -> dict[str, Any]:
        """The logo and screenshots, without their bytes (those are served apart)."""
        rows = self.db.execute(
            select(
                m.SolutionMedia.name, m.SolutionMedia.kind, m.SolutionMedia.width,
                m.SolutionMedia.height, m.SolutionMedia.alt,
            )
            .where(m.SolutionMedia.solution_id == solution_id)
            .order_by(m.SolutionMedia.position)
        ).all()  # fmt: skip
        views = [MediaView(r.name, r.kind, r.width, r.height, dict(r.alt or {})) for r in rows]
        return {
            "logo": next((v for v in views if v.kind == "logo"), None),
            "screenshots": tuple(v for v in views if v.kind == "screenshot"),
        }

    def cards(self, solutions: list[m.Solution]) -> list[SolutionCard]:
        """Cards for loaded solutions, with their current score and silo flag."""
        scores = self._current_scores([s.id for s in solutions])
        return [card(s, scores.get(s.id)) for s in solutions]

    def cards_for_slugs(self, slugs: list[str]) -> list[SolutionCard]:
        """Cards in the order of ``slugs`` (search hits); unknown slugs are left out."""
        found = self.db.scalars(
            select(m.Solution).where(m.Solution.slug.in_(slugs)).options(*_CARD_LOAD)
        )
        by_slug = {s.slug: s for s in found}
        return self.cards([by_slug[s] for s in slugs if s in by_slug])

    def _score(self, solution_id: int) -> ScoreView | None:
        row = self.db.scalar(
            select(m.ScoreResult)
            .where(m.ScoreResult.solution_id == solution_id, m.ScoreResult.current.is_(True))
            .order_by(m.ScoreResult.computed_at.desc())
            .limit(1)
        )
        return None if row is None else score_view(row)

    def _current_scores(self, ids: list[int]) -> dict[int, m.ScoreResult]:
        if not ids:
            return {}
        rows = self.db.scalars(
            select(m.ScoreResult).where(
                m.ScoreResult.solution_id.in_(ids), m.ScoreResult.current.is_(True)
            )
        )
        return {row.solution_id: row for row in rows}

    def _based_on(self, solution: m.Solution) -> tuple[Related, ...]:
        ids = {r.based_on_solution_id: r for r in solution.repositories if r.based_on_solution_id}
        if not ids:
            return ()
        parents = self.db.scalars(select(m.Solution).where(m.Solution.id.in_(ids)))
        return tuple(
            Related(p.slug, p.name, ids[p.id].fork_kind, ids[p.id].url)
            for p in sorted(parents, key=lambda p: p.name)
        )

    def _variants(self, solution: m.Solution) -> tuple[Related, ...]:
        repos = self.db.scalars(
            select(m.Repository)
            .where(
                m.Repository.based_on_solution_id == solution.id,
                m.Repository.solution_id != solution.id,
            )
            .options(selectinload(m.Repository.solution))
            .order_by(m.Repository.url)
        )
        return tuple(Related(r.solution.slug, r.solution.name, r.fork_kind, r.url) for r in repos)

    def _import_log(self, solution_id: int, limit: int = 10) -> tuple[ImportLogEntry, ...]:
        rows = self.db.scalars(
            select(ImportLogEntry)
            .where(ImportLogEntry.solution_id == solution_id)
            .options(selectinload(ImportLogEntry.run))
            .order_by(ImportLogEntry.id.desc())
            .limit(limit)
        )
        return tuple(rows)

    # -- organisations -------------------------------------------------------------------
    def organisations(self) -> list[OrganisationRow]:
        """Every organisation, by name, with its counts."""
        published = Counter(
            dict(
                self.db.execute(
                    select(m.Solution.publisher_id, func.count())
                    .where(m.Solution.live())
                    .group_by(m.Solution.publisher_id)
                ).all()
            )
        )
        adopted = Counter(
            dict(
                self.db.execute(
                    select(
                        m.Adoption.organisation_id,
                        func.count(func.distinct(m.Adoption.solution_id)),
                    ).group_by(m.Adoption.organisation_id)
                ).all()
            )
        )
        orgs = self.db.scalars(
            select(Organisation).where(Organisation.live()).order_by(Organisation.name)
        )
        return [OrganisationRow(o, published[o.id], adopted[o.id]) for o in orgs]

    def organisation(self, slug: str) -> OrganisationPage:
        """The organisation page, or ``NotFound``."""
        org = OrganisationService(self.db).get(slug)
        published = self._solutions(m.Solution.publisher_id == org.id)
        adoptions = self.db.scalars(
            select(m.Adoption)
            .where(m.Adoption.organisation_id == org.id)
            .options(selectinload(m.Adoption.solution).options(*_CARD_LOAD))
        ).all()
        offers = self.db.scalars(
            select(m.OperatingOffer).where(m.OperatingOffer.provider_id == org.id)
        ).all()
        funding = self.db.scalars(select(m.Funding).where(m.Funding.funder_id == org.id)).all()
        related_ids = {o.solution_id for o in offers} | {f.solution_id for f in funding}
        related = {s.id: s for s in self._solutions(m.Solution.id.in_(related_ids))}
        cards = {c.slug: c for c in self.cards([*published, *related.values(),
                                                *(a.solution for a in adoptions)])}  # fmt: skip
        return OrganisationPage(
            organisation=org,
            published=tuple(cards[s.slug] for s in published),
            adoptions=tuple(
                (a.role, a.verified, cards[a.solution.slug])
                for a in sorted(adoptions, key=lambda a: (a.solution.name, a.role))
                if a.solution.deleted_at is None
            ),
            operates=tuple(
                (o.kind, cards[related[o.solution_id].slug])
                for o in offers
                if o.solution_id in related
            ),
            funds=tuple(
                (f.programme, cards[related[f.solution_id].slug])
                for f in funding
                if f.solution_id in related
            ),
            profiles=tuple(
                (p.profile, {"de": p.title.de, "en": p.title.en})
                for p in shipped_profiles().values()
            )
            if funding
            else (),
        )

    def _solutions(self, *where: Any) -> list[m.Solution]:
        query = (
            select(m.Solution)
            .where(m.Solution.live(), *where)
            .options(*_CARD_LOAD)
            .order_by(m.Solution.name)
        )
        return list(self.db.scalars(query))

    # -- standards -------------------------------------------------------------------------
    def standards(self) -> list[StandardRow]:
        """Every standard in the catalogue, by name, with how often it is implemented."""
        counts = Counter(
            {
                (std_id, role): n
                for std_id, role, n in self.db.execute(
                    select(
                        m.SolutionInterface.standard_id,
                        m.SolutionInterface.role,
                        func.count(func.distinct(m.SolutionInterface.solution_id)),
                    )
                    .join(m.Solution, m.Solution.id == m.SolutionInterface.solution_id)
                    .where(m.Solution.live())
                    .group_by(m.SolutionInterface.standard_id, m.SolutionInterface.role)
                )
            }
        )
        standards = self.db.scalars(select(m.Standard).order_by(m.Standard.name))
        return [
            StandardRow(s, counts[(s.id, "provides")], counts[(s.id, "consumes")])
            for s in standards
        ]

    def standard(self, slug: str) -> StandardPage:
        """A standard and its implementations, or ``NotFound``."""
        standard = self.db.scalar(select(m.Standard).where(m.Standard.slug == slug))
        if standard is None:
            raise NotFound(f"standard {slug!r} not found", field="slug")
        interfaces = self.db.scalars(
            select(m.SolutionInterface).where(m.SolutionInterface.standard_id == standard.id)
        ).all()
        solutions = self._solutions(m.Solution.id.in_({i.solution_id for i in interfaces}))
        cards = dict(zip([s.id for s in solutions], self.cards(solutions), strict=True))
        rows = [(i, cards[i.solution_id]) for i in interfaces if i.solution_id in cards]
        rows.sort(key=lambda pair: (pair[0].role, pair[1].name.lower(), pair[0].evidence_level))
        return StandardPage(standard, tuple(rows))

    def search_options(self) -> SearchOptions:
        """Labels for standard slugs and the towns "towns like mine" can compare with."""
        standards = dict(self.db.execute(select(m.Standard.slug, m.Standard.name)).all())
        towns = self.db.execute(
            select(Organisation.slug, Organisation.name)
            .where(
                Organisation.kind.in_(("municipality", "county")),
                Organisation.live(),
            )
            .order_by(Organisation.name)
        ).all()
        return SearchOptions(
            {str(k): str(v) for k, v in standards.items()},
            tuple((str(slug), str(name)) for slug, name in towns),
        )

    # -- entry points ----------------------------------------------------------------------
    def domains(self) -> list[DomainCount]:
        """Every domain with the number of entries in it (empty ones included)."""
        counts = dict(
            self.db.execute(
                select(m.SolutionTag.value, func.count())
                .join(m.Solution, m.Solution.id == m.SolutionTag.solution_id)
                .where(m.SolutionTag.kind == "domain", m.Solution.live())
                .group_by(m.SolutionTag.value)
            ).all()
        )
        return [DomainCount(key, label, int(counts.get(key, 0))) for key, label in DOMAINS.items()]

    def domain(self, key: str) -> list[SolutionCard]:
        """The entries of one domain, or ``NotFound`` for an unknown domain."""
        if key not in DOMAINS:
            raise NotFound(f"domain {key!r} not found", field="domain")
        tagged = select(m.SolutionTag.solution_id).where(
            m.SolutionTag.kind == "domain", m.SolutionTag.value == key
        )
        return self.cards(self._solutions(m.Solution.id.in_(tagged)))

    def alternatives(self, product: str = "") -> list[AlternativeGroup]:
        """Named products and the entries declared as alternatives, optionally one product."""
        wanted = product.strip().casefold()
        groups: dict[str, list[m.Solution]] = defaultdict(list)
        for solution in self._solutions(m.Solution.active.is_(True)):
            for name in solution.alternative_to:
                if not wanted or wanted in name.casefold():
                    groups[name].append(solution)
        return [
            AlternativeGroup(name, tuple(self.cards(groups[name])))
            for name in sorted(groups, key=str.casefold)
        ]
