"""An entry's history as a readable diff: who changed which field from what to what.

Audit events keep whole before/after snapshots; this turns consecutive snapshots into
field changes. Lists of rows (texts, offers, interfaces …) show rows added and removed
rather than a wall of JSON, so a reader sees "operating offer 'hosted' added".

The history is public, its editors are not: an event names the person (their e-mail
address) only for readers allowed to see them (``registry.accounts.authz.may_see_people``);
everyone else sees the organisation and role. Internal row ids say nothing to a reader
and are left out of every change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import Account
from registry.audit import AuditEvent

#: Fields that change on every write and say nothing to a reader.
QUIET_FIELDS = frozenset({"version_id", "updated_at", "last_import_at"})


@dataclass(frozen=True)
class FieldChange:
    """One field: its value before and after, or the rows added and removed."""

    field: str
    before: Any = None
    after: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Actor:
    """Who made a change, as far as the reader may know.

    ``system`` names a non-person actor (``cli``, ``crawl``, ``migration`` …); for a person
    ``role`` and ``organisations`` are always given, ``email`` only when revealed.
    """

    system: str | None = None
    role: str | None = None
    organisations: tuple[str, ...] = ()
    email: str | None = None

    @property
    def person(self) -> bool:
        """A signed-in account, not a process."""
        return self.system is None


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event, explained."""

    id: int
    at: datetime
    actor: Actor
    action: str
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)


def _is_id(key: str) -> bool:
    return key == "id" or key.endswith("_id")


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not _is_id(k)}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The field changes between two snapshots, in a stable order."""
    old, new = _without_ids(before or {}), _without_ids(after or {})
    changes: list[FieldChange] = []
    for key in sorted(set(old) | set(new)):
        if key in QUIET_FIELDS:
            continue
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, list | type(None)) and isinstance(b, list | type(None)) and (a or b):
            a_list, b_list = a or [], b or []
            if any(isinstance(item, dict) for item in (*a_list, *b_list)):
                added = tuple(item for item in b_list if item not in a_list)
                removed = tuple(item for item in a_list if item not in b_list)
                changes.append(FieldChange(key, added=added, removed=removed))
                continue
        changes.append(FieldChange(key, before=a, after=b))
    return changes


def history(
    session: Session,
    entity_type: str,
    entity_id: int,
    *,
    reveal_people: bool = False,
    limit: int = 200,
) -> list[HistoryEntry]:
    """The newest ``limit`` events of one entity, newest first.

    ``reveal_people`` names each editor's e-mail address; without it a reader sees only
    the organisation and role (the caller asks ``may_see_people``).
    """
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )
    actors = _actors(session, {e.actor for e in events}, reveal=reveal_people)
    return [
        HistoryEntry(
            id=e.id,
            at=e.at,
            actor=actors[e.actor],
            action=e.action,
            changes=tuple(diff(e.before, e.after)),
        )
        for e in events
    ]


_ACCOUNT = "account:"
#: Processes that change entries; any other recorded name is shown as "other".
SYSTEM_ACTORS = frozenset({"cli", "web", "worker", "crawl", "migration", "demo", "serve",
                           "system"})  # fmt: skip


def _actors(session: Session, raw: set[str], *, reveal: bool) -> dict[str, Actor]:
    """Each recorded actor string as an ``Actor`` (one query for all the accounts)."""
    emails = {a.removeprefix(_ACCOUNT) for a in raw if a.startswith(_ACCOUNT)}
    accounts = {
        account.email: account
        for account in session.scalars(select(Account).where(Account.email.in_(emails)))
    } if emails else {}  # fmt: skip
    out: dict[str, Actor] = {}
    for text in raw:
        if not text.startswith(_ACCOUNT):
            name = text.split(":", 1)[0]
            out[text] = Actor(system=name if name in SYSTEM_ACTORS else "other")
            continue
        email = text.removeprefix(_ACCOUNT)
        account = accounts.get(email)
        organisations = tuple(
            sorted(m.organisation.name for m in account.memberships) if account else ()
        )
        out[text] = Actor(
            role=account.role if account else None,
            organisations=organisations,
            email=email if reveal else None,
        )
    return out
