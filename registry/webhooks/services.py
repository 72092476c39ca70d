"""Subscriptions, the dispatcher (audit events → debounced outbox rows) and retry rules.

Sending is the importers' job (``importers/webhooks.py``: outbound HTTP with the address
guard); everything here is pure database work and the signature rule.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit import AuditEvent
from registry.catalogue.models import Solution
from registry.entries import web_url
from registry.errors import InvalidInput, NotFound
from registry.organisations import Organisation
from registry.webhooks.models import WebhookCursor, WebhookOutbox, WebhookSubscription

ENTITY_TYPES: Final = ("solution", "organisation")
DEBOUNCE: Final = timedelta(seconds=30)
MAX_ATTEMPTS: Final = 8
MAX_BACKOFF: Final = timedelta(hours=6)
SIGNATURE_HEADER: Final = "X-Registry-Signature-256"


@dataclass(frozen=True)
class NewSubscription:
    """A subscription just made: ``secret`` is shown this once."""

    subscription: WebhookSubscription
    secret: str


def sign(secret: str, body: bytes) -> str:
    """The signature header value: ``sha256=`` and the hex HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1 min, 2, 4 … capped at six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class WebhookService:
    """Subscriptions of one account; dispatching and delivery bookkeeping for all."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def subscribe(self, account_id: int, url: str, events: list[str]) -> NewSubscription:
        """A new subscription; the URL is checked again at every delivery."""
        url = web_url("url", url)
        unknown = [e for e in events if e not in ENTITY_TYPES]
        if unknown or not events:
            raise InvalidInput(f"events: choose from {', '.join(ENTITY_TYPES)}", field="events")
        secret = secrets.token_hex(32)
        sub = WebhookSubscription(account_id=account_id, url=url, secret=secret,
                                  events=sorted(set(events)))  # fmt: skip
        self.db.add(sub)
        self.db.flush()
        return NewSubscription(sub, secret)

    def subscriptions(self, account_id: int) -> list[WebhookSubscription]:
        """The account's subscriptions."""
        return list(self.db.scalars(
            select(WebhookSubscription).where(WebhookSubscription.account_id == account_id)
            .order_by(WebhookSubscription.id)
        ))  # fmt: skip

    def get(self, account_id: int, subscription_id: int) -> WebhookSubscription:
        """One of the account's subscriptions, or ``NotFound`` (also for others' ids)."""
        sub = self.db.get(WebhookSubscription, subscription_id)
        if sub is None or sub.account_id != account_id:
            raise NotFound(f"webhook: no subscription {subscription_id}", field="webhook")
        return sub

    def deliveries(
        self, subscription: WebhookSubscription, limit: int = 100
    ) -> list[WebhookOutbox]:
        """The delivery log of a subscription, newest first."""
        return list(self.db.scalars(
            select(WebhookOutbox).where(WebhookOutbox.subscription_id == subscription.id)
            .order_by(WebhookOutbox.id.desc()).limit(limit)
        ))  # fmt: skip

    def dispatch(self, now: datetime) -> int:
        """Turn audit events past the cursor into outbox rows; returns rows touched.

        Several changes of one entity within ``DEBOUNCE`` become one notification: a
        pending, never-tried row is updated and its send time pushed back.
        """
        cursor = self.db.get(WebhookCursor, 1)
        if cursor is None:
            cursor = WebhookCursor(id=1, last_event_id=0)
            self.db.add(cursor)
        events = list(self.db.scalars(
            select(AuditEvent).where(AuditEvent.id > cursor.last_event_id)
            .order_by(AuditEvent.id).limit(1000)
        ))  # fmt: skip
        if not events:
            return 0
        subs = list(self.db.scalars(
            select(WebhookSubscription).where(WebhookSubscription.active.is_(True))
        ))  # fmt: skip
        touched = 0
        for event in events:
            if event.entity_type not in ENTITY_TYPES:
                continue
            payload = self._payload(event)
            for sub in subs:
                if event.entity_type in sub.events:
                    self._queue(sub, event, payload, now)
                    touched += 1
        cursor.last_event_id = events[-1].id
        self.db.flush()
        return touched

    def due(
        self, now: datetime, limit: int = 50
    ) -> list[tuple[WebhookOutbox, WebhookSubscription]]:
        """Pending deliveries whose time has come, with their subscriptions."""
        rows = self.db.execute(
            select(WebhookOutbox, WebhookSubscription)
            .join(WebhookSubscription, WebhookSubscription.id == WebhookOutbox.subscription_id)
            .where(WebhookOutbox.status == "pending", WebhookOutbox.next_attempt_at <= now,
                   WebhookSubscription.active.is_(True))
            .order_by(WebhookOutbox.next_attempt_at, WebhookOutbox.id).limit(limit)
        )  # fmt: skip
        return [(row[0], row[1]) for row in rows]

    @staticmethod
    def record(
        row: WebhookOutbox, now: datetime, *, status: int | None = None, error: str | None = None
    ) -> None:
        """Note an attempt: 2xx delivers; anything else retries later, then gives up."""
        row.attempts += 1
        row.last_status = status
        row.last_error = error[:2000] if error else None
        if status is not None and 200 <= status < 300:
            row.status = "delivered"
            row.delivered_at = now
        elif row.attempts >= MAX_ATTEMPTS:
            row.status = "failed"
        else:
            row.next_attempt_at = now + backoff(row.attempts)

    def _queue(self, sub: WebhookSubscription, event: AuditEvent, payload: dict[str, Any],
               now: datetime) -> None:  # fmt: skip
        pending = self.db.scalar(
            select(WebhookOutbox).where(
                WebhookOutbox.subscription_id == sub.id,
                WebhookOutbox.entity_type == event.entity_type,
                WebhookOutbox.entity_id == event.entity_id,
                WebhookOutbox.status == "pending", WebhookOutbox.attempts == 0,
            )
        )  # fmt: skip
        if pending is None:
            self.db.add(WebhookOutbox(
                subscription_id=sub.id, entity_type=event.entity_type, entity_id=event.entity_id,
                action=event.action, payload=payload, next_attempt_at=now + DEBOUNCE,
                created_at=now,
            ))  # fmt: skip
            self.db.flush()
            return
        # create+update stays a create; anything followed by a delete is a delete.
        if not (pending.action == "create" and event.action == "update"):
            pending.action = event.action
        pending.payload = {**payload, "event": f"{event.entity_type}.{pending.action}"}
        pending.next_attempt_at = now + DEBOUNCE

    def _payload(self, event: AuditEvent) -> dict[str, Any]:
        model: Any = Solution if event.entity_type == "solution" else Organisation
        entity = self.db.get(model, event.entity_id)
        slug = entity.slug if entity is not None else None
        path = "solutions" if event.entity_type == "solution" else "organisations"
        return {
            "event": f"{event.entity_type}.{event.action}",
            "entity": {"type": event.entity_type, "id": event.entity_id, "slug": slug},
            "at": event.at.isoformat(),
            "url": f"/api/v1/{path}/{slug}" if slug else None,
        }
