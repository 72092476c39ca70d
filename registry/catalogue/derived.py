"""What derives from an entry, renewed inside the service method that changed it.

A member's edit or an adoption changes what the entry's score is built from, so the
service that writes the change also renews what derives from it; handlers only call the
service. The catalogue cannot import the contexts standing on it (scoring reads the
catalogue), so the steps come with the session: ``registry.wiring.make_sessionmaker``
names them in ``Session.info``. A plain session (``registry.db.session_factory``) runs
none, as it records no audit either. Imports renew the same way, in ``after_import``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.db import utcnow

__all__ = ["DERIVED_STEPS", "DerivedStep", "entry_changed"]

#: The ``Session.info`` key holding the steps, in the order they run.
DERIVED_STEPS = "registry.derived_steps"


class DerivedStep(Protocol):
    """One step renewed after a change, e.g. ``registry.scoring.rescore``."""

    def __call__(self, session: Session, solution: m.Solution, /, *, now: datetime) -> object:
        """Renew what derives from ``solution`` inside the caller's unit of work."""


def entry_changed(session: Session, solution: m.Solution, *, now: datetime | None = None) -> None:
    """Run every derived step for ``solution`` (never commits; the caller owns the unit)."""
    steps: Sequence[DerivedStep] = session.info.get(DERIVED_STEPS, ())
    when = now or utcnow()
    for step in steps:
        step(session, solution, now=when)
