"""What every command needs: settings from the environment, an engine, a unit of work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from registry.db import make_engine, make_sessionmaker, migrate, writer
from registry.errors import RegistryError
from registry.settings import Settings


def settings_from_env() -> Settings:
    """Settings for this process; a bad variable ends the command with its message."""
    try:
        return Settings.from_env(os.environ)
    except RegistryError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc


def migrated_engine(settings: Settings) -> Engine:
    """An engine on a database migrated to head (every command that writes wants one)."""
    migration_engine = make_engine(settings, for_migrations=True)
    try:
        migrate.upgrade(settings, migration_engine)
    finally:
        migration_engine.dispose()
    return make_engine(settings)


@contextmanager
def unit_of_work(engine: Engine, *, actor: str = "cli") -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error.

    On SQLite it takes the writer lock at its first statement (``writer``), not before:
    an import that clones first holds no lock while the network is slow.
    """
    factory = make_sessionmaker(writer(engine))
    with factory() as session:
        session.info["actor"] = actor
        with session.begin():
            yield session


def fail(exc: RegistryError, code: int = 1) -> typer.Exit:
    """Print a registry error and give the exit to raise."""
    typer.echo(f"error: {exc.message}", err=True)
    return typer.Exit(code)
