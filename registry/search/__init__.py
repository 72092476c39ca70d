"""Search: full text in German and English, facets with counts, sorting and pages.

One query service over two backends (SQLite FTS5, PostgreSQL ``tsvector`` + GIN) that
return the same results for the same data, because words are stemmed in Python before
either database sees them (see ``_text``).

    query = SearchQuery.from_params(request.query_params)   # InvalidQuery -> 400
    result = SearchService(session).search(query)           # SearchResult
    result.hits, result.total, result.facets["domain"].values, result.next_cursor

The SQL index is kept current by a session listener (``install_search_listener``,
installed by ``registry.db.make_sessionmaker``), which also logs every change in the
outbox; ``reindex_all`` rebuilds it from scratch. The search engine's index (Tantivy,
``_engine``) follows that log; ``attach_search_index(engine, settings)`` makes the
sessions of an engine search through it (the web app does), ``SearchIndex.rebuild`` is
``registry search reindex``.
"""

from registry.search._engine import SearchIndex, index_path
from registry.search._engine import attach as attach_search_index
from registry.search._indexer import install_search_listener, is_osi_approved, reindex, reindex_all
from registry.search._query import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    SCORE_BANDS,
    SORTS,
    Cursor,
    SearchQuery,
)
from registry.search._result import Facet, FacetValue, SearchHit, SearchResult
from registry.search._text import index_terms, query_terms
from registry.search.directory import DirectoryService, OrganisationProfile, Page, StandardProfile
from registry.search.errors import InvalidQuery
from registry.search.service import RECENT_DAYS, SearchService

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "FACETS",
    "MAX_PAGE_SIZE",
    "RECENT_DAYS",
    "SCORE_BANDS",
    "SORTS",
    "Cursor",
    "DirectoryService",
    "Facet",
    "FacetValue",
    "InvalidQuery",
    "OrganisationProfile",
    "Page",
    "SearchHit",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "SearchService",
    "StandardProfile",
    "attach_search_index",
    "index_path",
    "index_terms",
    "install_search_listener",
    "is_osi_approved",
    "query_terms",
    "reindex",
    "reindex_all",
]
