"""seed the interface-standards catalogue from schemas/standards.yml

Revision ID: 0006_standards
Revises: 0005
Create Date: 2026-12-03 10:00:00

Before this, only ``serve`` and ``demo load`` filled the catalogue, so imports into a
fresh database left every interface unlinked. ``registry db upgrade`` re-applies the same
seeding after every upgrade (``registry.db.migrate.upgrade``), so the catalogue stays
current when the shipped data changes without needing a migration per change.
"""

from collections.abc import Sequence

from alembic import op

from registry.catalogue import seed_standards

revision: str = "0006_standards"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Insert or update every shipped standard."""
    seed_standards(op.get_bind())


def downgrade() -> None:
    """Keep the rows: interfaces may point at them (``ondelete=RESTRICT``)."""
