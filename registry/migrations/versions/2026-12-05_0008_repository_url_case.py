"""repository URLs on GitHub and GitLab folded to lower case

Revision ID: 0008_url_case
Revises: 0007_sessions
Create Date: 2026-12-05 09:00:00

GitHub and GitLab name owners and repositories case-insensitively, so the canonical URL
(``registry.entries.urls``) now folds their paths. Stored repository and alias URLs are
folded the same way, so a lookup by the new canonical form finds them. A row whose folded
URL another row already holds (the duplicate entries this fixes) keeps its spelling; the
rule is copied here so the migration does not change when the module does.
"""

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from alembic import op

revision: str = "0008_url_case"
down_revision: str | None = "0007_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HOSTS = frozenset({"github.com", "www.github.com", "gitlab.com", "gitlab.opencode.de"})


def _folded(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in _HOSTS and not host.startswith("gitlab."):
        return url
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.lower(), "", ""))


def _fold(table: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, url FROM {table}")).all()  # noqa: S608 - fixed names
    taken = {url for _id, url in rows}
    for row_id, url in rows:
        folded = _folded(url)
        if folded != url and folded not in taken:
            bind.execute(
                sa.text(f"UPDATE {table} SET url = :url WHERE id = :id"),  # noqa: S608
                {"url": folded, "id": row_id},
            )
            taken.add(folded)


def upgrade() -> None:
    """Fold the paths of GitHub and GitLab repository and alias URLs."""
    for table in ("repository", "repository_alias"):
        _fold(table)


def downgrade() -> None:
    """Nothing to undo: the folded URL names the same repository."""
