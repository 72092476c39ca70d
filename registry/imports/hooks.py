"""What runs after every successful import: the one place later steps are connected.

Every import path (``import_publiccode``, ``store_repository`` and through it
``importers.repository.import_repository`` and the host drivers that call it) calls
``after_import`` once per entry it wrote, also when nothing changed: a score depends
on ``now`` (activity windows, ages of releases), so it is renewed on every import.
The steps themselves are the catalogue's derived steps (``registry.catalogue.derived``,
named by ``registry.wiring``): an import renews what a member's edit renews.

A bulk writer (a harvest's page of entries) wraps its imports in ``import_batch``: the
entries are then rescored together when the block ends (one query for their current
scores, one flush) and indexed for search once (``registry.search.deferred_index``),
instead of both at every entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from registry.catalogue import entry_changed
from registry.catalogue.models import Solution
from registry.scoring import ScoringService
from registry.search import deferred_index

__all__ = ["after_import", "import_batch"]

_BATCH = "import_batch_rescore"


def after_import(session: Session, solution: Solution, *, now: datetime) -> None:
    """Renew what derives from the entry's stored facts, inside the import's transaction.

    The caller owns the unit of work (never commit here); ``now`` is the import's clock,
    passed on so that derived results are reproducible.
    """
    batch = session.info.get(_BATCH)
    if batch is not None:
        batch[id(solution)] = (solution, now)
        return
    entry_changed(session, solution, now=now)


@contextmanager
def import_batch(session: Session) -> Iterator[None]:
    """Rescore and index what the block imports once, at its end (see the module docstring).

    An entry whose import was rolled back (a savepoint) is left out: it is not stored.
    Nested blocks join the outer one.
    """
    if session.info.get(_BATCH) is not None:
        yield
        return
    pending: dict[int, tuple[Solution, datetime]] = {}
    session.info[_BATCH] = pending
    with deferred_index(session):
        try:
            yield
        finally:
            session.info.pop(_BATCH, None)
        stored = [(s, now) for s, now in pending.values() if _stored(s)]
        by_clock: dict[datetime, list[Solution]] = {}
        for solution, now in stored:
            by_clock.setdefault(now, []).append(solution)
        scoring = ScoringService(session)
        for now, solutions in by_clock.items():
            scoring.rescore_many(solutions, now=now)


def _stored(solution: Solution) -> bool:
    state = inspect(solution)
    return state.persistent and not state.deleted
