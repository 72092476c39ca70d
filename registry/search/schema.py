"""Names of the backend-only search structures, which the shared metadata leaves out.

SQLite keeps the full text in the FTS5 virtual table ``search_fts`` (plus the shadow
tables FTS5 makes for it); PostgreSQL in the generated ``tsv`` column of
``search_document`` with a GIN index. Alembic's comparison and table listings skip them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["FTS_TABLE", "TSV_COLUMN", "TSV_INDEX", "include_name", "is_backend_only_table"]

FTS_TABLE: Final = "search_fts"
TSV_COLUMN: Final = "tsv"
TSV_INDEX: Final = "ix_search_document_tsv"


def is_backend_only_table(name: str) -> bool:
    """``search_fts`` and its FTS5 shadow tables (``search_fts_data``, …)."""
    return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")


def include_name(name: str | None, type_: str, parent_names: Mapping[Any, str | None]) -> bool:
    """Alembic ``include_name`` hook: leave the backend-only structures out of comparisons."""
    if name is None:
        return True
    if type_ == "table":
        return not is_backend_only_table(name)
    if type_ == "column":
        return not (parent_names.get("table_name") == "search_document" and name == TSV_COLUMN)
    if type_ == "index":
        return name != TSV_INDEX
    return True
