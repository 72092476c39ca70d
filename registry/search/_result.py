"""What a search returns: typed, immutable, ready to render as a page or as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from registry.search._query import SearchQuery
from registry.search._snippet import Snippet

__all__ = ["Facet", "FacetValue", "Offer", "Retry", "SearchHit", "SearchResult", "Snippet"]


@dataclass(frozen=True, slots=True)
class Offer:
    """Who offers to run or support a solution (``kind`` from ``vocab.OFFER_KINDS``)."""

    kind: str
    provider: str | None
    provider_slug: str | None
    region: str | None


@dataclass(frozen=True, slots=True)
class Retry:
    """Another query worth trying, with the hits it finds; ``keeps_filters`` says whether
    it was counted with the chosen filters or without them."""

    q: str
    hits: int
    keeps_filters: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching solution, with what a result list shows about it."""

    id: int
    slug: str
    name: str
    active: bool
    publisher_slug: str | None
    publisher_name: str | None
    licence: str | None
    development_status: str | None
    maintenance_type: str | None
    domains: tuple[str, ...]
    #: Short description per language (``{"de": …, "en": …}``).
    descriptions: dict[str, str]
    verified_adopters: int
    #: Current score as a percentage of the rubric's maximum, with level and silo flag.
    score: float | None
    level: str | None
    silo: str | None
    last_activity: date | None
    updated_at: datetime
    #: True when every query word (or one of its synonyms) matched the name.
    name_match: bool = False
    #: Operation and support on offer, providers named first.
    offers: tuple[Offer, ...] = ()
    #: The newest commit of its repositories (the one figure a card shows for activity).
    last_commit: date | None = None
    #: Per language, the passage that matched the query with its words marked.
    snippets: dict[str, Snippet] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet with the number of hits it would leave."""

    value: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    """A facet's values. Counts apply every other facet's filters but not its own,
    so choosing a second value of the same facet widens the result as shown."""

    name: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits, the total, the facets and where the next page starts."""

    query: SearchQuery
    hits: tuple[SearchHit, ...]
    total: int
    page: int
    size: int
    facets: dict[str, Facet] = field(default_factory=dict)
    #: ``page[after]`` for the next keyset page, or None on the last page.
    next_cursor: str | None = None
    #: No entry matched every word, so these hits match some of them (best first).
    relaxed: bool = False
    #: With no hits: the query with a misspelt word replaced by a word of the catalogue.
    suggestions: tuple[str, ...] = ()
    #: With no hits: the domains (key, number of entries) to browse instead, closest
    #: to the query first (``domains_close`` says whether any was close at all).
    domains: tuple[tuple[str, int], ...] = ()
    domains_close: bool = False
    #: With no hits: the query with a word left out, with the hits it finds (only those
    #: finding some), and how many the query finds without the chosen filters.
    fewer_words: tuple[Retry, ...] = ()
    unfiltered: int = 0

    @property
    def pages(self) -> int:
        """How many pages of ``size`` the total fills (at least 1)."""
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        """Whether another page follows this one."""
        return self.next_cursor is not None
