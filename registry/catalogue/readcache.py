"""Cached read models: what a page or API answer computed, kept until anything changes.

A solution page reads a dozen tables and renders a large template; most of that work is
the same for every anonymous reader until something is written. Every committed write to
a table the pages show raises one counter (``read_generation``, by the session listener
installed here), and a cached value is used only while the counter is what it was when
the value was computed. One indexed single-row read per request answers "still current?"
for every worker process alike, so a write in one process is seen by all the others.
Values also expire after ``max_age`` seconds, because pages say "expires soon" and
"quiet for a year" relative to now.

    cache = ReadCache()
    generation = current_generation(session)          # None: table missing, do not cache
    html = cache.get(("page", slug, lang), generation)
    if html is None:
        html = render(...)
        cache.put(("page", slug, lang), generation, html)
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from registry.catalogue.models import ReadGeneration

__all__ = ["ReadCache", "current_generation", "install_generation_listener"]

#: Tables whose writes no reader's page shows: job bookkeeping, outgoing deliveries,
#: derived indexes, crawl state, accounts and the audit trail (which only accompanies
#: writes that raise the counter themselves).
_UNSHOWN = frozenset({
    "read_generation", "queue_job", "http_cache", "host_repository", "webhook_delivery",
    "webhook_outbox", "webhook_cursor", "search_document", "search_facet", "audit_event",
    "entity_type", "account", "api_token", "join_request", "funding_report_run",
})  # fmt: skip
_FLAG = "registry_read_changed"
_MARK = "_registry_generation_listener"


def current_generation(session: Session) -> int | None:
    """The counter now, or None when the table is missing (never cache then)."""
    try:
        value = session.scalar(select(ReadGeneration.value).where(ReadGeneration.id == 1))
    except SQLAlchemyError:
        session.rollback()
        return None
    return None if value is None else int(value)


def _shown(table: str | None) -> bool:
    return table is not None and table not in _UNSHOWN


def _after_flush(session: Session, _context: Any) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(_shown(getattr(type(obj), "__tablename__", None)) for obj in changed):
        session.info[_FLAG] = True


def _on_execute(state: ORMExecuteState) -> None:
    """Bulk ``update()``/``delete()``/``insert()`` statements bypass the flush."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    table = getattr(mapper.class_, "__tablename__", None) if mapper is not None else None
    if table is None or _shown(table):
        state.session.info[_FLAG] = True


def _before_commit(session: Session) -> None:
    session.flush()  # before_commit comes before the commit's own flush
    if session.info.pop(_FLAG, False):
        # Last statement of the transaction: the row is locked only until the commit.
        session.execute(
            update(ReadGeneration)
            .where(ReadGeneration.id == 1)
            .values(value=ReadGeneration.value + 1)
            .execution_options(synchronize_session=False)
        )


def _after_rollback(session: Session) -> None:
    session.info.pop(_FLAG, None)


def install_generation_listener(factory: sessionmaker[Session]) -> None:
    """Raise the counter on every commit that wrote a shown table (idempotent per factory)."""
    if getattr(factory, _MARK, False):
        return
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))
    setattr(factory, _MARK, True)


class ReadCache:
    """A thread-safe LRU of computed values, each valid for one generation, bounded in
    entries and in bytes (about 48 MB of pages per worker process)."""

    def __init__(
        self, *, max_entries: int = 2000, max_bytes: int = 48_000_000, max_age: float = 60.0
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, float, Any, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable, generation: int | None) -> Any | None:
        """The value stored under ``key`` for this generation and still young, or None."""
        if generation is None:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            stored_generation, stored_at, value, size = item
            if stored_generation != generation or time.monotonic() - stored_at > self.max_age:
                del self._items[key]
                self._bytes -= size
                return None
            self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, generation: int | None, value: Any) -> None:
        """Keep ``value`` for ``generation`` (nothing when the generation is unknown)."""
        if generation is None:
            return
        size = _size(value)
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes -= old[3] if old else 0
            self._items[key] = (generation, time.monotonic(), value, size)
            self._bytes += size
            while self._items and (
                len(self._items) > self.max_entries or self._bytes > self.max_bytes
            ):
                self._bytes -= self._items.popitem(last=False)[1][3]

    def clear(self) -> None:
        """Forget everything (tests, or an operator's restore)."""
        with self._lock:
            self._items.clear()
            self._bytes = 0


def _size(value: Any) -> int:
    """Bytes of a cached text or body (a tuple counts its first part); others count 1 KiB."""
    first = value[0] if isinstance(value, tuple) and value else value
    return len(first) if isinstance(first, str | bytes) else 1024
