"""The search index tables, kept by ``registry.search._indexer`` and nothing else.

``search_document`` holds one row per visible solution: its search terms (already stemmed
in Python) and the numbers results are sorted by. ``search_facet`` holds its facet values,
one row each, so every facet is counted and filtered the same way on both databases.
The backend-specific full-text structures live beside them, outside the metadata: the
FTS5 table ``search_fts`` on SQLite, the ``tsv`` column with its GIN index on PostgreSQL
(see the 0002 migration and ``registry.search.schema``).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.db import Base, DateTimeUTC, utcnow


class SearchDocument(Base):
    """The searchable form of one solution."""

    __tablename__ = "search_document"

    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), primary_key=True
    )
    #: Where a word stands decides its weight: the names, then the short descriptions and
    #: features (``lead``), then everything else shown (``body``: long descriptions,
    #: keywords, fields, interfaces), then the organisations' names.
    name_terms: Mapped[str] = mapped_column(Text)
    lead_terms: Mapped[str] = mapped_column(Text, server_default=sa.text("''"))
    body_terms: Mapped[str] = mapped_column(Text)
    org_terms: Mapped[str] = mapped_column(Text, server_default=sa.text("''"))
    sort_name: Mapped[str] = mapped_column(String(300), index=True)
    active: Mapped[bool]
    verified_adopters: Mapped[int]
    score: Mapped[float | None]
    last_activity: Mapped[date | None]
    updated_at: Mapped[datetime]


class SearchFacet(Base):
    """One facet value of one solution (``facet`` is a ``SearchQuery`` parameter name)."""

    __tablename__ = "search_facet"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("search_document.solution_id", ondelete="CASCADE")
    )
    facet: Mapped[str] = mapped_column(String(30))
    value: Mapped[str] = mapped_column(String(300))

    __table_args__ = (
        UniqueConstraint("solution_id", "facet", "value"),
        Index("ix_search_facet_facet_value", "facet", "value", "solution_id"),
    )


class SearchOutbox(Base):
    """The change log the search engine follows: one row per solution whose document
    changed, written in the same transaction as the change (``_indexer.reindex``).

    ``seq`` orders the log; an index stores the last ``seq`` it applied, so a restarted
    or second index applies what it has not seen. ``solution_id`` NULL: every document
    changed (a full rebuild, e.g. after a restore).
    """

    __tablename__ = "search_outbox"

    seq: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    solution_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(), default=utcnow)

    __table_args__ = ({"sqlite_autoincrement": True},)
