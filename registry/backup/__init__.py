"""Complete, versioned dumps of the registry database and their restore.

    dump(engine, out)              # JSON lines: a header, then every row of every table
    restore(engine, lines)         # into an EMPTY database at the same migration head

The format is the same bytes on SQLite and PostgreSQL (see ``registry.backup._format``),
so a dump taken from one restores into the other and dumps again identically.
"""

from registry.backup._dump import dump, dump_tables
from registry.backup._format import FORMAT, FORMAT_VERSION
from registry.backup._restore import RestoreSummary, restore

__all__ = ["FORMAT", "FORMAT_VERSION", "RestoreSummary", "dump", "dump_tables", "restore"]
