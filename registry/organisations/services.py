"""Finding and creating organisations from the references sources give."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from registry.errors import InvalidInput, NotFound
from registry.organisations.models import CodeSource, Organisation

if TYPE_CHECKING:
    from registry.catalogue.drafts import OrganisationRef

# The catalogue builds on this module, so catalogue helpers are imported where used
# (a module-level import would be circular whichever package is imported first).


class OrganisationService:
    """Domain verbs on organisations. Never commits: the caller owns the unit of work."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def get(self, slug: str) -> Organisation:
        """The organisation with this slug, or ``NotFound``."""
        org = self.db.scalar(
            select(Organisation)
            .where(Organisation.slug == slug, Organisation.deleted_at.is_(None))
            .options(selectinload(Organisation.sources))
        )
        if org is None:
            raise NotFound(f"organisation {slug!r} not found", field="slug")
        return org

    def find(self, ref: OrganisationRef) -> Organisation | None:
        """Match by slug, then official identifier, then website, then exact name."""
        clauses = []
        if ref.slug:
            clauses.append(Organisation.slug == ref.slug)
        if ref.identifier:
            clauses.append(Organisation.identifier == ref.identifier)
        if ref.website:
            clauses.append(Organisation.website == ref.website)
        clauses.append(func.lower(Organisation.name) == ref.name.strip().lower())
        for clause in clauses:
            org = self.db.scalar(select(Organisation).where(clause).limit(1))
            if org is not None:
                return org
        return None

    def resolve(self, ref: OrganisationRef) -> Organisation:
        """Find the organisation a reference names, creating it (unverified) if new."""
        org = self.find(ref)
        if org is not None:
            return org
        from registry.catalogue.urls import slugify  # noqa: PLC0415 - see module note
        from registry.catalogue.vocab import ORGANISATION_KINDS  # noqa: PLC0415

        kind = ref.kind or "other-public-body"
        if kind not in ORGANISATION_KINDS:
            raise InvalidInput(f"organisation.kind: unknown kind {kind!r}", field="kind")
        org = Organisation(
            slug=self._free_slug(ref.slug or slugify(ref.name)),
            name=ref.name.strip()[:300],
            kind=kind,
            identifier=ref.identifier,
            website=ref.website,
        )
        self.db.add(org)
        self.db.flush()
        return org

    def add_source(self, org: Organisation, url: str, driver: str) -> CodeSource:
        """Register a code-hosting place for an organisation (idempotent by URL)."""
        from registry.catalogue.vocab import SOURCE_DRIVERS  # noqa: PLC0415 - see module note

        if driver not in SOURCE_DRIVERS:
            raise InvalidInput(
                f"driver: must be one of {', '.join(SOURCE_DRIVERS)}", field="driver"
            )
        existing = self.db.scalar(select(CodeSource).where(CodeSource.url == url))
        if existing is not None:
            if existing.organisation_id != org.id:
                raise InvalidInput(
                    f"url: {url} is registered for another organisation", field="url"
                )
            return existing
        source = CodeSource(organisation=org, url=url, driver=driver)
        self.db.add(source)
        self.db.flush()
        return source

    def _free_slug(self, base: str) -> str:
        slug, n = base, 1
        while self.db.scalar(select(Organisation.id).where(Organisation.slug == slug)):
            n += 1
            slug = f"{base}-{n}"
        return slug
