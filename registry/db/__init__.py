"""Persistence plumbing shared by every context: base class, portable types, engine."""

from registry.db.base import Base, TimestampMixin, utcnow
from registry.db.engine import make_engine, make_sessionmaker

__all__ = ["Base", "TimestampMixin", "make_engine", "make_sessionmaker", "utcnow"]
