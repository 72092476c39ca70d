"""Where an entry came from: a local publisher or import, harvested catalogues, its repository.

    sources = entry_sources(session, solution)
    # [Source("local"), Source("catalogue", "developers-italia", "c353…", url), …]

*local*: this registry's own publisher or import (any entry no catalogue created, or one a
local import wrote after a harvest); *catalogue*: each harvested catalogue listing it, with
its id there; *repository*: facts detected by reading the repository itself.

    provenance = field_provenance(session, solution, sources)
    # {"name": Source("catalogue", "developers-italia"), "licence": Source("repository"), …}

Each shown field comes from the last write of the entry (a harvest: that catalogue; a
repository import or crawl: the repository; anything else: this registry), except where
a member's edit stands (local) or the value was detected (licence texts, release tags).
A claimed entry's publisher writes locally from then on, so local data wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import HarvestedCatalog, HarvestedEntry, main_facts, release_version
from registry.catalogue import models as m
from registry.federation.harvest import HARVEST_SOURCE_PREFIX
from registry.imports import ImportLogEntry, ImportRun

__all__ = ["PROVENANCE_FIELDS", "Source", "entry_sources", "field_provenance"]

#: The fields whose source is shown, in display order.
PROVENANCE_FIELDS = ("name", "description", "licence", "version", "maintenance", "contacts")
_REPOSITORY_RUNS = ("repository", "crawl", "host")


@dataclass(frozen=True, slots=True)
class Source:
    """One source of an entry; ``catalogue`` and ``remote_id`` only for harvested ones."""

    kind: str  # local | catalogue | repository
    catalogue: str | None = None
    remote_id: str | None = None
    url: str | None = None
    active: bool = True


def entry_sources(session: Session, solution: m.Solution) -> list[Source]:
    """Every source of ``solution``: local first, then catalogues by name, then repositories."""
    harvested = session.execute(
        select(HarvestedEntry, HarvestedCatalog.name)
        .join(HarvestedCatalog, HarvestedCatalog.id == HarvestedEntry.catalog_id)
        .where(HarvestedEntry.solution_id == solution.id, HarvestedEntry.kind == "software")
        .order_by(HarvestedCatalog.name)
    ).all()
    owned = any(row.owner for row, _name in harvested)
    local_import = session.scalar(
        select(ImportLogEntry.id)
        .join(ImportRun, ImportRun.id == ImportLogEntry.run_id)
        .where(ImportLogEntry.solution_id == solution.id,
               ImportLogEntry.action.in_(("created", "updated")),
               ImportRun.kind == "publiccode",
               ~ImportRun.source.startswith(HARVEST_SOURCE_PREFIX))
        .limit(1)
    )  # fmt: skip
    sources = [Source("local")] if (not owned or local_import is not None) else []
    sources += [
        Source("catalogue", name, row.remote_id, row.url, row.active) for row, name in harvested
    ]
    sources += [Source("repository", url=r.url) for r in solution.repositories if r.facts]
    return sources


def _writer(session: Session, solution: m.Solution) -> Source:
    """Who wrote the entry last: a catalogue, the repository, or this registry."""
    run = session.execute(
        select(ImportRun.kind, ImportRun.source)
        .join(ImportLogEntry, ImportLogEntry.run_id == ImportRun.id)
        .where(ImportLogEntry.solution_id == solution.id,
               ImportLogEntry.action.in_(("created", "updated")))
        .order_by(ImportLogEntry.id.desc()).limit(1)
    ).first()  # fmt: skip
    if run is None:
        return Source("local")
    kind, source = run
    if source.startswith(HARVEST_SOURCE_PREFIX):
        return Source("catalogue", source.removeprefix(HARVEST_SOURCE_PREFIX).split(":", 1)[0])
    if kind in _REPOSITORY_RUNS:
        return Source("repository", url=solution.url)
    return Source("local")


def field_provenance(
    session: Session, solution: m.Solution, sources: list[Source] | None = None
) -> dict[str, Source]:
    """Where each of ``PROVENANCE_FIELDS`` came from (see the module docstring)."""
    writer = _writer(session, solution)
    detected = Source("repository", url=solution.url)
    overrides = solution.publisher_overrides or {}
    local = next((s for s in sources or () if s.kind == "local"), Source("local"))
    facts = main_facts(solution)
    licence = writer if solution.licence_source in (None, "declared") else detected
    tagged = release_version(facts) and not facts.get("declared_version")
    version = detected if tagged else writer
    return {
        "name": writer,
        "description": writer,
        "licence": licence,
        "version": version,
        "maintenance": local if "maintenance_type" in overrides else writer,
        "contacts": writer,
    }
