"""``registry export dump`` and ``registry restore``: the whole database as JSON lines.

    registry export dump --output registry.jsonl     # complete, versioned, portable
    registry restore registry.jsonl                  # into an empty, migrated database

A dump taken on SQLite restores into PostgreSQL and the other way round; dumping the
restored database gives the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from registry.cli._context import fail, migrated_engine, settings_from_env
from registry.errors import RegistryError

__all__ = ["dump_command", "restore_command"]


def dump_command(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (default: standard output)."
    ),
) -> None:
    """Write every row of every table (with the audit history) as JSON lines."""
    from registry.backup import dump

    engine = migrated_engine(settings_from_env())
    try:
        if output is None:
            rows = dump(engine, sys.stdout)
        else:
            partial = output.with_name(output.name + ".partial")
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                rows = dump(engine, out)
            partial.replace(output)  # a dump file is complete or absent
    except RegistryError as exc:
        raise fail(exc) from exc
    finally:
        engine.dispose()
    typer.echo(f"rows dumped / Zeilen gesichert: {rows}", err=True)


def restore_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A dump file."),
) -> None:
    """Restore a dump into an EMPTY database (migrated to the dump's head first)."""
    from registry.backup import restore

    engine = migrated_engine(settings_from_env())
    try:
        with file.open(encoding="utf-8") as lines:
            summary = restore(engine, lines)
    except RegistryError as exc:
        raise fail(exc) from exc
    finally:
        engine.dispose()
    total = sum(summary.rows.values())
    typer.echo(f"rows restored / Zeilen wiederhergestellt: {total} (head {summary.head})")
