"""search outbox: the change log the search engine (Tantivy) index follows

Revision ID: 0017_search_outbox
Revises: 0016_federation_sources
Create Date: 2026-12-07 16:00:00

One row per changed search document, written in the same transaction as the change; an
index applies the rows after the last sequence number it applied. The first row asks
every index for a full rebuild, so an index built before this migration catches up.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import registry.db.base

revision: str = "0017_search_outbox"
down_revision: str | None = "0016_federation_sources"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the log with one "rebuild everything" row."""
    outbox = op.create_table(
        "search_outbox",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("solution_id", sa.Integer(), nullable=True),
        sa.Column("created_at", registry.db.base.DateTimeUTC(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_search_outbox")),
        sqlite_autoincrement=True,
    )
    op.bulk_insert(outbox, [{"solution_id": None, "created_at": registry.db.base.utcnow()}])


def downgrade() -> None:
    """Drop the log (indexes then have nothing to follow)."""
    op.drop_table("search_outbox")
