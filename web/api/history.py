"""An entry's history, soft deletion by its publisher, and restore by an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from litestar import delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.orm import Session

from registry.accounts.authz import Principal, require_admin, require_member
from registry.audit.history import HistoryEntry, history
from registry.catalogue import CatalogueService
from web.auth import WRITE_SECURITY, acting

TAGS = ["history"]


@dataclass
class ChangeOut:
    """One changed field."""

    field: str
    before: Any
    after: Any
    added: list[Any]
    removed: list[Any]


@dataclass
class EventOut:
    """One change of the entry."""

    id: int
    at: datetime
    actor: str
    action: str
    changes: list[ChangeOut]


def event_out(entry: HistoryEntry) -> EventOut:
    """The API view of a history entry."""
    return EventOut(
        id=entry.id, at=entry.at, actor=entry.actor, action=entry.action,
        changes=[ChangeOut(c.field, c.before, c.after, list(c.added), list(c.removed))
                 for c in entry.changes],
    )  # fmt: skip


@get("/api/v1/solutions/{slug:str}/history", sync_to_thread=True, tags=TAGS,
     operation_id="GetSolutionHistory")  # fmt: skip
def solution_history(
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
) -> list[EventOut]:
    """Every change of the entry, newest first, as field-by-field differences."""
    solution = catalogue.get(slug)
    return [event_out(e) for e in history(db_session, "solution", solution.id)]


@delete("/api/v1/solutions/{slug:str}", sync_to_thread=True, tags=TAGS,
        operation_id="DeleteSolution", security=WRITE_SECURITY)  # fmt: skip
def delete_solution(
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> None:
    """Withdraw an entry (its publisher's members or an admin); an admin can restore it."""
    solution = catalogue.get(slug)
    acting(db_session, require_member(principal, solution.publisher_id))
    catalogue.delete(slug)


@post("/api/v1/solutions/{slug:str}/restore", sync_to_thread=True, tags=TAGS,
      operation_id="RestoreSolution", security=WRITE_SECURITY, status_code=HTTP_200_OK)  # fmt: skip
def restore_solution(
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> dict[str, str]:
    """Bring a withdrawn entry back (admins only)."""
    acting(db_session, require_admin(principal))
    solution = catalogue.restore(slug)
    return {"slug": solution.slug, "status": "restored"}
