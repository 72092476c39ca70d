"""Providers: one database session per request, services built on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService
from registry.search import SearchQuery


def provide_session(state: State) -> Iterator[Session]:
    """A unit of work per request: committed when the handler succeeds, else rolled back.

    Transactions stay deferred: a request may run a nested unit of work (the job queue,
    the token check) that must be able to write. On SQLite a deferred read-then-write can
    lose to a concurrent writer; ``web.errors`` answers that with 503 and Retry-After.
    """
    session: Session = state.sessionmaker()
    session.info["actor"] = "web"
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def provide_catalogue(db_session: NamedDependency[Session]) -> CatalogueService:
    """The catalogue service on this request's session."""
    return CatalogueService(db_session)


def provide_search_query(request: Request[Any, Any, Any]) -> SearchQuery:
    """The search the URL asks for (the API and the search page read the same parameters,
    ``registry.search.PARAMETERS``); a bad one is an ``InvalidQuery`` naming it (400)."""
    return SearchQuery.from_params(request.query_params.dict())
