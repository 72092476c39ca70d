"""organisation.domains: the official domains an organisation states

Revision ID: 0013_organisation_domains
Revises: 0012_search_fields
Create Date: 2026-12-07 03:10:00

An organisation's admins record its official domains; a member with an address at one
of them verifies the organisation by a confirmation link, and only then the domain joins
``verified_domains`` (the evidence imports rely on).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013_organisation_domains"
down_revision: str | None = "0012_search_fields"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    """Add the column; organisations that proved domains state them already."""
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.add_column(sa.Column("domains", _JSON, nullable=True))
    organisation = sa.table("organisation", sa.column("domains", _JSON),
                            sa.column("verified_domains", _JSON))  # fmt: skip
    op.execute(organisation.update().values(domains=organisation.c.verified_domains))
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.alter_column("domains", existing_type=_JSON, nullable=False)


def downgrade() -> None:
    """Drop the column (stated but unproved domains are lost)."""
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.drop_column("domains")
