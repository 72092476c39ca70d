"""Crawl state: HTTP validators per URL, host repositories by id, webhook deliveries."""

from registry.crawl.cache import HttpCacheStore, StoredResponse
from registry.crawl.models import HostRepositoryState, HttpCacheEntry, WebhookDelivery
from registry.crawl.services import CrawlStateService, CrawlSummary, HostFacts, classify_fork
from registry.crawl.webhooks import (
    PUSHES_PER_HOUR,
    accept_push,
    push_key,
    push_url,
    verify_github,
    verify_gitlab,
)

__all__ = [
    "PUSHES_PER_HOUR",
    "CrawlStateService",
    "CrawlSummary",
    "HostFacts",
    "HostRepositoryState",
    "HttpCacheEntry",
    "HttpCacheStore",
    "StoredResponse",
    "WebhookDelivery",
    "accept_push",
    "classify_fork",
    "push_key",
    "push_url",
    "verify_github",
    "verify_gitlab",
]
