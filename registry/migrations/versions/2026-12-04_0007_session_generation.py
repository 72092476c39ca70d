"""account.session_generation: sign-out and password changes end sessions server-side

Revision ID: 0007_sessions
Revises: 0006_standards
Create Date: 2026-12-04 18:30:00

A browser session cookie carries the generation it was issued under; bumping the
account's generation refuses every cookie issued before. Existing rows start at 0 (the
server default exists only while the column is added: the models use no server defaults).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_sessions"
down_revision: str | None = "0006_standards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column, 0 for every existing account."""
    with op.batch_alter_table("account") as batch_op:
        batch_op.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("account") as batch_op:
        batch_op.alter_column("session_generation", server_default=None)


def downgrade() -> None:
    """Drop the column (sessions then carry a generation nobody checks)."""
    with op.batch_alter_table("account") as batch_op:
        batch_op.drop_column("session_generation")
