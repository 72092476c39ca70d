"""Moving an entry to another publishing organisation: an explicit, audited step.

Imports never move an entry (``registry.imports.ownership``); this is the only way, and
``registry.accounts.authz.require_transfer`` decides who may take it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from registry.audit import record_event
from registry.catalogue.models import Solution
from registry.errors import InvalidInput

__all__ = ["transfer_entry"]


def transfer_entry(session: Session, solution: Solution, to_id: int) -> bool:
    """Make organisation ``to_id`` the publisher of ``solution``; False if it already is."""
    if solution.deleted_at is not None:
        raise InvalidInput("slug: a deleted entry cannot be transferred", field="slug")
    if solution.publisher_id == to_id:
        return False
    before = solution.publisher_id
    solution.publisher_id = to_id
    session.flush()
    record_event(
        session, entity_type="solution", entity_id=solution.id, action="transfer",
        before={"publisher_id": before}, after={"publisher_id": to_id},
    )  # fmt: skip
    return True
