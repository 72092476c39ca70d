"""Finding and creating organisations from the references sources give.

Two ways in, on purpose apart: imports and crawls ``resolve`` what a source names (and
create it, unverified, when it is new); people editing an entry only ``choose`` an
organisation that exists, and a new one is ``create``-d in a separate, checked step, so
a typo or a spray of names never becomes an organisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from registry.entries import ORGANISATION_KINDS, SOURCE_DRIVERS, slugify, web_url
from registry.errors import Conflict, InvalidInput, NotFound
from registry.forges import DRIVER_ALIASES
from registry.organisations.models import CodeSource, Organisation

if TYPE_CHECKING:
    from registry.entries import OrganisationRef

__all__ = [
    "NewOrganisation",
    "OrganisationService",
    "OrganisationTaken",
    "UnknownOrganisation",
    "live_organisation",
    "matching",
    "named_organisation",
]
MIN_NAME, MAX_NAME = 3, 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LIKE_SPECIAL = re.compile(r"([\\%_])")


def live_organisation(
    session: Session, slug: str, *, with_sources: bool = False
) -> Organisation | None:
    """The organisation with this slug unless it was deleted: the one lookup by slug.

    Callers raise their own error, named after the field their input calls it.
    """
    query = select(Organisation).where(Organisation.slug == slug, Organisation.live())
    if with_sources:
        query = query.options(selectinload(Organisation.sources))
    return session.scalar(query)


def named_organisation(session: Session, slug: str) -> Organisation:
    """The live organisation an input's ``organisation`` field names, or ``NotFound``."""
    org = live_organisation(session, slug)
    if org is None:
        raise NotFound(f"organisation: no organisation '{slug}'", field="organisation")
    return org


class UnknownOrganisation(InvalidInput):
    """An edit names an organisation the registry does not hold (422).

    ``key`` and ``values`` name the message for pages that speak one language.
    """

    key = "edit.unknown_organisation"

    def __init__(self, field: str, name: str) -> None:
        super().__init__(
            f"{field}: „{name}“ ist keine Organisation im Register. Wählen Sie eine "
            "bestehende (Name, Kürzel oder Kennung) oder legen Sie sie zuerst an "
            "(POST /api/v1/organisations). / "
            f"{field}: '{name}' is not an organisation in the registry. Choose an existing "
            "one (name, slug or identifier) or create it first (POST /api/v1/organisations).",
            field=field,
        )
        self.values = {"name": name}


class OrganisationTaken(Conflict):
    """A new organisation would duplicate an existing one (409); names the existing one."""

    def __init__(self, field: str, existing: Organisation) -> None:
        super().__init__(
            f"{field}: „{existing.name}“ ({existing.slug}) ist schon im Register; bitte diese "
            "Organisation wählen. / "
            f"{field}: '{existing.name}' ({existing.slug}) is already in the registry; "
            "choose that organisation.",
            field=field,
        )
        self.existing = existing


@dataclass(frozen=True, slots=True)
class NewOrganisation:
    """What a member gives to add an organisation (``OrganisationService.create``)."""

    name: str
    kind: str
    identifier: str | None = None
    website: str | None = None


class OrganisationService:
    """Domain verbs on organisations. Never commits: the caller owns the unit of work."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def get(self, slug: str) -> Organisation:
        """The organisation with this slug, or ``NotFound``."""
        org = live_organisation(self.db, slug, with_sources=True)
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

    def choose(self, ref: OrganisationRef, *, field: str) -> Organisation:
        """The existing organisation an edit names, never a new one.

        Matched by slug, then official identifier, then exact name, each ignoring case
        (a bare text is tried as all three, so a provider's short name finds it). A name
        that several organisations share is refused: the slug tells them apart.
        """
        live = Organisation.live()
        text = ref.name.strip()
        slug = (ref.slug or text).strip().lower()
        identifier = (ref.identifier or text).strip()
        for clause in (func.lower(Organisation.slug) == slug,
                       Organisation.identifier == identifier):  # fmt: skip
            org = self.db.scalar(select(Organisation).where(clause, live).limit(1))
            if org is not None:
                return org
        named = list(self.db.scalars(
            select(Organisation).where(func.lower(Organisation.name) == text.lower(), live)
            .order_by(Organisation.slug).limit(5)
        ))  # fmt: skip
        if len(named) > 1:
            slugs = ", ".join(o.slug for o in named)
            raise InvalidInput(
                f"{field}: mehrere Organisationen heißen „{text}“ ({slugs}); bitte das Kürzel "
                f"angeben. / several organisations are called '{text}' ({slugs}); give the "
                "slug.",
                field=field,
            )
        if not named:
            raise UnknownOrganisation(field, text)
        return named[0]

    def search(self, q: str, *, limit: int = 20) -> list[Organisation]:
        """Organisations whose name, slug or identifier holds ``q`` (any case), verified
        ones first: what an editor picks a provider or funder from."""
        query = select(Organisation).where(Organisation.live(), matching(q))
        order = (Organisation.verified.desc(), func.lower(Organisation.name), Organisation.slug)
        return list(self.db.scalars(query.order_by(*order).limit(limit)))

    def create(self, new: NewOrganisation) -> Organisation:
        """A new, unverified organisation after its checks: a readable name, a known kind,
        and no organisation with the same name, slug, identifier or website."""
        name = " ".join(unicodedata.normalize("NFC", new.name).split())
        if not MIN_NAME <= len(name) <= MAX_NAME or _CONTROL.search(name):
            raise InvalidInput(
                f"name: {MIN_NAME} bis {MAX_NAME} Zeichen, ohne Steuerzeichen. / "
                f"{MIN_NAME} to {MAX_NAME} characters, no control characters.",
                field="name",
            )
        slug = slugify(name)
        if not any(ch.isalnum() for ch in name):
            raise InvalidInput("name: braucht Buchstaben oder Ziffern. / needs letters or "
                               "digits.", field="name")  # fmt: skip
        if new.kind not in ORGANISATION_KINDS:
            raise InvalidInput(
                f"kind: eine von / one of {', '.join(ORGANISATION_KINDS)}", field="kind"
            )
        identifier = (new.identifier or "").strip() or None
        if identifier is not None and (len(identifier) > 300 or _CONTROL.search(identifier)
                                       or " " in identifier):  # fmt: skip
            raise InvalidInput("identifier: höchstens 300 Zeichen ohne Leerzeichen. / at most "
                               "300 characters without spaces.", field="identifier")  # fmt: skip
        website = web_url("website", new.website) if new.website else None
        self._refuse_duplicate(name, slug, identifier, website)
        org = Organisation(slug=self._free_slug(slug), name=name, kind=new.kind,
                           identifier=identifier, website=website)  # fmt: skip
        self.db.add(org)
        self.db.flush()
        return org

    def resolve(self, ref: OrganisationRef) -> Organisation:
        """Find the organisation a reference names, creating it (unverified) if new.

        For what sources state (imports, crawls); people's edits ``choose`` instead.
        """
        org = self.find(ref)
        if org is not None:
            return org

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
        driver = DRIVER_ALIASES.get(driver, driver)
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

    def _refuse_duplicate(
        self, name: str, slug: str, identifier: str | None, website: str | None
    ) -> None:
        live = Organisation.live()
        checks: list[tuple[str, ColumnElement[bool]]] = [
            ("name", live & (func.lower(Organisation.name) == name.lower())),
        ]
        if any(ch.isascii() and ch.isalnum() for ch in name):  # else the slug is a stand-in
            checks.append(("name", live & (Organisation.slug == slug)))
        if identifier:  # unique even among deleted organisations
            checks.append(("identifier", Organisation.identifier == identifier))
        if website:
            spellings = func.lower(Organisation.website).in_(_spellings(website))
            checks.append(("website", live & spellings))
        for field, clause in checks:
            existing = self.db.scalar(select(Organisation).where(clause).limit(1))
            if existing is not None:
                raise OrganisationTaken(field, existing)


def matching(q: str) -> ColumnElement[bool]:
    """Organisations whose name, slug or identifier holds ``q``, ignoring case (all for "")."""
    text = q.strip().lower()
    if not text:
        return true()
    pattern = "%" + _LIKE_SPECIAL.sub(r"\\\1", text) + "%"
    return or_(
        func.lower(Organisation.name).like(pattern, escape="\\"),
        func.lower(Organisation.slug).like(pattern, escape="\\"),
        func.lower(Organisation.identifier).like(pattern, escape="\\"),
    )


def _spellings(website: str) -> list[str]:
    """The ways one website is commonly written: http or https, with ``www.`` or not,
    with a trailing slash or not (lower case, as compared)."""
    rest = re.sub(r"^https?://(www\.)?", "", website.strip().lower()).rstrip("/")
    return [f"{scheme}://{www}{rest}{slash}" for scheme in ("http", "https")
            for www in ("", "www.") for slash in ("", "/")]  # fmt: skip
