"""The composition of the contexts: sessions that carry every context's listeners.

``registry.db`` is plumbing every context stands on, so it cannot know the contexts
above it; this module, beside ``registry.models``, puts them together. Every caller that
makes sessions for the application (the CLI, the web app, tests, benches) uses
``make_sessionmaker`` from here.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from registry.audit import install_audit_listener
from registry.db import session_factory
from registry.search import install_search_listener

__all__ = ["make_sessionmaker"]


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that record an audit event for every change of an audited entity
    and keep the search index current."""
    factory = session_factory(engine)
    install_audit_listener(factory)
    install_search_listener(factory)
    return factory
