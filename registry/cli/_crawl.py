"""``registry sources add ORG URL`` and ``registry crawl [ORG...]``: organisations' code sources.

    registry sources add stadt-ulm https://github.com/stadt-ulm
    registry sources add opencode-stadt https://gitlab.opencode.de/stadt --driver gitlab
    registry crawl                 # every registered source
    registry crawl stadt-ulm       # the sources of one organisation
    registry crawl --schedule 6    # keeps running: a pass now, then every six hours
    registry import https://github.com/stadt-ulm   # registers the owner, then crawls it

Each source is crawled in its own transaction, so one failing source does not undo the
others; the summary names every failed repository with its reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import typer

from registry.cli._context import (
    command_group,
    fail,
    migrated_engine,
    repeat_every,
    settings_from_env,
    unit_of_work,
)
from registry.errors import RegistryError
from registry.forges import DRIVER_NAMES, guess_driver

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from importers.crawl import Progress
    from registry.crawl import CrawlSummary
    from registry.organisations import CodeSource
    from registry.settings import Settings

__all__ = ["crawl", "import_owner", "is_owner_url", "run_schedule", "sources_app"]

sources_app = command_group(
    "Code sources of organisations (GitHub, GitLab, Forgejo). / Code-Quellen."
)

DRIVER_HELP = (
    f"{', '.join(DRIVER_NAMES)} (forgejo and gitea share one API); guessed from the URL "
    "when left out. / Host-Typ, sonst aus der URL erraten."
)


def _driver_for(url: str, driver: str | None) -> str:
    from importers.hosts import locate

    return locate(url, driver=driver).driver


@sources_app.command("add")
def add_source(
    org: str = typer.Argument(..., help="Organisation slug (created if new). / Organisation."),
    url: str = typer.Argument(..., help="Organisation, group or user URL. / URL."),
    driver: str | None = typer.Option(None, "--driver", help=DRIVER_HELP),
) -> None:
    """Register a code source for an organisation. / Code-Quelle registrieren."""
    from registry.catalogue import OrganisationRef
    from registry.organisations import OrganisationService

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            chosen = _driver_for(url, driver)
            service = OrganisationService(session)
            organisation = service.resolve(OrganisationRef(name=org, slug=org))
            source = service.add_source(organisation, url.strip().rstrip("/"), chosen)
            typer.echo(f"source / Quelle: {source.url} ({source.driver}) → {organisation.slug}")
    except RegistryError as exc:
        raise fail(exc, 2) from exc
    finally:
        engine.dispose()


@sources_app.command("list")
def list_sources() -> None:
    """Registered sources with their last crawl. / Registrierte Quellen."""
    from sqlalchemy import select

    from registry.organisations import CodeSource

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            for source in session.scalars(select(CodeSource).order_by(CodeSource.url)):
                when = source.last_crawled_at.isoformat() if source.last_crawled_at else "-"
                status = source.last_status or "never / nie"
                typer.echo(f"{source.organisation.slug}\t{source.url}\t{source.driver}\t"
                           f"{status}\t{when}")  # fmt: skip
    finally:
        engine.dispose()


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int, _url: str) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _echo_summary(summary: CrawlSummary) -> None:
    if summary.error:
        typer.echo(f"error / Fehler: {summary.source}: {summary.error}", err=True)
        return
    typer.echo(
        f"{summary.source}: seen / gesehen {summary.seen} · new / neu {summary.new} · "
        f"updated / geändert {summary.updated} · unchanged / unverändert {summary.unchanged} · "
        f"failed / fehlgeschlagen {summary.failed} · renamed / umbenannt {summary.renamed} · "
        f"archived / archiviert {summary.archived} · gone / gelöscht {summary.gone} · "
        f"requests / Anfragen {summary.requests} (304: {summary.not_modified})"
    )
    for url, reason in summary.failures:
        typer.echo(f"  failed / fehlgeschlagen: {url}: {reason}", err=True)


def _crawl_one(
    session: Session, source: CodeSource, settings: Settings, *, clone: bool
) -> CrawlSummary:
    from importers.crawl import crawl_source, git_analyser, host_only_analyser

    now = datetime.now(UTC)
    analyser = git_analyser(settings, now) if clone else host_only_analyser()
    with _progress(source.url) as progress:
        return crawl_source(
            session, source, settings=settings, now=now, analyser=analyser, progress=progress
        )


def _source_ids(engine: Engine, orgs: list[str]) -> list[int]:
    from sqlalchemy import select

    from registry.organisations import CodeSource, Organisation, OrganisationService

    with unit_of_work(engine, actor="cli") as session:
        query = select(CodeSource.id).order_by(CodeSource.url)
        if orgs:
            ids = [OrganisationService(session).get(slug).id for slug in orgs]
            query = query.join(Organisation).where(Organisation.id.in_(ids))
        return list(session.scalars(query))


def crawl_sources(engine: Engine, settings: Settings, ids: list[int], *, clone: bool) -> bool:
    """Crawl the sources with these ids, one transaction each; True when all went well."""
    summaries = _crawl_each(engine, settings, ids, clone=clone)
    return all(s.error is None and s.failed == 0 for s in summaries)


def _crawl_each(
    engine: Engine, settings: Settings, ids: list[int], *, clone: bool
) -> list[CrawlSummary]:
    from registry.organisations import CodeSource

    summaries = []
    for source_id in ids:
        with unit_of_work(engine, actor="crawl") as session:
            summary = _crawl_one(session, session.get_one(CodeSource, source_id), settings,
                                 clone=clone)  # fmt: skip
        _echo_summary(summary)
        summaries.append(summary)
    return summaries


def pass_line(number: int, summaries: list[CrawlSummary], seconds: float) -> str:
    """The log line of one scheduled pass: totals over its sources."""

    def total(name: str) -> int:
        return sum(getattr(s, name) for s in summaries)

    errors = sum(1 for s in summaries if s.error)
    return (
        f"pass / Durchlauf {number} ({datetime.now(UTC):%Y-%m-%d %H:%M:%S}Z, {seconds:.1f} s): "
        f"sources / Quellen {len(summaries)} (failed / fehlgeschlagen {errors}) · "
        f"seen / gesehen {total('seen')} · new / neu {total('new')} · "
        f"updated / geändert {total('updated')} · unchanged / unverändert {total('unchanged')} · "
        f"failed / fehlgeschlagen {total('failed')} · gone / gelöscht {total('gone')} · "
        f"requests / Anfragen {total('requests')} (304: {total('not_modified')})"
    )


def run_schedule(
    engine: Engine,
    settings: Settings,
    orgs: list[str],
    *,
    every: timedelta,
    clone: bool,
    sleep: Callable[[float], None] = time.sleep,
    passes: int | None = None,
) -> list[list[CrawlSummary]]:
    """Crawl every registered source (of ``orgs``, or all) now, then again every ``every``.

    Each pass looks the sources up again (sources added meanwhile are crawled) and logs
    one line with its totals; a failing pass is logged and the schedule goes on. The
    interval runs from the start of one pass to the start of the next. ``passes`` ends
    the loop after that many (tests); ``sleep`` waits. Returns each pass's summaries.
    """
    return repeat_every(
        lambda _number: _crawl_each(engine, settings, _source_ids(engine, orgs), clone=clone),
        every=every, failed=[], next_label="next pass in / nächster Durchlauf in",
        after=lambda number, summaries, elapsed: typer.echo(pass_line(number, summaries, elapsed)),
        sleep=sleep, passes=passes,
    )  # fmt: skip


def crawl(
    orgs: list[str] = typer.Argument(None, metavar="[ORG]...", help="Organisation slugs."),
    clone: bool = typer.Option(
        True, "--clone/--no-clone", help="Analyse changed repositories with git (default)."
    ),
    schedule: float | None = typer.Option(
        None,
        "--schedule",
        "--every",
        metavar="HOURS",
        min=0.01,
        help="Keep running: crawl now, then every HOURS hours (Ctrl-C ends). / Wiederholen.",
    ),
) -> None:
    """Re-import every registered source (only what changed). / Quellen neu einlesen."""
    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        if schedule is not None:
            typer.echo(f"crawling every / Crawl alle {schedule:g} h; Ctrl-C ends / beendet")
            run_schedule(engine, settings, orgs or [], every=timedelta(hours=schedule),
                         clone=clone)  # fmt: skip
            return
        ids = _source_ids(engine, orgs or [])
        if not ids:
            typer.echo("no sources registered / keine Quellen registriert: registry sources add")
            return
        ok = crawl_sources(engine, settings, ids, clone=clone)
    except KeyboardInterrupt:
        typer.echo("stopped / beendet")
        return
    except RegistryError as exc:
        raise fail(exc, 2) from exc
    finally:
        engine.dispose()
    if not ok:
        raise typer.Exit(1)


def is_owner_url(url: str) -> bool:
    """True for an organisation, group or user URL on a host whose driver we can guess."""
    if not url.startswith(("http://", "https://")) or guess_driver(url) is None:
        return False  # decided before the host drivers (httpx) load: local paths stay fast
    import asyncio

    from importers.hosts import locate, make_driver, make_host_client

    location = locate(url)
    if "/" not in location.path:
        return True
    if location.driver != "gitlab":
        return False

    async def ask() -> bool:
        async with make_host_client(settings_from_env()) as client:
            return await make_driver(location, client).is_owner(location.path)

    try:
        return asyncio.run(ask())
    except RegistryError:
        return False


def import_owner(url: str, *, driver: str | None = None, clone: bool = True) -> int:
    """Register the owner at ``url`` as an organisation's source and crawl it; the exit code."""
    from registry.catalogue import OrganisationRef
    from registry.entries import slugify
    from registry.organisations import OrganisationService

    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        with unit_of_work(engine, actor="cli") as session:
            chosen = _driver_for(url, driver)
            name = url.rstrip("/").rsplit("/", 1)[-1]
            service = OrganisationService(session)
            organisation = service.resolve(OrganisationRef(name=name, slug=slugify(name)))
            source_id = service.add_source(organisation, url.strip().rstrip("/"), chosen).id
        ok = crawl_sources(engine, settings, [source_id], clone=clone)
    except RegistryError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        return 2
    finally:
        engine.dispose()
    return 0 if ok else 1
