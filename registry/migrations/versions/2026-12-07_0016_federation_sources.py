"""federation: a harvested catalogue's kind and options, and the progress of a harvest

Revision ID: 0016_federation_sources
Revises: 0014_federation
Create Date: 2026-12-07 16:10:00

``kind`` tells an open-catalog-api catalogue from a GitLab instance (OpenCoDE) whose
groups (``options``) are walked; ``progress`` is where a running harvest got to, so a
harvest interrupted by a crash resumes instead of starting over. The search index is
rebuilt: every entry gains the "catalog" facet (its catalogues, or "local").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016_federation_sources"
down_revision: str | None = "0015_solution_media"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    """Add the three columns (existing catalogues are open-catalog-api ones)."""
    with op.batch_alter_table("harvested_catalog") as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="open-catalog-api",
                      nullable=False)
        )  # fmt: skip
        batch_op.add_column(sa.Column("options", _JSON, nullable=True))
        batch_op.add_column(sa.Column("progress", _JSON, nullable=True))
    from registry.search import reindex_all  # every entry gains its "catalog" facet value

    reindex_all(op.get_bind())


def downgrade() -> None:
    """Drop them (GitLab catalogues then read as open-catalog-api ones)."""
    with op.batch_alter_table("harvested_catalog") as batch_op:
        batch_op.drop_column("progress")
        batch_op.drop_column("options")
        batch_op.drop_column("kind")
