"""outgoing webhooks (subscriptions, outbox, audit cursor); adoption reminders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import registry.db.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
WHEN = registry.db.base.DateTimeUTC(timezone=True)


def upgrade() -> None:
    """Create the webhook tables."""
    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("events", JSON, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"],
            name=op.f("fk_webhook_subscription_account_id_account"), ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscription")),
    )
    with op.batch_alter_table("webhook_subscription") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_subscription_account_id"), ["account_id"], unique=False
        )
    op.create_table(
        "webhook_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", WHEN, nullable=False),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("delivered_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["subscription_id"], ["webhook_subscription.id"],
            name=op.f("fk_webhook_outbox_subscription_id_webhook_subscription"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_outbox")),
    )
    with op.batch_alter_table("webhook_outbox") as batch_op:
        batch_op.create_index("ix_webhook_outbox_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhook_outbox_subscription_id"), ["subscription_id"], unique=False
        )
    op.create_table(
        "webhook_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_cursor")),
    )
    with op.batch_alter_table("adoption") as batch_op:
        batch_op.add_column(sa.Column("reminded_at", WHEN, nullable=True))


def downgrade() -> None:
    """Drop the webhook tables and the reminder column."""
    with op.batch_alter_table("adoption") as batch_op:
        batch_op.drop_column("reminded_at")
    op.drop_table("webhook_cursor")
    with op.batch_alter_table("webhook_outbox") as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_outbox_subscription_id"))
        batch_op.drop_index("ix_webhook_outbox_due")
    op.drop_table("webhook_outbox")
    with op.batch_alter_table("webhook_subscription") as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_subscription_account_id"))
    op.drop_table("webhook_subscription")
