"""The dump's canonical value form: one JSON text per value, equal on both databases.

* timestamps: ISO 8601 in UTC with microseconds and ``+00:00`` (``DateTimeUTC``)
* dates: ``YYYY-MM-DD``; binary: base64; JSON columns: the value itself
* every line: keys sorted, no spaces, UTF-8 (``ensure_ascii=False``)

PostgreSQL's JSONB reorders object keys and SQLite keeps them as written, so sorted keys
are what makes the bytes equal.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import JSON, Column, Date, DateTime, LargeBinary, Table

from registry.db import Base

FORMAT: Final = "registry-dump"
FORMAT_VERSION: Final = 1

#: The search index is derived from the catalogue (and partly lives outside the metadata:
#: FTS5 on SQLite, a generated ``tsv`` column on PostgreSQL); restore rebuilds it, and that
#: rebuild writes the engine's change log (``search_outbox``) anew. The read generation
#: (``read_generation``, the pages' cache counter) is the migration's own row.
DERIVED_TABLES: Final = frozenset(
    {"search_document", "search_facet", "search_outbox", "read_generation"}
)


def tables() -> list[Table]:
    """Every table that is dumped, parents before children (stable: ties by name)."""
    import registry.models  # noqa: F401, PLC0415 - complete metadata

    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES]


def line(data: dict[str, Any]) -> str:
    """One canonical JSON line (without the newline)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)  # fmt: skip


def _kind(column: Column[Any]) -> str:
    type_ = column.type
    if isinstance(type_, DateTime) or isinstance(getattr(type_, "impl", None), DateTime):
        return "datetime"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, LargeBinary):
        return "binary"
    if isinstance(type_, JSON):
        return "json"
    return "plain"


def encode(column: Column[Any], value: Any) -> Any:
    """A stored value in its portable JSON form."""
    if value is None:
        return None
    kind = _kind(column)
    if kind == "datetime":
        if value.tzinfo is None:  # pragma: no cover - DateTimeUTC always attaches UTC
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if kind == "date":
        return value.isoformat()
    if kind == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(column: Column[Any], value: Any) -> Any:
    """The inverse of ``encode``: a value ready to insert."""
    if value is None:
        return None
    kind = _kind(column)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "binary":
        return base64.b64decode(value)
    return value
