"""The two full-text backends behind one small interface.

Both receive the same query terms (stemmed in Python, ``[a-z0-9]+`` only, see ``_plan``)
and answer with SQL conditions on ``search_document.solution_id``: SQLite through the FTS5
table, PostgreSQL through the ``tsv`` column (GIN). A condition can be held to some fields,
named by their PostgreSQL weights: ``A`` the names, ``B`` the short descriptions, features
and keywords, ``C`` the rest of the text, ``D`` the organisations (on SQLite the FTS5
columns of the same names). Terms match whole; only an
alternative marked ``prefix`` matches its last term as a prefix. Every condition is an
``IN`` over the matching ids, which both databases evaluate once per statement however
often the ranking refers to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from registry.search._plan import Alternative
from registry.search.models import SearchDocument
from registry.search.schema import FTS_TABLE, TSV_COLUMN

__all__ = ["FIELDS", "FullText", "PostgresFullText", "SqliteFullText", "full_text_for"]

Terms = tuple[tuple[str, ...], ...]
#: Field weight -> the FTS5 column (and ``search_document`` column) holding it.
FIELDS = {"A": "name_terms", "B": "lead_terms", "C": "body_terms", "D": "org_terms"}


class FullText(Protocol):
    """Turns alternatives of stemmed terms into a condition, anywhere or in the name only."""

    def any_of(
        self, alternatives: Sequence[Alternative], *, within: str = ""
    ) -> ColumnElement[bool]:
        """Rows whose document holds every slot of at least one alternative, in the
        fields ``within`` names (weights, e.g. ``"AB"``; empty: anywhere)."""
        ...

    def matches(self, terms: Terms, *, within: str = "") -> ColumnElement[bool]:
        """Rows holding every group of ``terms`` (each: any of its stems, whole)."""
        ...

    def prepare(self, session: Session) -> None:
        """Set up the session's transaction for the searches that follow."""
        ...


class _Every:
    """``matches``: the words as typed, every one whole (the benchmark's bare query)."""

    def any_of(
        self, alternatives: Sequence[Alternative], *, within: str = ""
    ) -> ColumnElement[bool]:
        raise NotImplementedError

    def matches(self, terms: Terms, *, within: str = "") -> ColumnElement[bool]:
        """Rows holding every group of ``terms`` (each: any of its stems, whole)."""
        return sa.and_(*(self.any_of([Alternative((g,), own=True)], within=within) for g in terms))


class SqliteFullText(_Every):
    """FTS5: ``search_fts MATCH '(("abfall") AND ("kalend" OR "kalender")) OR …'``."""

    def any_of(
        self, alternatives: Sequence[Alternative], *, within: str = ""
    ) -> ColumnElement[bool]:
        """Solution ids from the FTS5 table (a column filter for some fields)."""
        parts = []
        for alt in alternatives:
            slots = []
            for i, terms in enumerate(alt.slots):
                star = "*" if alt.prefix and i == len(alt.slots) - 1 else ""
                slots.append("(" + " OR ".join(f'"{t}"{star}' for t in terms) + ")")
            parts.append("(" + " AND ".join(slots) + ")")
        expression = " OR ".join(parts)
        if within:
            expression = "{" + " ".join(FIELDS[w] for w in within) + "} : (" + expression + ")"
        fts = sa.table(FTS_TABLE, sa.column("rowid"))
        match = sa.literal_column(FTS_TABLE).op("MATCH", return_type=sa.Boolean)(
            sa.literal(expression)
        )
        return SearchDocument.solution_id.in_(sa.select(fts.c.rowid).where(match))

    def prepare(self, session: Session) -> None:
        """Nothing to do: the FTS5 table is always the way in."""


class PostgresFullText(_Every):
    """``tsv @@ to_tsquery('simple', '(abfall & (kalend | kalender)) | …')`` (GIN index);
    a field is a weight of ``tsv`` (the name: ``abfall:A``)."""

    def any_of(
        self, alternatives: Sequence[Alternative], *, within: str = ""
    ) -> ColumnElement[bool]:
        """Solution ids whose ``tsv`` matches, through the GIN index."""
        weight = within
        parts = []
        for alt in alternatives:
            slots = []
            for i, terms in enumerate(alt.slots):
                star = "*" if alt.prefix and i == len(alt.slots) - 1 else ""
                label = f":{star}{weight}" if star or weight else ""
                slots.append("(" + " | ".join(f"{t}{label}" for t in terms) + ")")
            parts.append("(" + " & ".join(slots) + ")")
        simple: ColumnElement[Any] = sa.literal_column("'simple'::regconfig")
        query = sa.func.to_tsquery(simple, sa.literal(" | ".join(parts)))
        inner = SearchDocument.__table__.alias("matched")
        vector: ColumnElement[Any] = sa.literal_column(f"matched.{TSV_COLUMN}")
        found = sa.select(inner.c.solution_id).where(vector.op("@@", return_type=sa.Boolean)(query))
        return SearchDocument.solution_id.in_(found)

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
