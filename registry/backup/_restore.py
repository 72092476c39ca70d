"""Read a dump back into an empty database at the same migration head, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, update

from registry.backup._format import FORMAT, FORMAT_VERSION, decode, tables
from registry.catalogue import seed_standards
from registry.db.engine import WRITE_OPTION
from registry.errors import Conflict, InvalidInput
from registry.search import reindex_all

BATCH = 500
#: Tables a migration fills with shipped reference data (``seed_standards``): a fresh,
#: migrated database holds them, and the dump's rows replace them.
SEEDED = ("standard",)


@dataclass
class RestoreSummary:
    """What a restore wrote: rows per table and the search documents rebuilt."""

    head: str
    rows: dict[str, int] = field(default_factory=dict)
    indexed: int = 0


def _header(first: str | None) -> dict[str, Any]:
    try:
        header = json.loads(first) if first else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InvalidInput("dump: not a registry dump (no header line)", field="dump")
    if header.get("version") != FORMAT_VERSION:
        raise InvalidInput(
            f"dump: format version {header.get('version')!r}, this registry reads "
            f"version {FORMAT_VERSION}", field="dump",
        )  # fmt: skip
    return header


def _check_target(connection: Connection, header: dict[str, Any]) -> str:
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None or current != header.get("head"):
        raise Conflict(
            f"dump: taken at migration {header.get('head')!r}, the database is at "
            f"{current!r}; migrate the database (registry db upgrade) to the dump's head "
            "or use the registry version that wrote the dump", field="dump",
        )  # fmt: skip
    for table in tables():
        if table.name in SEEDED:
            continue
        if connection.scalar(select(func.count()).select_from(table)):
            raise Conflict(
                f"database: not empty (table {table.name} has rows); restore only into "
                "an empty, migrated database", field="database",
            )  # fmt: skip
    return current


def _self_references(table: Table) -> list[str]:
    return sorted(fk.parent.name for fk in table.foreign_keys if fk.column.table is table)


def _insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows; self-references (organisation.parent_id) are set after all rows exist."""
    if not rows:
        return
    own = _self_references(table)
    pk = list(table.primary_key.columns)
    values = [{c.name: decode(c, row.get(c.name)) for c in table.columns} for row in rows]
    later = [v for v in values if any(v[name] is not None for name in own)]
    for start in range(0, len(values), BATCH):
        chunk = [{**v, **dict.fromkeys(own)} for v in values[start : start + BATCH]]
        connection.execute(insert(table), chunk)
    # the stored values of columns with an ``onupdate`` (updated_at), or Core would set them
    kept = own + [c.name for c in table.columns if c.onupdate is not None]
    for v in later:
        where = [c == v[c.name] for c in pk]
        connection.execute(update(table).where(*where).values({n: v[n] for n in kept}))


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: the next id after the restored rows (SQLite takes max(id) + 1 itself)."""
    for table in tables():
        for column in table.primary_key.columns:
            if column.foreign_keys:  # e.g. search_document.solution_id: no sequence
                continue
            sequence = connection.scalar(
                select(func.pg_get_serial_sequence(table.name, column.name))
            )
            if sequence is None:
                continue
            top = connection.scalar(select(func.max(column)))
            connection.execute(select(func.setval(sequence, top or 1, top is not None)))


def restore(engine: Engine, lines: Iterable[str]) -> RestoreSummary:
    """Restore a dump into the empty, migrated database of ``engine``.

    Refuses a database that holds any row and a dump from another migration head; all
    rows are written in one transaction (nothing is written when a line is bad).
    """
    stream = iter(lines)
    header = _header(next(stream, None))
    known = {t.name: t for t in tables()}
    declared = header.get("tables") or {}
    for name, table in known.items():
        if sorted(declared.get(name, [])) != sorted(c.name for c in table.columns):
            raise InvalidInput(f"dump: table {name} has other columns than this schema",
                               field="dump")  # fmt: skip
    writing = engine.connect().execution_options(**{WRITE_OPTION: True})
    with writing as connection, connection.begin():
        summary = RestoreSummary(head=_check_target(connection, header))
        for name in SEEDED:
            connection.execute(delete(known[name]))
        order = list(known)
        position = 0
        pending: list[dict[str, Any]] = []
        current: str | None = None
        for number, text in enumerate(stream, start=2):
            if not text.strip():
                continue
            try:
                item = json.loads(text)
                name, row = item["table"], item["row"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InvalidInput(f"dump: line {number} is not a row ({exc})",
                                   field="dump") from None  # fmt: skip
            if name != current:
                if name not in known or order.index(name) < position:
                    raise InvalidInput(f"dump: line {number}: unexpected table {name!r}",
                                       field="dump")  # fmt: skip
                if current is not None:
                    _insert(connection, known[current], pending)
                    summary.rows[current] = len(pending)
                current, pending, position = name, [], order.index(name)
            pending.append(row)
        if current is not None:
            _insert(connection, known[current], pending)
            summary.rows[current] = len(pending)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
        seed_standards(connection)  # a dump without standards gets the shipped ones
        summary.indexed = reindex_all(connection)
    return summary
