"""Webhook subscriptions, the outbox of deliveries, and how far the audit trail was read.

Deliveries are derived from the audit trail (every change is an audit event already), so
nothing that changes the catalogue has to remember to notify anyone: a dispatcher reads
events past ``WebhookCursor`` and writes one outbox row per subscriber and entity,
debounced, which the sender then delivers with retries; the outbox is the delivery log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.db import Base, utcnow


class WebhookSubscription(Base):
    """An account's endpoint for change notifications."""

    __tablename__ = "webhook_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(500))
    #: The HMAC key; shown to the subscriber once, needed in clear to sign.
    secret: Mapped[str] = mapped_column(String(100))
    #: Entity types: ``solution``, ``organisation``.
    events: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookOutbox(Base):
    """One notification to one subscriber, and its delivery history."""

    __tablename__ = "webhook_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE"), index=True
    )
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # create | update | delete | restore
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|delivered|failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_webhook_outbox_due", "status", "next_attempt_at"),)


class WebhookCursor(Base):
    """The last audit event the dispatcher has turned into deliveries (one row)."""

    __tablename__ = "webhook_cursor"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int] = mapped_column(default=0)
