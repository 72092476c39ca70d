"""Write the dump: a header line, then every row of every table by primary key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, select

from registry.backup._format import FORMAT, FORMAT_VERSION, encode, line, tables
from registry.errors import Conflict


def dump_tables() -> list[str]:
    """The names of the dumped tables, in dump (dependency) order."""
    return [t.name for t in tables()]


def _lines(connection: Connection) -> Iterator[str]:
    head = MigrationContext.configure(connection).get_current_revision()
    if head is None:
        raise Conflict("database: not migrated; nothing to dump", field="database")
    dumped = tables()
    yield line({
        "format": FORMAT, "version": FORMAT_VERSION, "head": head,
        "tables": {t.name: sorted(c.name for c in t.columns) for t in dumped},
    })  # fmt: skip
    for table in dumped:
        order = list(table.primary_key.columns)
        result = connection.execution_options(yield_per=1000).execute(
            select(table).order_by(*order)
        )
        for row in result.mappings():
            values = {c.name: encode(c, row[c]) for c in table.columns}
            yield line({"table": table.name, "row": values})


def dump(engine: Engine, out: TextIO) -> int:
    """Write the whole database to ``out``; returns the number of rows written.

    One read transaction (REPEATABLE READ on PostgreSQL, a WAL snapshot on SQLite), so
    the dump is consistent while the registry keeps running.
    """
    rows = -1
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        for text in _lines(connection):
            out.write(text)
            out.write("\n")
            rows += 1
    return rows
