"""An entry's history as a readable diff: who changed which field from what to what.

Audit events keep whole before/after snapshots; this turns consecutive snapshots into
field changes. Lists of rows (texts, offers, interfaces …) show rows added and removed
rather than a wall of JSON, so a reader sees "operating offer 'hosted' added".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit.models import AuditEvent

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
class HistoryEntry:
    """One audit event, explained."""

    id: int
    at: datetime
    actor: str
    action: str
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The field changes between two snapshots, in a stable order."""
    old, new = before or {}, after or {}
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
    session: Session, entity_type: str, entity_id: int, *, limit: int = 200
) -> list[HistoryEntry]:
    """The newest ``limit`` events of one entity, newest first."""
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        HistoryEntry(
            id=e.id,
            at=e.at,
            actor=e.actor,
            action=e.action,
            changes=tuple(diff(e.before, e.after)),
        )
        for e in events
    ]
