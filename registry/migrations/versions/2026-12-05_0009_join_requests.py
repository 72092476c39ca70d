"""join_request: a signed-up person asks to join an organisation

Revision ID: 0009_join_requests
Revises: 0008_url_case
Create Date: 2026-12-04 19:20:00

Self-service sign-up joins an existing organisation by asking its admins; the request
waits here until one of them approves (a membership is made) or refuses it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import registry.db.base

revision: str = "0009_join_requests"
down_revision: str | None = "0008_url_case"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "join_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("created_at", registry.db.base.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_join_request_account_id_account"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_join_request_organisation_id_organisation"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_request")),
        sa.UniqueConstraint("account_id", "organisation_id",
                            name=op.f("uq_join_request_account_id_organisation_id")),
    )  # fmt: skip
    op.create_index(op.f("ix_join_request_organisation_id"), "join_request",
                    ["organisation_id"])  # fmt: skip


def downgrade() -> None:
    """Drop the table (waiting requests are lost)."""
    op.drop_index(op.f("ix_join_request_organisation_id"), table_name="join_request")
    op.drop_table("join_request")
