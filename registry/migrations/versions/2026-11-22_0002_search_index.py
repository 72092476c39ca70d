"""search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:00:00

The portable tables (``search_document``, ``search_facet``) are in the metadata; the
full-text structure is per backend and left out of autogenerate comparisons
(``registry.search.schema.include_name``): an FTS5 table on SQLite, a generated
``tsvector`` column with a GIN index on PostgreSQL. Existing entries are indexed here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column("solution_id", sa.Integer(), nullable=False),
        sa.Column("name_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.Column("sort_name", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("verified_adopters", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("last_activity", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["solution_id"],
            ["solution.id"],
            name=op.f("fk_search_document_solution_id_solution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("solution_id", name=op.f("pk_search_document")),
    )
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_document_sort_name"), ["sort_name"])
    op.create_table(
        "search_facet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("solution_id", sa.Integer(), nullable=False),
        sa.Column("facet", sa.String(length=30), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["solution_id"],
            ["search_document.solution_id"],
            name=op.f("fk_search_facet_solution_id_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_facet")),
        sa.UniqueConstraint(
            "solution_id", "facet", "value", name=op.f("uq_search_facet_solution_id_facet_value")
        ),
    )
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_facet_facet_value", ["facet", "value", "solution_id"], unique=False
        )
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")
    else:
        # Terms arrive stemmed and folded (registry.search._text): the tokenizer only splits.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(name_terms, body_terms, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )
    # Filled by 0012_search_fields: today's indexer writes the index's newest shape only.


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.drop_index("ix_search_facet_facet_value")
    op.drop_table("search_facet")
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_document_sort_name"))
    op.drop_table("search_document")
