"""search fields: the short descriptions and features, and the organisations, apart

Revision ID: 0012_search_fields
Revises: 0011_funding
Create Date: 2026-12-07 03:30:00

Relevance weighs where a word stands: the name above the short description and features,
those above the long description, and that above the names of organisations (publisher,
adopters, providers). ``search_document`` gets ``lead_terms`` and ``org_terms`` beside
``name_terms`` and ``body_terms``; SQLite's FTS5 table gets the same four columns, and
PostgreSQL's ``tsv`` weighs them A, B, C and D. The index is a projection: rebuilt here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_search_fields"
down_revision: str | None = "0011_funding"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TSV = (
    "ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({}) STORED"
)
_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5({}, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)


def _weighted(columns: dict[str, str]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {c}), '{w}')" for c, w in columns.items()
    )


def _rebuild(columns: dict[str, str]) -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document DROP COLUMN IF EXISTS tsv")
        op.execute(_TSV.format(_weighted(columns)))
        op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")
    else:
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(_FTS.format(", ".join(columns)))


def upgrade() -> None:
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lead_terms", sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column("org_terms", sa.Text(), nullable=False, server_default=sa.text("''")))
    _rebuild({"name_terms": "A", "lead_terms": "B", "body_terms": "C", "org_terms": "D"})
    from registry.search import reindex_all

    reindex_all(op.get_bind(), log=False)  # the outbox (0017) does not exist yet


def downgrade() -> None:
    """The older code reads what is left; its next change of an entry reindexes that
    entry, and its ``reindex_all`` the rest."""
    _rebuild({"name_terms": "A", "body_terms": "B"})
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_column("org_terms")
        batch_op.drop_column("lead_terms")
