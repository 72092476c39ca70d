"""A funder organisation's programmes, the grants in them and the report runs kept."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, TimestampMixin, utcnow

if TYPE_CHECKING:
    from registry.catalogue.models import Solution
    from registry.organisations import Organisation


class Programme(TimestampMixin, Base):
    """A funding programme of one organisation, judged against one requirement profile."""

    __tablename__ = "funding_programme"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    #: The name of a shipped profile (``schemas/profiles``); its version goes on each report.
    profile: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]

    funder: Mapped[Organisation] = relationship()
    grants: Mapped[list[Grant]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Grant.id"
    )

    __table_args__ = (UniqueConstraint("funder_id", "name"),)


class Grant(TimestampMixin, Base):
    """One funded solution in a programme, with the funder's grant reference."""

    __tablename__ = "funding_grant"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("funding_programme.id", ondelete="CASCADE"), index=True
    )
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str] = mapped_column(String(200))
    #: ``funder`` when recorded by the funder, ``entry`` when taken from the entry's funding data.
    source: Mapped[str] = mapped_column(String(20), default="funder")

    programme: Mapped[Programme] = relationship(back_populates="grants")
    solution: Mapped[Solution] = relationship()

    __table_args__ = (
        UniqueConstraint("programme_id", "solution_id"),
        UniqueConstraint("programme_id", "reference"),
    )


class ReportRun(Base):
    """A programme report as it was computed, kept so a later run can be compared with it."""

    __tablename__ = "funding_report_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("funding_programme.id", ondelete="CASCADE"), index=True
    )
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    profile_version: Mapped[str] = mapped_column(String(50))
    #: ``{reference: {"solution", "verdict", "rules": {rule_id: verdict}}}``.
    verdicts: Mapped[dict[str, Any]] = mapped_column(default=dict)
