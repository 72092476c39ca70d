"""solution media (logo, screenshots) and the indexes the solution page needs

Revision ID: 0015_solution_media
Revises: 0014_federation
Create Date: 2026-12-07 16:00:00

``solution_media`` keeps each entry's re-encoded logo and screenshots, served by the
registry itself. The two indexes end full scans that every solution page and API answer
made: the entry's repository aliases (``repository_alias.repository_id``) and the forks
based on it (``repository.based_on_solution_id``). ``read_generation`` is the one counter
every write to a table the pages show raises, so cached pages know when they are stale.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import registry.db.base

revision: str = "0015_solution_media"
down_revision: str | None = "0014_federation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_TIME = registry.db.base.DateTimeUTC(timezone=True)


def upgrade() -> None:
    """Create the media and generation tables and the two indexes."""
    op.create_table(
        "solution_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("solution_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("alt", _JSON, nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["solution_id"], ["solution.id"],
                                name=op.f("fk_solution_media_solution_id_solution"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_solution_media")),
        sa.UniqueConstraint("solution_id", "name",
                            name=op.f("uq_solution_media_solution_id_name")),
    )  # fmt: skip
    op.create_index(op.f("ix_solution_media_solution_id"), "solution_media", ["solution_id"])
    generation = op.create_table(
        "read_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_generation")),
    )
    op.bulk_insert(generation, [{"id": 1, "value": 0}])
    op.create_index(
        op.f("ix_repository_alias_repository_id"), "repository_alias", ["repository_id"]
    )
    op.create_index(
        op.f("ix_repository_based_on_solution_id"), "repository", ["based_on_solution_id"]
    )


def downgrade() -> None:
    """Drop the indexes and the media table (the stored images are lost)."""
    op.drop_index(op.f("ix_repository_based_on_solution_id"), table_name="repository")
    op.drop_index(op.f("ix_repository_alias_repository_id"), table_name="repository_alias")
    op.drop_index(op.f("ix_solution_media_solution_id"), table_name="solution_media")
    op.drop_table("read_generation")
    op.drop_table("solution_media")
