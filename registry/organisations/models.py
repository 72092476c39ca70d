"""Organisations: municipalities, counties, IT providers, companies, communities."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, TimestampMixin


class Organisation(TimestampMixin, Base):
    """A publisher, adopter, operator or funder of solutions."""

    __tablename__ = "organisation"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    #: vocab.ORGANISATION_KINDS
    kind: Mapped[str] = mapped_column(String(40), default="other-public-body")
    #: Official identifier: German AGS/ARS, or a URI such as ``urn:x-italian-pa:…``.
    identifier: Mapped[str | None] = mapped_column(String(300), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    country: Mapped[str | None] = mapped_column(String(2))
    #: ISO 3166-2 subdivision (Bundesland) without the country prefix, e.g. ``BY``.
    state: Mapped[str | None] = mapped_column(String(10))
    population: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)  # lang -> text
    #: The official mail and web domains the organisation states (its admins keep them);
    #: an address at one of them can verify the organisation (``accounts.verification``).
    domains: Mapped[list[str]] = mapped_column(default=list)
    #: Those of ``domains`` proved by a followed confirmation link: only these count as
    #: evidence that a repository on them is the organisation's (``imports.ownership``).
    verified_domains: Mapped[list[str]] = mapped_column(default=list)
    verified: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime | None]

    parent: Mapped[Organisation | None] = relationship(remote_side=[id])
    sources: Mapped[list[CodeSource]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="CodeSource.url"
    )

    __table_args__ = (Index("ix_organisation_kind_state", "kind", "state"),)

    @classmethod
    def live(cls) -> ColumnElement[bool]:
        """Not soft-deleted: the one spelling of the filter every query of live rows uses."""
        return cls.deleted_at.is_(None)


class CodeSource(TimestampMixin, Base):
    """A code-hosting place an organisation publishes at (GitHub org, GitLab group, …)."""

    __tablename__ = "code_source"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(500))
    #: vocab.SOURCE_DRIVERS
    driver: Mapped[str] = mapped_column(String(20))
    last_crawled_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(20))
    last_error: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(back_populates="sources")

    __table_args__ = (UniqueConstraint("url"),)
