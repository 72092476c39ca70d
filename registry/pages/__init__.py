"""Read models: what the pages and the read API show, assembled from stored entries.

The web layer renders these records and never queries. Every record is complete when it
is returned (relationships loaded, score JSON normalised), so templates cannot trigger a
lazy load after the request's session has closed. Score results are stored by the scoring
context without texts; the rule, fix and silo-indicator texts come from the rubric version
that produced them (``registry.scoring.explain_result``), in German and English. Texts
stored on the row itself (a plain string or a ``{lang: text}`` mapping) are the fallback.

    views = PageViews(session)
    views.solution("masterportal")      # SolutionPage, or NotFound
    views.organisation("muenchen")       # OrganisationPage

``history`` is an entity's audit trail as pages show it; ``OpenCatalog`` is the
open-catalog-api read surface (``/software``, ``/publishers``).
"""

from registry.pages._present import commit_activity, licence, version_view
from registry.pages._queries import PageViews
from registry.pages._records import (
    Activity,
    AlternativeGroup,
    Check,
    CommitActivity,
    DomainCount,
    LicenceConflict,
    LicenceView,
    MediaView,
    OrganisationPage,
    OrganisationRow,
    Related,
    ScoreView,
    SearchOptions,
    SiloReason,
    SolutionCard,
    SolutionPage,
    StandardPage,
    StandardRow,
    Text,
    VersionView,
)
from registry.pages.history import HistoryEntry, history
from registry.pages.opencatalog import OpenCatalog, Page

__all__ = [
    "Activity",
    "AlternativeGroup",
    "Check",
    "CommitActivity",
    "DomainCount",
    "HistoryEntry",
    "LicenceConflict",
    "LicenceView",
    "MediaView",
    "OpenCatalog",
    "OrganisationPage",
    "OrganisationRow",
    "Page",
    "PageViews",
    "Related",
    "ScoreView",
    "SearchOptions",
    "SiloReason",
    "SolutionCard",
    "SolutionPage",
    "StandardPage",
    "StandardRow",
    "Text",
    "VersionView",
    "commit_activity",
    "history",
    "licence",
    "version_view",
]
