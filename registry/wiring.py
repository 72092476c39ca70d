"""The composition of the contexts: sessions that carry every context's listeners.

``registry.db`` is plumbing every context stands on, so it cannot know the contexts
above it; this module, beside ``registry.models``, puts them together. Every caller that
makes sessions for the application (the CLI, the web app, tests, benches) uses
``make_sessionmaker`` from here. The catalogue's services renew what derives from an
entry they changed (``registry.catalogue.derived``): here that is the score.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from registry.audit import install_audit_listener
from registry.catalogue import DERIVED_STEPS, DerivedStep, install_generation_listener
from registry.db import session_factory
from registry.scoring import rescore
from registry.search import install_search_listener

__all__ = ["DERIVED", "make_sessionmaker"]

#: Renewed after every change a catalogue service makes to an entry.
DERIVED: tuple[DerivedStep, ...] = (rescore,)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that record an audit event for every change of an audited entity
    keep the search index current and raise the read generation (cached pages go stale);
    services renew the score of what they changed."""
    factory = session_factory(engine)
    factory.configure(info={DERIVED_STEPS: DERIVED})
    install_audit_listener(factory)
    install_search_listener(factory)
    install_generation_listener(factory)
    return factory
