"""What a crawl keeps between runs: HTTP validators per URL and the state of each host repository.

``HttpCacheEntry`` holds the ETag / Last-Modified and the body of every Git-host API answer,
so a re-crawl asks "changed since?" and reuses the stored body on ``304``.
``HostRepositoryState`` remembers each repository by the host's own id, so a rename (same
id, new URL) becomes an alias and a repository missing from the listing is checked, then
marked gone, never silently dropped. ``WebhookDelivery`` rejects replayed webhook calls.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.db import Base, utcnow


class HttpCacheEntry(Base):
    """The last answer to one GET, kept for conditional requests (keyed by a URL hash)."""

    __tablename__ = "http_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    url_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    #: The headers a reuse needs (pagination links, content type).
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class HostRepositoryState(Base):
    """One repository as a code source's host last showed it."""

    __tablename__ = "host_repository"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("code_source.id", ondelete="CASCADE"), index=True
    )
    #: The host's API base URL and its id for the repository (stable across renames).
    api_base: Mapped[str] = mapped_column(String(300))
    host_id: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(500))
    repository_id: Mapped[int | None] = mapped_column(
        ForeignKey("repository.id", ondelete="SET NULL"), index=True
    )
    #: Hash of the listing fields that change when the repository does.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="active")  # active|archived|gone
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("api_base", "host_id"),)


class WebhookDelivery(Base):
    """A webhook delivery already accepted (its id may not be accepted twice)."""

    __tablename__ = "webhook_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    delivery_id: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("provider", "delivery_id"),)
