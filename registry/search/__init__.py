"""Search: full text in German and English, facets with counts, sorting and pages.

One query service over two backends (SQLite FTS5, PostgreSQL ``tsvector`` + GIN) that
return the same results for the same data, because words are stemmed in Python before
either database sees them (see ``_text``).

    query = SearchQuery.from_params(request.query_params)   # InvalidQuery -> 400
    result = SearchService(session).search(query)           # SearchResult
    result.hits, result.total, result.facets["domain"].values, result.next_cursor

The SQL index is kept current by a session listener (``install_search_listener``,
installed by ``registry.wiring.make_sessionmaker``), which also logs every change in the
outbox; ``reindex_all`` rebuilds it from scratch. The search engine's index (Tantivy,
``_engine``) follows that log; ``attach_search_index(engine, settings)`` makes the
sessions of an engine search through it (the web app does), ``SearchIndex.rebuild`` is
``registry search reindex``.
"""

from registry.search._engine import SearchIndex, index_path
from registry.search._engine import attach as attach_search_index
from registry.search._indexer import (
    LOCAL_CATALOG,
    deferred_index,
    install_search_listener,
    is_osi_approved,
    reindex,
    reindex_all,
)
from registry.search._query import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    PARAMETERS,
    SCORE_BANDS,
    SORTS,
    Cursor,
    QueryParameter,
    SearchQuery,
)
from registry.search._result import (
    Facet,
    FacetValue,
    Offer,
    Retry,
    SearchHit,
    SearchResult,
    Snippet,
)
from registry.search._text import index_terms, query_terms
from registry.search.directory import DirectoryService, OrganisationProfile, Page, StandardProfile
from registry.search.errors import InvalidQuery
from registry.search.service import RECENT_DAYS, SearchService

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "FACETS",
    "LOCAL_CATALOG",
    "MAX_PAGE_SIZE",
    "PARAMETERS",
    "RECENT_DAYS",
    "SCORE_BANDS",
    "SORTS",
    "Cursor",
    "DirectoryService",
    "Facet",
    "FacetValue",
    "InvalidQuery",
    "Offer",
    "OrganisationProfile",
    "Page",
    "QueryParameter",
    "Retry",
    "SearchHit",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "SearchService",
    "Snippet",
    "StandardProfile",
    "attach_search_index",
    "deferred_index",
    "index_path",
    "index_terms",
    "install_search_listener",
    "is_osi_approved",
    "query_terms",
    "reindex",
    "reindex_all",
]
