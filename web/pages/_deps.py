"""Providers for the pages: read models on the request's session."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.orm import Session

from registry.pages import PageViews
from registry.search import SearchService


def provide_views(db_session: NamedDependency[Session]) -> PageViews:
    """The pages' read models on this request's session."""
    return PageViews(db_session)


def provide_search(db_session: NamedDependency[Session]) -> SearchService:
    """The search service on this request's session."""
    return SearchService(db_session)
