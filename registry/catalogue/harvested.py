"""A harvested catalogue and what each of its entries was when last seen (provenance).

``HarvestedCatalog`` is one open-catalog-api instance an operator added (Developers Italia,
OpenCoDE, …) with the outcome of its last harvest. ``HarvestedEntry`` is one software or
publisher *there*, by the catalogue's own id: the URL and publiccode.yml it carried, its
``updatedAt`` and digest (an unchanged entry is not imported again), the solution or
organisation it became here, whether this catalogue *owns* the solution (created it and
may update it) or is only another source of an entry held by someone else, and why it is
no longer listed upstream.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, utcnow

#: The kinds of harvested catalogue.
OPEN_CATALOG_API = "open-catalog-api"
GITLAB = "gitlab"
CATALOG_KINDS = (OPEN_CATALOG_API, GITLAB)


class HarvestedCatalog(Base):
    """An open-catalog-api catalogue this registry harvests."""

    __tablename__ = "harvested_catalog"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    base_url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_harvest_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(20))  # ok | failed
    last_error: Mapped[str | None] = mapped_column(Text)
    last_summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: ``open-catalog-api`` or ``gitlab`` (a GitLab instance such as OpenCoDE).
    kind: Mapped[str] = mapped_column(String(20), default=OPEN_CATALOG_API,
                                      server_default=OPEN_CATALOG_API)  # fmt: skip
    #: ``{"groups": [...]}`` for a GitLab instance: the groups to walk.
    options: Mapped[dict[str, Any] | None]
    #: While a harvest runs: when it started and the next page to read (crash resume).
    progress: Mapped[dict[str, Any] | None]

    entries: Mapped[list[HarvestedEntry]] = relationship(
        back_populates="catalog", cascade="all, delete-orphan"
    )


class HarvestedEntry(Base):
    """One software or publisher of a harvested catalogue, by its id there."""

    __tablename__ = "harvested_entry"
    __table_args__ = (UniqueConstraint("catalog_id", "kind", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_id: Mapped[int] = mapped_column(
        ForeignKey("harvested_catalog.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # software | publisher
    remote_id: Mapped[str] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(500))
    remote_updated_at: Mapped[str | None] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(64))
    publiccode_raw: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    solution_id: Mapped[int | None] = mapped_column(
        ForeignKey("solution.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    owner: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    removed_reason: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    catalog: Mapped[HarvestedCatalog] = relationship(back_populates="entries")
