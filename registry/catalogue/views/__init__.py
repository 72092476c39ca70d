"""What the reader's pages show, assembled from stored entries in one place.

The web layer renders these records and never queries. Every record is complete when it
is returned (relationships loaded, score JSON normalised), so templates cannot trigger a
lazy load after the request's session has closed. Score results are stored by the scoring
context without texts; the rule, fix and silo-indicator texts come from the rubric version
that produced them (``registry.scoring.explain_result``), in German and English. Texts
stored on the row itself (a plain string or a ``{lang: text}`` mapping) are the fallback.

    views = PageViews(session)
    views.solution("masterportal")      # SolutionPage, or NotFound
    views.organisation("muenchen")       # OrganisationPage
"""

from registry.catalogue.views._present import commit_activity, licence, version_view
from registry.catalogue.views._queries import PageViews
from registry.catalogue.views._records import (
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

__all__ = [
    "Activity",
    "AlternativeGroup",
    "Check",
    "CommitActivity",
    "DomainCount",
    "LicenceConflict",
    "LicenceView",
    "MediaView",
    "OrganisationPage",
    "OrganisationRow",
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
    "licence",
    "version_view",
]
