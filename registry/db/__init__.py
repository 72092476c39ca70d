"""Persistence plumbing shared by every context: base class, portable types, engine."""

from registry.db.base import Base, DateTimeUTC, TimestampMixin, utcnow
from registry.db.engine import begin_writing, make_engine, session_factory, writer

__all__ = [
    "Base",
    "DateTimeUTC",
    "TimestampMixin",
    "begin_writing",
    "make_engine",
    "session_factory",
    "utcnow",
    "writer",
]
