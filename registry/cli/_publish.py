"""Members' publish jobs (the web app that serves them is ``registry.cli._serve``).

``run_publish`` runs a job that carries ``options["organisation"]`` (a member's publish
request, ``registry.imports.jobs``): the repository is imported, the organisation crawled
or the publiccode.yml read, and the publishing organisation becomes the publisher of what
was written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from registry.settings import Settings

__all__ = ["run_publish"]


def _repository(settings: Settings, session: Any, url: str, org_id: int) -> dict[str, Any]:
    from importers.repository import import_repository
    from registry.errors import ImportFailed
    from registry.imports import assign_publisher
    from registry.organisations import Organisation

    # Nothing is read before the clone and its analysis: on SQLite the unit of work takes
    # the writer lock at its first statement, and every other write would wait for the clone.
    result = import_repository(
        session, url, settings=settings, now=datetime.now(UTC), trusted=False, url=url
    )
    if result.action == "refused" and result.solution is None and result.facts is not None:
        return {"refused": result.error}
    if not result.ok or result.solution is None:
        raise ImportFailed(result.error or result.action)
    assign_publisher(session, result.solution, session.get_one(Organisation, org_id))
    warnings = []
    if result.publiccode is not None and not result.publiccode.valid:
        warnings.append(
            f"publiccode.yml ungültig / invalid ({len(result.publiccode.errors)} "
            "Fehler / errors): Eintrag inaktiv / entry inactive"
        )
    return {"action": result.action, "solution": result.solution.slug, "run": result.run.id,
            "warnings": warnings}  # fmt: skip


def _preview(settings: Settings, url: str) -> dict[str, Any]:
    """Read the repository and judge it; nothing is written (the job keeps the verdict)."""
    from importers.git import GitSourceError, UnsafeURLError, analyse
    from registry.errors import ImportFailed
    from registry.imports import preview_repository

    now = datetime.now(UTC)
    try:
        facts = analyse(url, settings=settings, now=now, trusted=False)
    except UnsafeURLError as exc:
        raise ImportFailed(f"abgelehnt / refused: {exc.message}") from exc
    except GitSourceError as exc:
        raise ImportFailed(f"nicht lesbar / unreadable: {exc}") from exc
    return {"preview": preview_repository(facts, now=now)}


def _organisation(
    settings: Settings, session: Any, url: str, driver: str | None, org: Any
) -> dict[str, Any]:
    from importers.crawl import crawl_source, git_analyser
    from importers.hosts import locate
    from registry.errors import ImportFailed
    from registry.imports import assign_publisher_of_run
    from registry.organisations import OrganisationService

    now = datetime.now(UTC)
    source = OrganisationService(session).add_source(
        org, url.rstrip("/"), locate(url, driver=driver).driver
    )
    summary = crawl_source(
        session, source, settings=settings, now=now, analyser=git_analyser(settings, now)
    )
    if summary.error:
        raise ImportFailed(summary.error)
    outcome = summary.as_dict()
    outcome["solutions"] = assign_publisher_of_run(session, _last_run(session, url), org)
    outcome["warnings"] = [f"{u}: {reason}" for u, reason in summary.failures[:20]]
    return outcome


def _last_run(session: Any, url: str) -> int:
    from sqlalchemy import select

    from registry.imports import ImportRun

    run_id = session.scalar(
        select(ImportRun.id)
        .where(ImportRun.kind == "crawl", ImportRun.source == url.rstrip("/"))
        .order_by(ImportRun.id.desc())
        .limit(1)
    )
    return int(run_id or 0)


def run_publish(
    settings: Settings, engine: Engine, kind: str, url: str, driver: str | None,
    *, options: dict[str, Any],
) -> dict[str, Any]:  # fmt: skip
    """Run a member's publish job in one unit of work; raises with the reason on failure.

    Every entry is written for the publishing organisation (``registry.imports.ownership``):
    another organisation's entry is refused, and the refusal stays on the import log.
    """
    from registry.cli._context import unit_of_work
    from registry.errors import ImportFailed
    from registry.imports import Writer, acting_for, publishing_organisation, run_publiccode
    from registry.organisations import Organisation
    from registry.wiring import make_sessionmaker

    if kind == "preview":  # reads the repository only: no unit of work, no lock
        return _preview(settings, url)
    actor = f"account:{options['requested_by']}" if options.get("requested_by") else "worker"
    with make_sessionmaker(engine)() as reading:  # a reader: it takes no lock
        org_id = publishing_organisation(reading, str(options.get("organisation", ""))).id
    writer = Writer(org_id, admin=bool(options.get("admin")))
    with unit_of_work(engine, actor=actor) as session, acting_for(session, writer):
        if kind == "publiccode":
            outcome = run_publiccode(session, options, now=datetime.now(UTC))
        elif kind == "source":
            org = session.get_one(Organisation, org_id)
            outcome = _organisation(settings, session, url, driver, org)
        else:
            outcome = _repository(settings, session, url, org_id)
    if outcome.get("refused"):  # committed above with its log line, then failed
        raise ImportFailed(str(outcome["refused"]))
    return outcome
