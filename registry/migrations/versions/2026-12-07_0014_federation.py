"""federation: harvested open-catalog-api catalogues and their entries' provenance

Revision ID: 0014_federation
Revises: 0013_organisation_domains
Create Date: 2026-12-07 04:00:00

Each harvested catalogue keeps the outcome of its last harvest; each of its entries keeps
its id there, the publiccode.yml it carried and the solution or organisation it became.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import registry.db.base

revision: str = "0014_federation"
down_revision: str | None = "0013_organisation_domains"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_TIME = registry.db.base.DateTimeUTC(timezone=True)


def upgrade() -> None:
    """Create both tables."""
    op.create_table(
        "harvested_catalog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_harvest_at", _TIME, nullable=True),
        sa.Column("last_status", sa.String(length=20), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_summary", _JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvested_catalog")),
        sa.UniqueConstraint("name", name=op.f("uq_harvested_catalog_name")),
    )
    op.create_table(
        "harvested_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("remote_updated_at", sa.String(length=40), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("publiccode_raw", sa.Text(), nullable=True),
        sa.Column("details", _JSON, nullable=False),
        sa.Column("solution_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("removed_reason", sa.Text(), nullable=True),
        sa.Column("first_seen_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["catalog_id"], ["harvested_catalog.id"],
                                name=op.f("fk_harvested_entry_catalog_id_harvested_catalog"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["solution_id"], ["solution.id"],
                                name=op.f("fk_harvested_entry_solution_id_solution"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_harvested_entry_organisation_id_organisation"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvested_entry")),
        sa.UniqueConstraint("catalog_id", "kind", "remote_id",
                            name=op.f("uq_harvested_entry_catalog_id_kind_remote_id")),
    )  # fmt: skip
    for column in ("catalog_id", "solution_id", "organisation_id"):
        op.create_index(op.f(f"ix_harvested_entry_{column}"), "harvested_entry", [column])


def downgrade() -> None:
    """Drop both tables (provenance of harvested entries is lost; the entries stay)."""
    for column in ("catalog_id", "solution_id", "organisation_id"):
        op.drop_index(op.f(f"ix_harvested_entry_{column}"), table_name="harvested_entry")
    op.drop_table("harvested_entry")
    op.drop_table("harvested_catalog")
