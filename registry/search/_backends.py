"""The two full-text backends behind one small interface.

Both receive the same query terms (stemmed in Python, ``[a-z0-9]+`` only) and answer
with SQL conditions on ``search_document.solution_id``: SQLite through the FTS5 table,
PostgreSQL through the ``tsv`` column (GIN). Every term group must match; each stem
matches as a prefix, so ``abfall`` finds ``abfallkal``.
"""

from __future__ import annotations

from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from registry.search.models import SearchDocument
from registry.search.schema import FTS_TABLE, TSV_COLUMN

__all__ = ["FullText", "PostgresFullText", "SqliteFullText", "full_text_for"]

Terms = tuple[tuple[str, ...], ...]


class FullText(Protocol):
    """Turns stemmed query terms into a condition, anywhere or in the name only."""

    def matches(self, terms: Terms, *, name_only: bool = False) -> ColumnElement[bool]:
        """Rows whose document holds every term group."""
        ...

    def prepare(self, session: Session) -> None:
        """Set up the session's transaction for the searches that follow."""
        ...


class SqliteFullText:
    """FTS5: ``search_fts MATCH '("abfall"* OR "abfal"*) AND "kalend"*'``."""

    def matches(self, terms: Terms, *, name_only: bool = False) -> ColumnElement[bool]:
        """Solution ids from the FTS5 table (column filter for the name)."""
        prefix = "name_terms : " if name_only else ""
        expression = " AND ".join(
            "(" + " OR ".join(f'{prefix}"{stem}"*' for stem in group) + ")" for group in terms
        )
        fts = sa.table(FTS_TABLE, sa.column("rowid"))
        match = sa.literal_column(FTS_TABLE).op("MATCH", return_type=sa.Boolean)(
            sa.literal(expression)
        )
        subquery = sa.select(fts.c.rowid).where(match)
        return SearchDocument.solution_id.in_(subquery)

    def prepare(self, session: Session) -> None:
        """Nothing to do: the FTS5 table is always the way in."""


class PostgresFullText:
    """``tsv @@ to_tsquery('simple', '(abfall:* | abfal:*) & kalend:*')`` (GIN index)."""

    def matches(self, terms: Terms, *, name_only: bool = False) -> ColumnElement[bool]:
        """The generated ``tsv`` column (GIN); for the name, a vector of the short name
        terms made on the fly, which is cheaper per row than decompressing ``tsv`` again
        (the name check ranks every hit, so it runs once per hit)."""
        expression = " & ".join(
            "(" + " | ".join(f"{stem}:*" for stem in group) + ")" for group in terms
        )
        simple: ColumnElement[Any] = sa.literal_column("'simple'::regconfig")
        query = sa.func.to_tsquery(simple, sa.literal(expression))
        vector: ColumnElement[Any] = (
            sa.func.to_tsvector(simple, SearchDocument.name_terms)
            if name_only
            else sa.literal_column(f"search_document.{TSV_COLUMN}")
        )
        return vector.op("@@", return_type=sa.Boolean)(query)

    def prepare(self, session: Session) -> None:
        """Keep the planner on the GIN index for the rest of this transaction.

        The planner prices ``tsv @@ query`` as cheap per row, but every row of a
        sequential scan decompresses its TOASTed ``tsvector`` first: at 100,000 entries a
        broad prefix query took 1.1 s by sequential scan and 80 ms through the index,
        and the planner picked the scan. ``SET LOCAL`` ends with the transaction.
        """
        session.execute(sa.text("SET LOCAL enable_seqscan = off"))


def full_text_for(dialect: str) -> FullText:
    """The backend of a dialect name (``sqlite`` or ``postgresql``)."""
    if dialect == "postgresql":
        return PostgresFullText()
    return SqliteFullText()
