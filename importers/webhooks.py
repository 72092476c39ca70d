"""Send due webhook notifications: signed, guarded, bounded, with the outcome recorded.

Subscriber URLs come from users, so each attempt passes the same address guard as the
importers (no private or loopback targets unless configured) and connects through the
same egress (only to the address checked as it connects), redirects are not followed
(a redirect is a failed attempt), and response bodies are not read beyond the status.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy.orm import Session

from importers.http import make_client
from importers.urlguard import UnsafeURLError, check_remote_url
from registry.settings import Settings
from registry.webhooks import SIGNATURE_HEADER, WebhookService, sign


@dataclass(frozen=True)
class DeliveryRun:
    """What one pass did."""

    dispatched: int
    delivered: int
    retried: int
    failed: int


def deliver_due(
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    transport: httpx.BaseTransport | None = None,
) -> DeliveryRun:
    """Dispatch new audit events, then try every due delivery once."""
    service = WebhookService(session)
    dispatched = service.dispatch(now)
    delivered = retried = failed = 0
    with make_client(settings, transport=transport) as client:
        for row, sub in service.due(now):
            body = json.dumps({**row.payload, "delivery": row.id}, sort_keys=True).encode()
            try:
                check_remote_url(sub.url, allow_private=settings.allow_private_addresses,
                                 allow_local=False)  # fmt: skip
                response = client.post(sub.url, content=body, headers={
                    "Content-Type": "application/json",
                    "X-Registry-Event": str(row.payload.get("event", "")),
                    "X-Registry-Delivery": str(row.id),
                    SIGNATURE_HEADER: sign(sub.secret, body),
                })  # fmt: skip
                problem = None if response.is_success else f"HTTP {response.status_code}"
                service.record(row, now, status=response.status_code, error=problem)
            except UnsafeURLError as exc:
                service.record(row, now, error=f"refused: {exc}")
            except httpx.HTTPError as exc:
                service.record(row, now, error=f"{type(exc).__name__}: {exc}")
            if row.status == "delivered":
                delivered += 1
            elif row.status == "failed":
                failed += 1
            else:
                retried += 1
    session.flush()
    return DeliveryRun(dispatched, delivered, retried, failed)
