"""Reads shaped like the open-catalog-api (Developers Italia, Switzerland, the EU federation).

Those catalogues harvest ``/software`` and ``/publishers`` and look entries up by a
repository URL (``url=``), which must also match earlier URLs of renamed repositories.
Ids are our slugs; paging is by keyset on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Generic, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from registry.catalogue import models as m
from registry.db import utcnow
from registry.entries import normalise_repository_url
from registry.errors import InvalidInput, NotFound
from registry.organisations import CodeSource, Organisation, live_organisation
from registry.search import InvalidQuery

MAX_PAGE: Final = 100


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of items and the id to continue after, if there is more."""

    items: list[T]
    next_after: str | None


def _canonical(url: str) -> str:
    try:
        return normalise_repository_url(url)
    except InvalidInput as exc:
        raise InvalidQuery("url", exc.message) from exc


def _page_size(size: int) -> int:
    if not 1 <= size <= MAX_PAGE:
        raise InvalidQuery("page[size]", f"between 1 and {MAX_PAGE}")
    return size


class OpenCatalog:
    """Software and publishers as the open-catalog-api shows them."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def software(self, *, url: str | None = None, size: int = 25,
                 after: str | None = None) -> Page[m.Solution]:  # fmt: skip
        """Entries by slug; ``url`` matches the main URL, any repository, or an alias."""
        query = (
            select(m.Solution)
            .where(m.Solution.live())
            .options(selectinload(m.Solution.repositories).selectinload(m.Repository.aliases))
            .order_by(m.Solution.slug)
        )
        if url:
            canonical = _canonical(url)
            by_repo = select(m.Repository.solution_id).where(m.Repository.url == canonical)
            by_alias = (
                select(m.Repository.solution_id)
                .join(m.RepositoryAlias, m.RepositoryAlias.repository_id == m.Repository.id)
                .where(m.RepositoryAlias.url == canonical)
            )
            query = query.where(or_(m.Solution.id.in_(by_repo), m.Solution.id.in_(by_alias),
                                    m.Solution.url == url))  # fmt: skip
        if after:
            query = query.where(m.Solution.slug > after)
        limit = _page_size(size)
        rows = list(self.db.scalars(query.limit(limit + 1)))
        more = len(rows) > limit
        return Page(rows[:limit], rows[limit - 1].slug if more else None)

    def records(self, *, size: int = 25, after: str | None = None) -> Page[m.Solution]:
        """Entries by slug with everything a DCAT-AP record names, loaded in a few queries."""
        query = (
            select(m.Solution)
            .where(m.Solution.live())
            .options(
                selectinload(m.Solution.texts), selectinload(m.Solution.tags),
                selectinload(m.Solution.contacts), selectinload(m.Solution.publisher),
                selectinload(m.Solution.interfaces).selectinload(m.SolutionInterface.standard),
            )
            .order_by(m.Solution.slug)
        )  # fmt: skip
        if after:
            query = query.where(m.Solution.slug > after)
        limit = _page_size(size)
        rows = list(self.db.scalars(query.limit(limit + 1)))
        more = len(rows) > limit
        return Page(rows[:limit], rows[limit - 1].slug if more else None)

    def span(self) -> tuple[datetime, datetime]:
        """When the first entry was created and the last one changed (the catalogue's dates)."""
        first, last = self.db.execute(
            select(func.min(m.Solution.created_at), func.max(m.Solution.updated_at)).where(
                m.Solution.live()
            )
        ).one()
        now = utcnow()
        return (first or now), (last or first or now)

    def one_software(self, slug: str) -> m.Solution:
        """One entry by its id (slug)."""
        found = self.software_by_slug(slug)
        if found is None:
            raise NotFound(f"id: no software {slug!r}", field="id")
        return found

    def software_by_slug(self, slug: str) -> m.Solution | None:
        """One entry, or None."""
        return self.db.scalar(
            select(m.Solution)
            .where(m.Solution.slug == slug, m.Solution.live())
            .options(selectinload(m.Solution.repositories).selectinload(m.Repository.aliases))
        )

    def publishers(self, *, url: str | None = None, size: int = 25,
                   after: str | None = None) -> Page[Organisation]:  # fmt: skip
        """Organisations that publish or have code sources; ``url`` matches a code source."""
        publishing = select(m.Solution.publisher_id).where(m.Solution.live())
        query = (
            select(Organisation)
            .where(Organisation.live(),
                   or_(Organisation.id.in_(publishing), Organisation.sources.any()))
            .options(selectinload(Organisation.sources))
            .order_by(Organisation.slug)
        )  # fmt: skip
        if url:
            wanted = url.strip().rstrip("/").lower()
            query = query.where(
                Organisation.sources.any(CodeSource.url.in_([wanted, wanted + "/", url]))
            )
        if after:
            query = query.where(Organisation.slug > after)
        limit = _page_size(size)
        rows = list(self.db.scalars(query.limit(limit + 1)))
        more = len(rows) > limit
        return Page(rows[:limit], rows[limit - 1].slug if more else None)

    def one_publisher(self, slug: str) -> Organisation:
        """One publisher by its id (slug)."""
        org = live_organisation(self.db, slug, with_sources=True)
        if org is None:
            raise NotFound(f"id: no publisher {slug!r}", field="id")
        return org
