"""Stored HTTP answers for conditional requests: one row per URL, written by the crawl."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from registry.crawl.models import HttpCacheEntry
from registry.db import utcnow

__all__ = ["HttpCacheStore", "StoredResponse"]


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The validators and body of the last ``200`` for a URL."""

    etag: str | None
    last_modified: str | None
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def url_key(url: str) -> str:
    """The lookup key of a URL (URLs can be longer than an index allows)."""
    return hashlib.sha256(url.encode()).hexdigest()


class HttpCacheStore:
    """``importers.hosts.ResponseCache`` on the database. Never commits."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def get(self, url: str) -> StoredResponse | None:
        """The stored answer for ``url``, if any."""
        row = self.db.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url_hash == url_key(url)))
        if row is None:
            return None
        return StoredResponse(row.etag, row.last_modified, row.body, dict(row.headers))

    def put(self, url: str, response: StoredResponse) -> None:
        """Store (or replace) the answer for ``url``."""
        key = url_key(url)
        row = self.db.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url_hash == key))
        if row is None:
            row = self._insert(key, url)
        row.etag, row.last_modified = response.etag, response.last_modified
        row.body, row.headers = response.body, dict(response.headers)
        row.fetched_at = row.checked_at = utcnow()

    def _insert(self, key: str, url: str) -> HttpCacheEntry:
        # Another crawl may be inserting the same URL right now: INSERT … ON CONFLICT DO
        # NOTHING waits for it (PostgreSQL) and then leaves its row, which is updated here.
        insert = pg_insert if self.db.get_bind().dialect.name == "postgresql" else sqlite_insert
        self.db.execute(
            insert(HttpCacheEntry)
            .values(url_hash=key, url=url, body=b"", headers={})
            .on_conflict_do_nothing(index_elements=["url_hash"])
        )
        return self.db.scalars(select(HttpCacheEntry).where(HttpCacheEntry.url_hash == key)).one()

    def touch(self, url: str) -> None:
        """Note that ``url`` was confirmed unchanged (a ``304``)."""
        row = self.db.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url_hash == url_key(url)))
        if row is not None:
            row.checked_at = utcnow()
