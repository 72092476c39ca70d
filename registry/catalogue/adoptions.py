"""Adoption declarations: an organisation says it uses, operates, funds or co-develops.

A declaration counts as verified because the adopting organisation made it itself; it
lapses after ``VALID_FOR`` unless reconfirmed, so the adopter count never rests on
stale claims. A ``usedBy`` line in the publisher's file stays a claim until a member of
the named organisation confirms it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.catalogue.derived import entry_changed
from registry.entries import ADOPTION_ROLES, OrganisationRef, web_url
from registry.errors import Conflict, Forbidden, InvalidInput, NotFound
from registry.organisations import Organisation, OrganisationService, named_organisation

VALID_FOR = timedelta(days=730)  # 24 months
_ADDRESS = re.compile(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[a-zA-Z]{2,}")
#: Both sides are told this long before a declaration runs out, and again once it has.
REMIND_BEFORE = timedelta(days=30)


@dataclass(frozen=True)
class Declaration:
    """What a member declares for their organisation."""

    organisation: str  # slug
    role: str = "uses"
    since: date | None = None
    version: str | None = None
    instance_url: str | None = None
    public_contact: str | None = None
    #: The person named in ``public_contact`` agreed to be shown to every reader.
    contact_consent: bool = False


def contact_link(adoption: m.Adoption) -> str | None:
    """Where "ask this town" goes in one click: the public contact if it is an address or
    a web page, else the organisation's own address or website (None: nowhere)."""
    contact = (adoption.public_contact or "").strip()
    org = adoption.organisation
    for candidate in (contact, org.email if org else None, org.website if org else None):
        link = _link(candidate or "")
        if link:
            return link
    return None


def _link(text: str) -> str | None:
    if _ADDRESS.fullmatch(text):
        return f"mailto:{text}"
    try:
        return web_url("public_contact", text) if text.startswith(("http://", "https://")) else None
    except InvalidInput:
        return None


class AdoptionService:
    """Declare, reconfirm, confirm and withdraw adoptions; never commits.

    Adoptions count in the score, so each verb renews it (``registry.catalogue.derived``).
    """

    def __init__(self, session: Session) -> None:
        self.db = session

    def organisation(self, slug: str) -> Organisation:
        """The adopting organisation, or ``NotFound`` naming the field."""
        return named_organisation(self.db, slug)

    def declare(
        self,
        solution: m.Solution,
        declaration: Declaration,
        *,
        account_id: int | None,
        now: datetime,
    ) -> tuple[m.Adoption, bool]:
        """Record (or renew) a verified declaration; returns it and whether it is new."""
        if declaration.role not in ADOPTION_ROLES:
            raise InvalidInput(f"role: must be one of {', '.join(ADOPTION_ROLES)}", field="role")
        if declaration.instance_url:
            web_url("instance_url", declaration.instance_url)
        if declaration.public_contact and not declaration.contact_consent:
            raise InvalidInput(
                "contact_consent: ein öffentlicher Kontakt ist für alle sichtbar; bitte die "
                "Einwilligung der genannten Person bestätigen / a public contact is shown to "
                "everyone; confirm that the person named agreed",
                field="contact_consent",
            )
        org = self.organisation(declaration.organisation)
        adoption = next(
            (a for a in solution.adoptions
             if a.organisation_id == org.id and a.role == declaration.role),
            None,
        )  # fmt: skip
        created = adoption is None
        if adoption is None:
            adoption = m.Adoption(organisation_id=org.id, role=declaration.role)
            solution.adoptions.append(adoption)
        adoption.verified = True
        adoption.since = declaration.since or adoption.since
        adoption.version = declaration.version or adoption.version
        adoption.instance_url = declaration.instance_url or adoption.instance_url
        adoption.public_contact = declaration.public_contact or adoption.public_contact
        adoption.declared_by_id = account_id
        adoption.reconfirmed_at = now
        adoption.expires_at = now + VALID_FOR
        adoption.reminded_at = None
        adoption.until = None
        self.db.flush()
        entry_changed(self.db, solution, now=now)
        return adoption, created

    def confirm_claim(
        self, adoption: m.Adoption, organisation: Organisation, *, account_id: int, now: datetime
    ) -> m.Adoption:
        """A member of the named organisation turns a ``usedBy`` claim into a declaration.

        Only the organisation the claim names may confirm it (the caller checked the
        membership): confirming as another organisation would take the line over and
        remove the named one's claim.
        """
        if adoption.verified:
            raise InvalidInput("adoption: already verified", field="adoption")
        if not self._names(adoption, organisation):
            named = adoption.claim_text or (
                adoption.organisation.name if adoption.organisation else "?"
            )
            raise Forbidden(
                f"organisation: the claim names „{named}“, not „{organisation.name}“; only "
                f"its members may confirm it / the claim names “{named}”, not "
                f"“{organisation.name}”; only its members may confirm it",
                field="organisation",
            )
        twins = (a for a in adoption.solution.adoptions if a is not adoption
                 and a.organisation_id == organisation.id and a.role == adoption.role)  # fmt: skip
        twin = next(twins, None)
        if twin is not None:  # one row per organisation and role: confirm or renew that one
            raise Conflict(
                f"adoption: {organisation.name} hat hier schon Eintrag {twin.id} als "
                f"{adoption.role} / already has adoption {twin.id} as {adoption.role} here",
                field="adoption",
            )
        adoption.organisation_id = organisation.id
        adoption.verified = True
        adoption.declared_by_id = account_id
        adoption.reconfirmed_at = now
        adoption.expires_at = now + VALID_FOR
        self.db.flush()
        entry_changed(self.db, adoption.solution, now=now)
        return adoption

    def _names(self, adoption: m.Adoption, organisation: Organisation) -> bool:
        """Whether a claim names this organisation (matched on import, or by its text)."""
        if adoption.organisation_id is not None:
            return adoption.organisation_id == organisation.id
        text = (adoption.claim_text or "").strip()
        found = OrganisationService(self.db).find(OrganisationRef(name=text)) if text else None
        return found is not None and found.id == organisation.id

    def get(self, solution: m.Solution, adoption_id: int) -> m.Adoption:
        """One adoption of this solution, or ``NotFound``."""
        adoption = next((a for a in solution.adoptions if a.id == adoption_id), None)
        if adoption is None:
            raise NotFound(
                f"adoption: no adoption {adoption_id} on this solution", field="adoption"
            )
        return adoption

    def withdraw(
        self, solution: m.Solution, adoption: m.Adoption, *, now: datetime | None = None
    ) -> None:
        """The organisation no longer uses it: the row goes (the audit trail keeps it)."""
        solution.adoptions.remove(adoption)
        self.db.flush()
        entry_changed(self.db, solution, now=now)


def due_reminders(session: Session, now: datetime) -> list[m.Adoption]:
    """Verified declarations running out within ``REMIND_BEFORE`` (or run out) whose sides
    have not been told since: once before expiry, once after."""
    candidates = session.scalars(
        select(m.Adoption).where(
            m.Adoption.verified.is_(True),
            m.Adoption.expires_at.is_not(None),
            m.Adoption.expires_at <= now + REMIND_BEFORE,
        )
    )
    due = []
    for adoption in candidates:
        expires = adoption.expires_at
        assert expires is not None
        told = adoption.reminded_at
        if told is None or (expires <= now and told < expires):
            due.append(adoption)
    return due


def is_current(adoption: m.Adoption, now: datetime) -> bool:
    """A verified declaration counts until it expires; claims never count as verified."""
    return adoption.verified and (adoption.expires_at is None or adoption.expires_at > now)
