"""Providers: one database session per request, services built on it."""

from __future__ import annotations

from collections.abc import Iterator

from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService


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
