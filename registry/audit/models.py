"""Audit events: who changed what, before and after. Nothing changes silently."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.db import Base, utcnow


class AuditEvent(Base):
    """One change of an audited entity (vocab.AUDIT_ACTIONS)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(300))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]

    __table_args__ = (Index("ix_audit_event_entity", "entity_type", "entity_id"),)
