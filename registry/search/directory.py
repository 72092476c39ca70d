"""Read models for harvesters: organisations, standards, the whole catalogue, the feed.

``DirectoryService(session)`` answers what the JSON API and the exports list beside the
search: pages of organisations and standards (keyset on the slug), who publishes, uses,
operates and funds what, and every visible entry for the CSV/JSON/Atom/DCAT exports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from registry.catalogue import LOAD_ENTRY
from registry.catalogue import models as m
from registry.errors import NotFound
from registry.organisations import Organisation, live_organisation, matching

__all__ = ["DirectoryService", "OrganisationProfile", "Page", "StandardProfile"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Items of one keyset page and the key after which the next one starts."""

    items: tuple[T, ...]
    next_after: str | None


@dataclass(frozen=True, slots=True)
class OrganisationProfile:
    """An organisation and the slugs of the solutions it publishes, uses, operates, funds."""

    organisation: Organisation
    publishes: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    operates: tuple[str, ...] = ()
    funds: tuple[str, ...] = ()
    co_develops: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StandardProfile:
    """A standard and which solutions provide or consume it (slug -> evidence levels)."""

    standard: m.Standard
    provides: dict[str, list[str]] = field(default_factory=dict)
    consumes: dict[str, list[str]] = field(default_factory=dict)


class DirectoryService:
    """Lists for harvesters. Reads only; built with a session."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def organisations(
        self, *, after: str | None = None, size: int = 25, q: str = ""
    ) -> Page[Organisation]:
        """Organisations by slug, ``size`` at a time after the slug ``after``; with ``q``
        only those whose name, slug or identifier holds it."""
        query = sa.select(Organisation).where(Organisation.live(), matching(q))
        if after:
            query = query.where(Organisation.slug > after)
        rows = list(self.db.scalars(query.order_by(Organisation.slug).limit(size + 1)))
        more = len(rows) > size
        rows = rows[:size]
        return Page(tuple(rows), rows[-1].slug if more and rows else None)

    def organisation(self, slug: str) -> OrganisationProfile:
        """One organisation with its solutions, or ``NotFound``."""
        org = live_organisation(self.db, slug)
        if org is None:
            raise NotFound(f"organisation {slug!r} not found", field="slug")
        live = (m.Solution.live(),)
        publishes = self.db.scalars(
            sa.select(m.Solution.slug)
            .where(m.Solution.publisher_id == org.id, *live)
            .order_by(m.Solution.slug)
        )
        roles: dict[str, list[str]] = defaultdict(list)
        for role, sol_slug in self.db.execute(
            sa.select(m.Adoption.role, m.Solution.slug)
            .join(m.Solution, m.Solution.id == m.Adoption.solution_id)
            .where(m.Adoption.organisation_id == org.id, *live)
            .order_by(m.Solution.slug)
        ):
            roles[role].append(sol_slug)
        operates = {*roles["operates"], *self._provided_by(org.id)}
        funds = {*roles["funds"], *self._funded_by(org.id)}
        return OrganisationProfile(
            organisation=org,
            publishes=tuple(publishes),
            uses=tuple(roles["uses"]),
            operates=tuple(sorted(operates)),
            funds=tuple(sorted(funds)),
            co_develops=tuple(roles["co-develops"]),
        )

    def _provided_by(self, org_id: int) -> list[str]:
        return list(
            self.db.scalars(
                sa.select(m.Solution.slug)
                .join(m.OperatingOffer)
                .where(m.OperatingOffer.provider_id == org_id, m.Solution.live())
            )
        )

    def _funded_by(self, org_id: int) -> list[str]:
        return list(
            self.db.scalars(
                sa.select(m.Solution.slug)
                .join(m.Funding)
                .where(m.Funding.funder_id == org_id, m.Solution.live())
            )
        )

    def standards(self) -> list[tuple[m.Standard, int]]:
        """Every standard with the number of solutions declaring an interface to it."""
        used = (
            sa.select(
                m.SolutionInterface.standard_id,
                sa.func.count(sa.distinct(m.SolutionInterface.solution_id)).label("n"),
            )
            .join(m.Solution, m.Solution.id == m.SolutionInterface.solution_id)
            .where(m.Solution.live())
            .group_by(m.SolutionInterface.standard_id)
            .subquery()
        )
        rows = self.db.execute(
            sa.select(m.Standard, sa.func.coalesce(used.c.n, 0))
            .outerjoin(used, used.c.standard_id == m.Standard.id)
            .order_by(m.Standard.slug)
        )
        return [(std, int(n)) for std, n in rows]

    def standard(self, slug: str) -> StandardProfile:
        """One standard with the solutions providing or consuming it, or ``NotFound``."""
        std = self.db.scalar(sa.select(m.Standard).where(m.Standard.slug == slug))
        if std is None:
            raise NotFound(f"standard {slug!r} not found", field="id")
        profile = StandardProfile(standard=std)
        for sol_slug, role, level in self.db.execute(
            sa.select(m.Solution.slug, m.SolutionInterface.role, m.SolutionInterface.evidence_level)
            .join(m.Solution, m.Solution.id == m.SolutionInterface.solution_id)
            .where(m.SolutionInterface.standard_id == std.id, m.Solution.live())
            .order_by(m.Solution.slug, m.SolutionInterface.evidence_level)
        ):
            target = profile.provides if role == "provides" else profile.consumes
            target.setdefault(sol_slug, []).append(level)
        return profile

    def entries(self, *, batch: int = 200) -> Iterator[m.Solution]:
        """Every visible entry, fully loaded, by slug (streamed in batches)."""
        after = ""
        while True:
            chunk = list(
                self.db.scalars(
                    sa.select(m.Solution)
                    .where(m.Solution.live(), m.Solution.slug > after)
                    .options(*LOAD_ENTRY, selectinload(m.Solution.tags))
                    .order_by(m.Solution.slug)
                    .limit(batch)
                )
            )
            yield from chunk
            if len(chunk) < batch:
                return
            after = chunk[-1].slug

    def current_scores(self, solution_ids: list[int]) -> dict[int, m.ScoreResult]:
        """The current score result of each solution that has one."""
        rows = self.db.scalars(
            sa.select(m.ScoreResult)
            .where(m.ScoreResult.solution_id.in_(solution_ids), m.ScoreResult.current.is_(True))
            .order_by(m.ScoreResult.computed_at)
        )
        return {row.solution_id: row for row in rows}

    def recently_changed(self, limit: int = 50) -> list[m.Solution]:
        """The newest created or updated visible entries, newest first (for the feed)."""
        return list(
            self.db.scalars(
                sa.select(m.Solution)
                .where(m.Solution.live(), m.Solution.active.is_(True))
                .options(*LOAD_ENTRY)
                .order_by(m.Solution.updated_at.desc(), m.Solution.id.desc())
                .limit(limit)
            )
        )

    def last_change(self) -> datetime | None:
        """When any entry last changed (Last-Modified of the exports)."""
        return self.db.scalar(sa.select(sa.func.max(m.Solution.updated_at)))
