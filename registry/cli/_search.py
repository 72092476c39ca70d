"""``registry search``: the search engine's index, a projection of the database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

from registry.cli._context import command_group, migrated_engine, settings_from_env

app = command_group("The search index. / Der Suchindex.")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@app.command()
def reindex() -> None:
    """Rebuild the search engine's index from the database (REGISTRY_SEARCH_INDEX_DIR).

    Safe while the registry serves: searches read the old index until the new one is
    committed, and the change log applies what changed meanwhile.
    """
    from registry.search import SearchIndex, index_path

    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        index = SearchIndex(index_path(settings), engine)
        started = time.perf_counter()
        with _progress("reindex / Neuaufbau") as progress:
            n = index.rebuild(progress)
        seconds = time.perf_counter() - started
        size = index.size_bytes() / 1_000_000
        typer.echo(
            f"indexed / indiziert {n} in {seconds:.1f} s · {size:.1f} MB · {index.path} "
            f"(log / Protokoll {index.applied})"
        )
    finally:
        engine.dispose()
