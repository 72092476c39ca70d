"""Every context's models, imported so ``Base.metadata`` holds the complete schema."""

from registry.accounts.models import Account, ApiToken, Membership
from registry.audit.models import AuditEvent
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
from registry.crawl.models import HostRepositoryState, HttpCacheEntry, WebhookDelivery
from registry.db.base import Base
from registry.federation.models import HarvestedCatalog, HarvestedEntry
from registry.funding.models import Grant, Programme, ReportRun
from registry.imports.models import ImportLogEntry, ImportRun
from registry.organisations.models import CodeSource, Organisation
from registry.queue.models import QueueJob
from registry.search.models import SearchDocument, SearchFacet
from registry.webhooks.models import WebhookCursor, WebhookOutbox, WebhookSubscription

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
