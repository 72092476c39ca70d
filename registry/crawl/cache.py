"""Stored HTTP answers for conditional requests: one row per URL, written by the crawl."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crawl.models import HttpCacheEntry
from registry.db.base import utcnow

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
            row = HttpCacheEntry(url_hash=key, url=url)
            self.db.add(row)
        row.etag, row.last_modified = response.etag, response.last_modified
        row.body, row.headers = response.body, dict(response.headers)
        row.fetched_at = row.checked_at = utcnow()

    def touch(self, url: str) -> None:
        """Note that ``url`` was confirmed unchanged (a ``304``)."""
        row = self.db.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url_hash == url_key(url)))
        if row is not None:
            row.checked_at = utcnow()
