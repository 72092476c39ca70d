"""Every context's models, imported so ``Base.metadata`` holds the complete schema."""

from registry.accounts import Account, ApiToken, Membership
from registry.audit import AuditEvent
from registry.catalogue import HarvestedCatalog, HarvestedEntry
from registry.catalogue.models import (
    Adoption,
    Contact,
    Dependency,
    Funding,
    OperatingOffer,
    Release,
    Repository,
    RepositoryAlias,
    ScoreResult,
    Solution,
    SolutionInterface,
    SolutionTag,
    SolutionText,
    Standard,
)
from registry.crawl import HostRepositoryState, HttpCacheEntry, WebhookDelivery
from registry.db import Base
from registry.funding import Grant, Programme, ReportRun
from registry.imports import ImportLogEntry, ImportRun
from registry.organisations import CodeSource, Organisation
from registry.queue.models import QueueJob
from registry.search.models import SearchDocument, SearchFacet
from registry.webhooks import WebhookCursor, WebhookOutbox, WebhookSubscription

__all__ = [
    "Account",
    "Adoption",
    "ApiToken",
    "AuditEvent",
    "Base",
    "CodeSource",
    "Contact",
    "Dependency",
    "Funding",
    "Grant",
    "HarvestedCatalog",
    "HarvestedEntry",
    "HostRepositoryState",
    "HttpCacheEntry",
    "ImportLogEntry",
    "ImportRun",
    "Membership",
    "OperatingOffer",
    "Organisation",
    "Programme",
    "QueueJob",
    "Release",
    "ReportRun",
    "Repository",
    "RepositoryAlias",
    "ScoreResult",
    "SearchDocument",
    "SearchFacet",
    "Solution",
    "SolutionInterface",
    "SolutionTag",
    "SolutionText",
    "Standard",
    "WebhookCursor",
    "WebhookDelivery",
    "WebhookOutbox",
    "WebhookSubscription",
]
