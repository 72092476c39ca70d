"""Programmes and grants of a funder organisation, and the reports on them.

    funding = FundingService(session)
    new = NewProgramme("bmwsb", "Smart Cities", "smart-city-mpsc")
    programme = funding.create_programme(actor, new)
    funding.add_grant(actor, programme.id, "masterportal", "MPSC-2026-001")
    funding.grants_from_entries(actor, programme.id)     # the entries' own funding data
    report = funding.report(actor, programme.id, now=utcnow(), registry_url="https://…")

A funder is an organisation; its members record and read its programmes (registry admins
too). Entries name their funders as organisations (``Funding.funder_id``); an entry's
funder written as text is matched to the organisation by its name or slug, ignoring case,
never used as a string of its own. Built with a session; never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from registry.accounts import Principal, require_member, require_principal
from registry.catalogue import models as m
from registry.errors import InvalidInput, NotFound
from registry.funding.models import Grant, Programme, ReportRun
from registry.funding.report import GrantReport, ProgrammeReport, grant_report, snapshot
from registry.organisations import Organisation, live_organisation
from registry.scoring import ScoringService, shipped_profile, shipped_profiles

__all__ = ["FundingError", "FundingService", "NewGrant", "NewProgramme"]

MAX_NAME = 300
MAX_REFERENCE = 200


class FundingError(InvalidInput):
    """Bad input for a programme or grant; ``key`` names the message pages show."""

    def __init__(self, key: str, message: str, *, field: str, **values: Any) -> None:
        super().__init__(message, field=field)
        self.key = f"funding.error.{key}"
        self.values = values


@dataclass(frozen=True)
class NewProgramme:
    """What the programme form asks."""

    funder: str  # organisation slug
    name: str
    profile: str
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class NewGrant:
    """What the grant form asks."""

    solution: str  # slug
    reference: str


def _check_programme(new: NewProgramme) -> None:
    if not new.name.strip():
        raise FundingError("name", "name: give the programme's name", field="name")
    if len(new.name.strip()) > MAX_NAME:
        raise FundingError("too_long", "name: at most 300 characters", field="name", n=MAX_NAME)
    if new.profile not in shipped_profiles():
        raise FundingError("profile", f"profile: unknown profile {new.profile!r}",
                           field="profile")  # fmt: skip
    if new.starts_on and new.ends_on and new.ends_on < new.starts_on:
        raise FundingError("period", "ends_on: the end is before the start", field="ends_on")


class FundingService:
    """Domain verbs of funding on one session."""

    def __init__(self, session: Session) -> None:
        self.db = session

    # -- who funds ------------------------------------------------------------------
    def funders(self, actor: Principal | None) -> list[Organisation]:
        """The organisations ``actor`` may record programmes for (a member's own)."""
        who = require_principal(actor)
        query = select(Organisation).where(Organisation.live())
        if not who.is_admin:
            query = query.where(Organisation.id.in_(who.organisation_ids or {-1}))
        return list(self.db.scalars(query.order_by(Organisation.name).limit(200)))

    def programmes(self, actor: Principal | None) -> list[Programme]:
        """The programmes of the organisations ``actor`` belongs to (all for an admin)."""
        who = require_principal(actor)
        query = select(Programme).options(
            selectinload(Programme.funder), selectinload(Programme.grants)
        )
        if not who.is_admin:
            query = query.where(Programme.funder_id.in_(who.organisation_ids or {-1}))
        return list(self.db.scalars(query.order_by(Programme.name, Programme.id)))

    def programme(self, actor: Principal | None, programme_id: int) -> Programme:
        """One programme, for its funder's members; ``NotFound`` for anyone else."""
        found = self.db.scalar(
            select(Programme)
            .where(Programme.id == programme_id)
            .options(
                selectinload(Programme.funder),
                selectinload(Programme.grants).selectinload(Grant.solution),
            )
        )
        who = require_principal(actor)
        if found is None or not (who.is_admin or found.funder_id in who.organisation_ids):
            # Someone else's programme is not even confirmed to exist.
            raise NotFound(f"programme {programme_id} not found", field="programme")
        return found

    # -- writing --------------------------------------------------------------------
    def create_programme(self, actor: Principal | None, new: NewProgramme) -> Programme:
        """Record a programme of the funder ``new.funder``; its members only."""
        _check_programme(new)
        funder = live_organisation(self.db, new.funder.strip())
        if funder is None:
            raise FundingError("funder", f"funder: unknown organisation {new.funder!r}",
                               field="funder")  # fmt: skip
        require_member(actor, funder.id)
        name = new.name.strip()
        names = self.db.scalars(select(Programme.name).where(Programme.funder_id == funder.id))
        if any(other.casefold() == name.casefold() for other in names):
            raise FundingError("duplicate_programme", f"name: {name!r} exists already",
                               field="name", name=name)  # fmt: skip
        programme = Programme(funder=funder, name=name, profile=new.profile,
                              starts_on=new.starts_on, ends_on=new.ends_on)  # fmt: skip
        self.db.add(programme)
        self.db.flush()
        return programme

    def add_grant(
        self, actor: Principal | None, programme_id: int, new: NewGrant, *, source: str = "funder"
    ) -> Grant:
        """Record that the programme funds ``new.solution`` under ``new.reference``."""
        programme = self.programme(actor, programme_id)
        require_member(actor, programme.funder_id)
        reference = new.reference.strip()
        if not reference:
            raise FundingError("reference", "reference: give the grant reference",
                               field="reference")  # fmt: skip
        if len(reference) > MAX_REFERENCE:
            raise FundingError("too_long", "reference: at most 200 characters",
                               field="reference", n=MAX_REFERENCE)  # fmt: skip
        solution = self._solution(new.solution)
        for grant in programme.grants:
            if grant.solution_id == solution.id or grant.reference.lower() == reference.lower():
                raise FundingError("duplicate_grant", "reference: the programme has this grant",
                                   field="reference", reference=grant.reference)  # fmt: skip
        grant = Grant(programme=programme, solution=solution, reference=reference, source=source)
        self.db.add(grant)
        try:
            with self.db.begin_nested():
                self.db.flush()
        except IntegrityError as exc:  # a grant recorded at the same moment
            raise FundingError("duplicate_grant", "reference: the programme has this grant",
                               field="reference", reference=reference) from exc  # fmt: skip
        return grant

    def _solution(self, slug: str) -> m.Solution:
        wanted = slug.strip()
        found = self.db.scalar(
            select(m.Solution).where(
                func.lower(m.Solution.slug) == wanted.lower(), m.Solution.live()
            )
        )
        if not wanted or found is None:
            raise FundingError("solution", f"solution: no solution {wanted!r}",
                               field="solution", slug=wanted)  # fmt: skip
        return found

    def grants_from_entries(self, actor: Principal | None, programme_id: int) -> list[Grant]:
        """Take the grants entries declare for this funder and programme (matched, not typed).

        An entry's funding row counts when its funder is this organisation, or (written
        as text) its name or slug is the organisation's ignoring case, and its programme
        is this programme's name ignoring case. Grants already recorded stay as they are.
        """
        programme = self.programme(actor, programme_id)
        require_member(actor, programme.funder_id)
        funder = programme.funder
        names = {funder.name.casefold(), funder.slug.casefold()}
        wanted = programme.name.casefold()
        # Compared in Python: SQLite's lower() folds ASCII only ("FÜR" stays "fÜr").
        rows = self.db.execute(
            select(m.Funding.funder_id, m.Funding.funder_name, m.Funding.programme,
                   m.Funding.grant_reference, m.Solution.slug)
            .join(m.Solution, m.Funding.solution_id == m.Solution.id)
            .where(
                m.Solution.live(),
                m.Funding.programme.is_not(None),
                or_(m.Funding.funder_id == funder.id, m.Funding.funder_id.is_(None)),
            )
            .order_by(m.Solution.slug)
        )  # fmt: skip
        found = [
            (reference, slug)
            for funder_id, funder_name, name, reference, slug in rows
            if str(name).casefold() == wanted
            and (funder_id == funder.id or str(funder_name).casefold() in names)
        ]
        have = {g.solution.slug for g in programme.grants}
        added = []
        for reference, slug in found:
            if slug in have:
                continue
            grant = NewGrant(slug, reference or slug)
            added.append(self.add_grant(actor, programme_id, grant, source="entry"))
            have.add(slug)
        return added

    # -- reports --------------------------------------------------------------------
    def _reused_by(self, solution: m.Solution) -> list[str]:
        """Organisations other than the publisher that confirmed they use the solution."""
        query = (
            select(Organisation.name)
            .join(m.Adoption, m.Adoption.organisation_id == Organisation.id)
            .where(
                m.Adoption.solution_id == solution.id,
                m.Adoption.verified.is_(True),
                Organisation.id != (solution.publisher_id or -1),
                Organisation.live(),
            )
            .distinct()
            .order_by(Organisation.name)
        )
        return list(self.db.scalars(query))

    def report(
        self, actor: Principal | None, programme_id: int, *, now: datetime,
        registry_url: str = "", grant_id: int | None = None,
    ) -> ProgrammeReport:  # fmt: skip
        """The programme's report (or one grant's, with ``grant_id``), computed now."""
        programme = self.programme(actor, programme_id)
        grants = [g for g in programme.grants if grant_id is None or g.id == grant_id]
        if grant_id is not None and not grants:
            raise NotFound(f"grant {grant_id} not found", field="grant")
        profile = shipped_profile(programme.profile)
        scoring = ScoringService(self.db)
        items: list[GrantReport] = []
        for grant in grants:
            solution = scoring.solution(grant.solution.slug)
            judged = scoring.check_profile(solution, profile, now=now)
            publisher = solution.publisher.name if solution.publisher else None
            items.append(grant_report(
                judged, reference=grant.reference, source=grant.source, publisher=publisher,
                updated=solution.updated_at.date().isoformat(),
                reused_by=self._reused_by(solution), grant_id=grant.id,
            ))  # fmt: skip
        return ProgrammeReport(
            programme_id=programme.id, programme=programme.name, funder=programme.funder.name,
            funder_slug=programme.funder.slug, starts_on=programme.starts_on,
            ends_on=programme.ends_on, profile=profile, generated_at=now,
            grants=tuple(items), registry_url=registry_url,
        )  # fmt: skip

    def grant_id(self, programme: Programme, reference: str) -> int:
        """The id of the programme's grant with this reference."""
        for grant in programme.grants:
            if grant.reference == reference:
                return grant.id
        raise NotFound(f"grant {reference!r} not found", field="grant")

    def record_run(self, report: ProgrammeReport) -> ReportRun:
        """Keep this report's verdicts (call with a report from :meth:`report`)."""
        run = ReportRun(
            programme_id=report.programme_id, computed_at=report.generated_at,
            profile_version=report.profile.version, verdicts=snapshot(report),
        )  # fmt: skip
        self.db.add(run)
        self.db.flush()
        return run

    def runs(self, actor: Principal | None, programme_id: int) -> list[ReportRun]:
        """The kept runs of a programme, newest first."""
        self.programme(actor, programme_id)
        query = select(ReportRun).where(ReportRun.programme_id == programme_id)
        return list(self.db.scalars(query.order_by(ReportRun.computed_at.desc(),
                                                   ReportRun.id.desc())))  # fmt: skip
