"""An entry's history, soft deletion by its publisher, and restore by an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from litestar import Router, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.orm import Session

from registry.accounts import Principal, may_see_people, require_admin, require_member
from registry.catalogue import CatalogueService
from registry.pages import HistoryEntry, history
from web.api._http import ENTRY
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
class ActorOut:
    """Who changed it: a process (``system``) or a person, whose e-mail address only the
    publisher's members and registry admins see."""

    kind: str  # "person" or "system"
    system: str | None
    role: str | None
    organisations: list[str]
    email: str | None


@dataclass
class EventOut:
    """One change of the entry."""

    id: int
    at: datetime
    actor: ActorOut
    action: str
    changes: list[ChangeOut]


def event_out(entry: HistoryEntry) -> EventOut:
    """The API view of a history entry."""
    who = entry.actor
    actor = ActorOut(
        kind="person" if who.person else "system", system=who.system, role=who.role,
        organisations=list(who.organisations), email=who.email,
    )  # fmt: skip
    return EventOut(
        id=entry.id, at=entry.at, actor=actor, action=entry.action,
        changes=[ChangeOut(c.field, c.before, c.after, list(c.added), list(c.removed))
                 for c in entry.changes],
    )  # fmt: skip


@get("/history", sync_to_thread=True, operation_id="GetSolutionHistory")
def solution_history(
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> list[EventOut]:
    """Every change of the entry, newest first, as field-by-field differences.

    Editors appear by organisation and role; their e-mail addresses only to the
    publisher's members and registry admins.
    """
    solution = catalogue.get(slug)
    reveal = may_see_people(principal, solution.publisher_id)
    return [event_out(e) for e in history(db_session, "solution", solution.id,
                                          reveal_people=reveal)]  # fmt: skip


@delete(ENTRY, sync_to_thread=True, tags=TAGS,
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


@post("/restore", sync_to_thread=True,
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


def router() -> Router:
    """An entry's history, withdrawal and restore."""
    return Router(
        "/api/v1/solutions/{slug:str}",
        tags=TAGS,
        route_handlers=[solution_history, restore_solution],
    )
