"""What every command needs: settings from the environment, an engine, a unit of work.

The command modules import only this, Typer and light modules at the top; SQLAlchemy,
the app and the importers load inside the command that needs them, so ``registry
--help`` and ``registry validate`` start in a fraction of a second
(``bench/cli_bench.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperGroup

from registry.errors import RegistryError
from registry.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

T = TypeVar("T")


class HelpGroup(TyperGroup):
    """Lists each command with the whole first paragraph of its help (English / German).

    Click would cut it after the first full stop, dropping the German half.
    """

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # typer's own click types
        """The ``Commands`` section: name and first paragraph, wrapped."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = command.short_help or (command.help or "").split("\n\n", 1)[0]
            rows.append((name, " ".join(text.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def command_group(help_text: str, **options: Any) -> typer.Typer:
    """A command group of ``registry``: help without arguments, printed plainly.

    Plain help (``rich_markup_mode=None``) because rendering it with rich imports rich and
    markdown-it first, which alone costs about as much as the rest of ``registry --help``.
    """
    options.setdefault("cls", HelpGroup)
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None, **options)


def settings_from_env() -> Settings:
    """Settings for this process; a bad variable ends the command with its message."""
    try:
        return Settings.from_env(os.environ)
    except RegistryError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc


def migrated_engine(settings: Settings) -> Engine:
    """An engine on a database migrated to head (every command that writes wants one).

    Cheap when the database is current or a new SQLite file (``migrate.ensure_current``).
    """
    from registry.catalogue import seed_standards
    from registry.db import make_engine, migrate

    migration_engine = make_engine(settings, for_migrations=True)
    try:
        migrate.ensure_current(settings, migration_engine, seed=seed_standards)
    finally:
        migration_engine.dispose()
    return make_engine(settings)


@contextmanager
def unit_of_work(engine: Engine, *, actor: str = "cli") -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error.

    On SQLite it takes the writer lock at its first statement (``writer``), not before:
    an import that clones first holds no lock while the network is slow.
    """
    from registry.db import writer
    from registry.wiring import make_sessionmaker

    factory = make_sessionmaker(writer(engine))
    with factory() as session:
        session.info["actor"] = actor
        with session.begin():
            yield session


def fail(exc: RegistryError, code: int = 1) -> typer.Exit:
    """Print a registry error and give the exit to raise."""
    typer.echo(f"error: {exc.message}", err=True)
    return typer.Exit(code)


def repeat_every(
    run: Callable[[int], T],
    *,
    every: timedelta,
    failed: T,
    next_label: str,
    after: Callable[[int, T, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    passes: int | None = None,
) -> list[T]:
    """Run ``run(n)`` now, then again every ``every`` (``--schedule`` of crawl and harvest).

    A pass that fails with a registry or database error is logged and counts as
    ``failed``; the schedule goes on. The interval runs from the start of one pass to the
    start of the next; ``after(n, result, seconds)`` reports each pass; ``passes`` ends
    the loop after that many (tests) and ``sleep`` waits.
    """
    from sqlalchemy.exc import SQLAlchemyError

    done: list[T] = []
    while passes is None or len(done) < passes:
        number = len(done) + 1
        started = time.monotonic()
        try:
            result = run(number)
        except (RegistryError, SQLAlchemyError) as exc:  # the next pass may fare better
            reason = exc.message if isinstance(exc, RegistryError) else str(exc)
            typer.echo(f"pass / Durchlauf {number}: error / Fehler: {reason}", err=True)
            result = failed
        elapsed = time.monotonic() - started
        if after is not None:
            after(number, result, elapsed)
        done.append(result)
        if passes is not None and len(done) >= passes:
            break
        wait = max(0.0, every.total_seconds() - elapsed)
        typer.echo(f"{next_label} {wait / 3600:.2f} h")
        sleep(wait)
    return done
