"""Signed webhooks to subscribers on create, update and delete of solutions and organisations."""

from registry.webhooks.models import WebhookCursor, WebhookOutbox, WebhookSubscription
from registry.webhooks.services import (
    DEBOUNCE,
    MAX_ATTEMPTS,
    SIGNATURE_HEADER,
    WebhookService,
    backoff,
    sign,
)

__all__ = [
    "DEBOUNCE",
    "MAX_ATTEMPTS",
    "SIGNATURE_HEADER",
    "WebhookCursor",
    "WebhookOutbox",
    "WebhookService",
    "WebhookSubscription",
    "backoff",
    "sign",
]
