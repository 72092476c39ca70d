"""An account's webhook subscriptions and their delivery log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Router, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_principal
from registry.webhooks import SIGNATURE_HEADER, WebhookOutbox, WebhookService, WebhookSubscription
from web.api._http import RowId
from web.auth import WRITE_SECURITY, acting

TAGS = ["webhooks"]


class SubscriptionIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """Where to send notifications, and about what."""

    url: Annotated[str, Meta(min_length=8, max_length=500)]
    events: list[str] = msgspec.field(default_factory=lambda: ["solution", "organisation"])


@dataclass
class SubscriptionOut:
    """A subscription as listed (never its secret)."""

    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    signature_header: str = SIGNATURE_HEADER


@dataclass
class NewSubscriptionOut(SubscriptionOut):
    """A subscription just made: ``secret`` (the HMAC key) is shown this once."""

    secret: str = ""


@dataclass
class DeliveryOut:
    """One notification and what became of it."""

    id: int
    event: str
    entity: dict[str, object]
    status: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None


def _out(sub: WebhookSubscription) -> SubscriptionOut:
    return SubscriptionOut(sub.id, sub.url, list(sub.events), sub.active, sub.created_at)


def _delivery(row: WebhookOutbox) -> DeliveryOut:
    return DeliveryOut(
        id=row.id, event=str(row.payload.get("event", "")),
        entity=dict(row.payload.get("entity") or {}), status=row.status, attempts=row.attempts,
        last_status=row.last_status, last_error=row.last_error, created_at=row.created_at,
        next_attempt_at=row.next_attempt_at, delivered_at=row.delivered_at,
    )  # fmt: skip


@get("/", sync_to_thread=True, operation_id="ListWebhooks")  # fmt: skip
def list_webhooks(
    db_session: NamedDependency[Session], principal: NamedDependency[Principal | None]
) -> list[SubscriptionOut]:
    """Your subscriptions."""
    actor = require_principal(principal)
    return [_out(s) for s in WebhookService(db_session).subscriptions(actor.account_id)]


@post("/", sync_to_thread=True, operation_id="CreateWebhook")  # fmt: skip
def create_webhook(
    data: JSONBody[SubscriptionIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> NewSubscriptionOut:
    """Subscribe a URL to signed notifications (HMAC-SHA256 of the body with the secret)."""
    actor = acting(db_session, require_principal(principal))
    made = WebhookService(db_session).subscribe(actor.account_id, data.url, data.events)
    return NewSubscriptionOut(**vars(_out(made.subscription)), secret=made.secret)


@delete("/{webhook_id:int}", sync_to_thread=True, operation_id="DeleteWebhook")
def delete_webhook(
    webhook_id: RowId,
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> None:
    """Stop a subscription (its delivery log goes with it)."""
    actor = require_principal(principal)
    db_session.delete(WebhookService(db_session).get(actor.account_id, webhook_id))


@get("/{webhook_id:int}/deliveries", sync_to_thread=True, operation_id="ListWebhookDeliveries")
def list_deliveries(
    webhook_id: RowId,
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> list[DeliveryOut]:
    """The delivery log: every notification, its attempts and the last answer."""
    actor = require_principal(principal)
    service = WebhookService(db_session)
    return [_delivery(r) for r in service.deliveries(service.get(actor.account_id, webhook_id))]


def router() -> Router:
    """Outgoing webhook subscriptions and their deliveries."""
    return Router(
        "/api/v1/webhooks",
        tags=TAGS,
        security=WRITE_SECURITY,
        route_handlers=[list_webhooks, create_webhook, delete_webhook, list_deliveries],
    )
