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
from registry.db.base import Base
from registry.imports.models import ImportLogEntry, ImportRun
from registry.organisations.models import CodeSource, Organisation

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
    "ImportLogEntry",
    "ImportRun",
    "Membership",
    "OperatingOffer",
    "Organisation",
    "Release",
    "Repository",
    "RepositoryAlias",
    "ScoreResult",
    "Solution",
    "SolutionInterface",
    "SolutionTag",
    "SolutionText",
    "Standard",
]
