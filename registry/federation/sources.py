"""Where an entry came from: a local publisher or import, harvested catalogues, its repository.

    sources = entry_sources(session, solution)
    # [Source("local"), Source("catalogue", "developers-italia", "c353…", url), …]

*local*: this registry's own publisher or import (any entry no catalogue created, or one a
local import wrote after a harvest); *catalogue*: each harvested catalogue listing it, with
its id there; *repository*: facts detected by reading the repository itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.federation.harvest import HARVEST_SOURCE_PREFIX
from registry.federation.models import HarvestedCatalog, HarvestedEntry
from registry.imports import ImportLogEntry, ImportRun

__all__ = ["Source", "entry_sources"]


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
