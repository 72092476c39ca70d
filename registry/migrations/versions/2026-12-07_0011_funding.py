"""funding: a funder organisation's programmes, their grants and the report runs kept

Revision ID: 0011_funding
Revises: 0010_search_reindex
Create Date: 2026-12-07 02:54:51

A funder records programmes (name, requirement profile, period) and grants (solution,
grant reference); a report run keeps the verdicts so a later run can be compared with it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import registry.db.base

revision: str = "0011_funding"
down_revision: str | None = "0010_search_reindex"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the three tables."""
    op.create_table(
        "funding_programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("profile", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["funder_id"],
            ["organisation.id"],
            name=op.f("fk_funding_programme_funder_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_programme")),
        sa.UniqueConstraint("funder_id", "name", name=op.f("uq_funding_programme_funder_id_name")),
    )
    with op.batch_alter_table("funding_programme", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_programme_funder_id"), ["funder_id"], unique=False
        )

    op.create_table(
        "funding_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("solution_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["funding_programme.id"],
            name=op.f("fk_funding_grant_programme_id_funding_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["solution_id"],
            ["solution.id"],
            name=op.f("fk_funding_grant_solution_id_solution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_grant")),
        sa.UniqueConstraint(
            "programme_id", "reference", name=op.f("uq_funding_grant_programme_id_reference")
        ),
        sa.UniqueConstraint(
            "programme_id", "solution_id", name=op.f("uq_funding_grant_programme_id_solution_id")
        ),
    )
    with op.batch_alter_table("funding_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_grant_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_funding_grant_solution_id"), ["solution_id"], unique=False
        )

    op.create_table(
        "funding_report_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("computed_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("profile_version", sa.String(length=50), nullable=False),
        sa.Column(
            "verdicts",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["funding_programme.id"],
            name=op.f("fk_funding_report_run_programme_id_funding_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_report_run")),
    )
    with op.batch_alter_table("funding_report_run", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_report_run_programme_id"), ["programme_id"], unique=False
        )


def downgrade() -> None:
    """Drop them."""
    with op.batch_alter_table("funding_report_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_report_run_programme_id"))

    op.drop_table("funding_report_run")
    with op.batch_alter_table("funding_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_grant_solution_id"))
        batch_op.drop_index(batch_op.f("ix_funding_grant_programme_id"))

    op.drop_table("funding_grant")
    with op.batch_alter_table("funding_programme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_programme_funder_id"))

    op.drop_table("funding_programme")
