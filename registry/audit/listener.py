"""Record an audit event for every insert, update and delete of an audited entity.

Entities opt in with ``__audited__ = True``. The listener runs in ``after_flush``, when new
rows have their ids and attribute history still holds the values before the change, and
writes the events on the same connection, so they commit or roll back with the change.
The actor comes from ``session.info["actor"]`` (set by the CLI, web or job that owns the
unit of work). Solutions are audited as whole entries by the catalogue service instead,
because their meaning lives in child rows (texts, offers, interfaces) as much as columns.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from registry.audit.models import AuditEvent
from registry.db import utcnow

SKIPPED_FIELDS = frozenset({"password_hash", "token_hash", "created_at", "updated_at"})


def plain(value: Any) -> Any:
    """A JSON-safe copy of a column value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _columns(obj: Any) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in SKIPPED_FIELDS]


def _snapshot(obj: Any) -> dict[str, Any]:
    return {key: plain(getattr(obj, key)) for key in _columns(obj)}


def _before(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if history.deleted:
            before[key] = plain(history.deleted[0])
        elif history.unchanged:
            before[key] = plain(history.unchanged[0])
        elif history.added:
            # Set without the old value having been loaded: the column was never given a
            # value since the insert, so it holds NULL (we use no server defaults).
            before[key] = None
        else:
            before[key] = plain(getattr(obj, key))
    return before


def _is_audited(obj: Any) -> bool:
    return bool(getattr(type(obj), "__audited__", False))


def _events(session: Session) -> list[dict[str, Any]]:
    actor = str(session.info.get("actor", "system"))
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: str, before: Any, after: Any) -> None:
        rows.append(
            {
                "at": now,
                "actor": actor,
                "entity_type": type(obj).__tablename__,
                "entity_id": obj.id,
                "action": action,
                "before": before,
                "after": after,
            }
        )

    for obj in session.new:
        if _is_audited(obj):
            add(obj, "create", None, _snapshot(obj))
    for obj in session.dirty:
        if _is_audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _before(obj), _snapshot(obj)
            if before != after:
                add(obj, "update", before, after)
    for obj in session.deleted:
        if _is_audited(obj):
            add(obj, "delete", _before(obj), None)
    return rows


def _after_flush(session: Session, _context: Any) -> None:
    rows = _events(session)
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


def install_audit_listener(factory: sessionmaker[Session]) -> None:
    """Attach the listener to every session the factory makes."""
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)


def record_event(
    session: Session,
    *,
    entity_type: str,
    entity_id: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Record an explicit event (whole-entry snapshots the listener cannot see)."""
    session.add(
        AuditEvent(
            actor=str(session.info.get("actor", "system")),
            entity_type=entity_type,
            entity_id=entity_id,
            action=action,
            before=plain(before),
            after=plain(after),
        )
    )
