"""rebuild the search index for the new analysis (compound parts, stemming exceptions)

Revision ID: 0010_search_reindex
Revises: 0009_join_requests
Create Date: 2026-12-05 10:00:00

Documents indexed before this revision hold the old terms (no compound parts from the
word-part dictionary, ``parken`` stemmed to ``park``) and inactive entries without a name
or URL. The index is a projection of the catalogue: it is rebuilt, no table changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_search_reindex"
down_revision: str | None = "0009_join_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Done by 0012_search_fields, which rebuilds the index in its newest shape (today's
    indexer writes nothing else)."""


def downgrade() -> None:
    """Nothing to undo: the older code reads the rebuilt index as it is."""
