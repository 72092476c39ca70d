"""``registry catalogs add|list|harvest``: other open-catalog-api catalogues, harvested here.

    registry catalogs add developers-italia https://api.developers.italia.it/v1
    registry catalogs add opencode https://gitlab.opencode.de --kind gitlab --group GROUP
    registry catalogs list
    registry catalogs harvest                      # every catalogue
    registry catalogs harvest developers-italia    # one
    registry catalogs harvest --schedule 24        # keeps running: now, then daily

Each catalogue is harvested in its own session, committed after every page (a harvest
killed half-way resumes there); one that fails keeps what it brought, is recorded as failed
on its row, and makes the command end with exit code 1. With a queue configured
(``REGISTRY_QUEUE_URL``) or ``--queue``, a harvest is a job of the queue instead, run by
``registry worker`` like the crawl's jobs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import typer

from registry.cli._context import (
    fail,
    migrated_engine,
    repeat_every,
    settings_from_env,
    unit_of_work,
)
from registry.errors import RegistryError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from importers.catalogs import Progress
    from registry.federation import HarvestSummary
    from registry.settings import Settings

__all__ = ["app", "enqueue_pass", "harvest_one", "harvest_pass", "run_schedule", "summary_line"]

app = typer.Typer(
    help="Harvested open-catalog-api catalogues. / Geerntete Kataloge (open-catalog-api).",
    no_args_is_help=True,
)


@app.command("add")
def add_catalog(
    name: str = typer.Argument(..., help="Short name, e.g. developers-italia. / Kurzname."),
    base_url: str = typer.Argument(..., help="API base URL (…/v1). / Basis-URL der API."),
    kind: str = typer.Option(
        "open-catalog-api", "--kind",
        help="open-catalog-api, or gitlab for a GitLab instance such as OpenCoDE. / Art.",
    ),
    groups: list[str] = typer.Option(
        None, "--group", help="gitlab: a group to walk (repeatable). / Gruppe (mehrfach).",
    ),
) -> None:  # fmt: skip
    """Register a catalogue to harvest. / Katalog zum Ernten registrieren."""
    from registry.federation import CatalogService

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            catalog = CatalogService(session).add(name, base_url, kind=kind, groups=groups or [])
            walked = f" ({', '.join(catalog.options['groups'])})" if catalog.options else ""
            typer.echo(f"catalogue / Katalog: {catalog.name} → {catalog.base_url} "
                       f"[{catalog.kind}]{walked}")  # fmt: skip
    except RegistryError as exc:
        raise fail(exc, 2) from exc
    finally:
        engine.dispose()


@app.command("list")
def list_catalogs() -> None:
    """Registered catalogues with their last harvest. / Registrierte Kataloge."""
    from registry.federation import CatalogService

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            for c in CatalogService(session).list():
                when = c.last_harvest_at.isoformat() if c.last_harvest_at else "-"
                status = c.last_status or "never / nie"
                error = f"\t{c.last_error}" if c.last_error else ""
                typer.echo(f"{c.name}\t{c.kind}\t{c.base_url}\t{status}\t{when}{error}")
    finally:
        engine.dispose()


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    from rich.progress import Progress as Bar
    from rich.progress import TextColumn

    with Bar(TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task(label)

        def advance(resource: str, done: int) -> None:
            bar.update(task, description=f"{label}: {resource} {done}")

        yield advance


def summary_line(summary: HarvestSummary) -> str:
    """The one line a harvest ends with."""
    return (
        f"{summary.catalog}: new / neu {summary.new} · changed / geändert {summary.changed} · "
        f"unchanged / unverändert {summary.unchanged} · removed / entfernt {summary.removed} · "
        f"failed / fehlgeschlagen {summary.failed} · publishers / Herausgeber "
        f"{summary.publishers} · requests / Anfragen {summary.requests} "
        f"(304: {summary.not_modified})"
    )


@contextmanager
def _harvest_session(engine: Engine) -> Iterator[Session]:
    """A session the harvest commits page by page (``unit_of_work`` is one transaction);
    what is not committed when it fails is rolled back."""
    from registry.db import writer
    from registry.wiring import make_sessionmaker

    factory = make_sessionmaker(writer(engine))
    with factory() as session:
        session.info["actor"] = "harvest"
        yield session


def harvest_one(
    engine: Engine, settings: Settings, name: str, *, interval: float = 0.1,
    page_size: int = 100, progress: Progress | None = None,
) -> HarvestSummary:  # fmt: skip
    """Harvest the catalogue called ``name`` (a queue job runs this, too)."""
    from importers.catalogs import harvest_catalog
    from registry.federation import CatalogService

    with _harvest_session(engine) as session:
        catalog = CatalogService(session).get(name)
        summary = harvest_catalog(session, catalog, settings=settings, now=datetime.now(UTC),
                                  progress=progress, min_interval=interval, page_size=page_size,
                                  checkpoint=session.commit)  # fmt: skip
        session.commit()
    return summary


def _names(engine: Engine, names: list[str]) -> list[str]:
    from registry.federation import CatalogService

    with unit_of_work(engine, actor="cli") as session:
        service = CatalogService(session)
        return [c.name for c in ([service.get(n) for n in names] if names else service.list())]


def enqueue_pass(engine: Engine, settings: Settings, names: list[str]) -> bool:
    """Queue one ``catalog`` job per catalogue (``registry worker`` runs them); a catalogue
    whose harvest is still queued or running is not queued twice."""
    import asyncio

    from registry.queue import JobRequest, make_queue
    from registry.wiring import make_sessionmaker

    queue = make_queue(settings, make_sessionmaker(engine))
    for name in _names(engine, names):
        job = asyncio.run(queue.enqueue(JobRequest("catalog", name, requested_by="cli",
                                                   reason="harvest")))  # fmt: skip
        state = f"queued / eingereiht (job {job})" if job else "already queued / schon eingereiht"
        typer.echo(f"{name}: {state}")
    return True


def harvest_pass(
    engine: Engine, settings: Settings, names: list[str], *, interval: float, page_size: int,
    queue: bool = False,
) -> bool:  # fmt: skip
    """Harvest the catalogues called ``names`` (all when empty), one session each (or queue
    them, ``queue``); True when every catalogue was read completely."""
    if queue:
        return enqueue_pass(engine, settings, names)
    found = _names(engine, names)
    if not found:
        typer.echo("no catalogues / keine Kataloge: registry catalogs add NAME URL")
    ok = True
    for name in found:
        with _progress(name) as progress:
            summary = harvest_one(engine, settings, name, interval=interval,
                                  page_size=page_size, progress=progress)  # fmt: skip
        if summary.resumed:
            typer.echo(f"{summary.catalog}: resumed / fortgesetzt")
        typer.echo(summary_line(summary))
        for failure in summary.failures[:20]:
            typer.echo(f"  failed / fehlgeschlagen: {failure}", err=True)
        if summary.error:
            typer.echo(f"error / Fehler: {summary.catalog}: {summary.error}", err=True)
            ok = False
    return ok


def run_schedule(
    engine: Engine,
    settings: Settings,
    names: list[str],
    *,
    every: timedelta,
    sleep: Callable[[float], None] = time.sleep,
    passes: int | None = None,
    **options: Any,
) -> list[bool]:
    """Harvest now, then again every ``every`` (as ``registry crawl --schedule``): a failing
    pass is logged and the schedule goes on; ``passes`` ends it (tests)."""
    return repeat_every(
        lambda _number: harvest_pass(engine, settings, names, **options),
        every=every, failed=False, next_label="next harvest in / nächste Ernte in",
        sleep=sleep, passes=passes,
    )  # fmt: skip


@app.command("harvest")
def harvest(
    names: list[str] = typer.Argument(None, help="Catalogues (default: all). / Kataloge."),
    interval: float = typer.Option(
        0.1, min=0.0, max=60.0, help="Seconds between two requests. / Sekunden Abstand."
    ),
    page_size: int = typer.Option(
        100, "--page-size", min=1, max=100, help="Entries per page. / Einträge je Seite."
    ),
    schedule: float | None = typer.Option(
        None,
        "--schedule",
        "--every",
        metavar="HOURS",
        min=0.01,
        help="Keep running: harvest now, then every HOURS hours (Ctrl-C ends). / Wiederholen.",
    ),
    queue: bool | None = typer.Option(
        None,
        "--queue/--no-queue",
        help="Queue the harvests for `registry worker` (default: when REGISTRY_QUEUE_URL is "
        "set). / In die Warteschlange stellen.",
    ),
) -> None:
    """Harvest catalogues: new, changed, removed entries. / Kataloge ernten."""
    settings = settings_from_env()
    engine = migrated_engine(settings)
    queued = bool(settings.queue_url) if queue is None else queue
    try:
        if schedule is not None:
            run_schedule(engine, settings, names or [], every=timedelta(hours=schedule),
                         interval=interval, page_size=page_size, queue=queued)  # fmt: skip
            return
        ok = harvest_pass(engine, settings, names or [], interval=interval, page_size=page_size,
                          queue=queued)  # fmt: skip
    except KeyboardInterrupt:
        typer.echo("stopped / beendet")
        return
    except RegistryError as exc:
        raise fail(exc, 2) from exc
    finally:
        engine.dispose()
    if not ok:
        raise typer.Exit(1)
