"""What runs after every successful import: the one place later steps are connected.

Every import path (``import_publiccode``, ``store_repository`` and through it
``importers.repository.import_repository`` and the host drivers that call it) calls
``after_import`` once per entry it wrote, also when nothing changed: a score depends
on ``now`` (activity windows, ages of releases), so it is renewed on every import.
The steps themselves are the catalogue's derived steps (``registry.catalogue.derived``,
named by ``registry.wiring``): an import renews what a member's edit renews.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from registry.catalogue import entry_changed
from registry.catalogue.models import Solution

__all__ = ["after_import"]


def after_import(session: Session, solution: Solution, *, now: datetime) -> None:
    """Renew what derives from the entry's stored facts, inside the import's transaction.

    The caller owns the unit of work (never commit here); ``now`` is the import's clock,
    passed on so that derived results are reproducible.
    """
    entry_changed(session, solution, now=now)
