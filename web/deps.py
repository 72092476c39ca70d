"""Providers: one database session per request, services built on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService
from registry.db import begin_writing

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def provide_session(state: State, request: Request[Any, Any, Any]) -> Iterator[Session]:
    """A unit of work per request: committed when the handler succeeds, else rolled back.

    Requests that may write take SQLite's writer lock at the start (``begin_writing``),
    so they wait for a running import instead of failing half-way.
    """
    session: Session = state.sessionmaker()
    session.info["actor"] = "web"
    if request.method not in SAFE_METHODS:
        begin_writing(session)
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
