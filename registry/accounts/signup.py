"""Self-service sign-up: a person makes an account, confirms the address, joins or
registers an organisation.

The account is made inactive and becomes active when the link in the confirmation
mail is followed (or a registry admin confirms it, when no mail server is configured),
so nobody acts under an address they do not hold. The link carries a signed,
expiring token (HMAC with the registry's secret), so nothing extra is stored.

An organisation is *joined* by asking its admins (a ``JoinRequest`` they approve or
refuse) or *registered* new: it starts unverified and its registrant is its first
admin. German municipalities and counties are found by their official key (AGS, 8
digits, or ARS, 12 digits); a key or name already registered is a conflict naming the
organisation to join instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import links, secrets
from registry.accounts.authz import Principal
from registry.accounts.models import Account, JoinRequest, Membership
from registry.accounts.services import check_password, normalise_email
from registry.errors import Conflict, Forbidden, InvalidInput, NotFound, RegistryError
from registry.organisations import (
    NewOrganisation,
    Organisation,
    OrganisationService,
    live_organisation,
)

#: How long a confirmation link works.
CONFIRM_SECONDS: Final = 3 * 24 * 3600
_OFFICIAL_KEY: Final = re.compile(r"^(?:\d{8}|\d{12})$")


@dataclass(frozen=True)
class SignUp:
    """What the form asks: the person, and either an organisation to join or a new one."""

    email: str
    password: str
    name: str = ""
    join: str | None = None  # slug of an existing organisation
    register: NewOrganisation | None = None


@dataclass(frozen=True)
class SignedUp:
    """The inactive account, its organisation and the confirmation token for the mail."""

    account: Account
    organisation: Organisation | None
    pending: bool  # a join request waits for the organisation's admins
    token: str


def official_key(text: str | None) -> str | None:
    """An AGS/ARS without spaces, or any other identifier (a URI) as typed."""
    if not text or not text.strip():
        return None
    compact = re.sub(r"\s+", "", text)
    return compact if _OFFICIAL_KEY.match(compact) else text.strip()[:300]


def find_organisations(session: Session, text: str, *, limit: int = 10) -> list[Organisation]:
    """Organisations to join: by name, slug or official key (typed with or without spaces)."""
    wanted = text.strip()
    if len(wanted) < 2:
        return []
    return OrganisationService(session).search(official_key(wanted) or wanted, limit=limit)


def waiting_requests(session: Session, organisation_ids: frozenset[int]) -> list[JoinRequest]:
    """Join requests for these organisations (those an admin manages), oldest first."""
    if not organisation_ids:
        return []
    return list(
        session.scalars(
            select(JoinRequest)
            .where(JoinRequest.organisation_id.in_(organisation_ids))
            .order_by(JoinRequest.id)
        )
    )


class SignUpService:
    """Sign-up, confirmation and join requests, on one unit of work."""

    def __init__(self, session: Session, secret: bytes) -> None:
        self.db = session
        self.secret = secret

    # -- sign-up -------------------------------------------------------------------------
    def sign_up(self, form: SignUp, *, now: float | None = None) -> SignedUp:
        """An inactive account and its organisation link; raises naming the field."""
        address = normalise_email(form.email)
        check_password(form.password)
        if (form.join is None) == (form.register is None):
            raise InvalidInput(
                "organisation: eine Organisation wählen oder neu anlegen / "
                "choose an organisation to join or register a new one",
                field="organisation",
            )
        if self.db.scalar(select(Account.id).where(Account.email == address)) is not None:
            raise Conflict(
                f"email: für {address} gibt es schon ein Konto; bitte anmelden / "
                f"an account for {address} exists; please sign in",
                field="email",
            )
        account = Account(
            email=address, role="member", name=form.name.strip()[:300] or None, active=False,
            password_hash=secrets.hash_password(form.password),
        )  # fmt: skip
        self.db.add(account)
        self.db.flush()
        if form.register is not None:
            org = self._register(form.register)
            account.memberships.append(Membership(organisation_id=org.id, is_admin=True))
            pending = False
        else:
            org = self._live(form.join or "")
            self.db.add(JoinRequest(account_id=account.id, organisation_id=org.id))
            pending = True
        self.db.flush()
        return SignedUp(account, org, pending, self.token(account, now=now))

    def _register(self, new: NewOrganisation) -> Organisation:
        """The organisation rules of ``OrganisationService.create`` (one place), with the
        form's field names (``register.…``) in any error."""
        try:
            return OrganisationService(self.db).create(
                replace(new, identifier=official_key(new.identifier))
            )
        except RegistryError as exc:
            exc.field = f"register.{exc.field}"  # the same error, named as the form names it
            raise

    def _live(self, slug: str) -> Organisation:
        org = live_organisation(self.db, slug)
        if org is None:
            raise NotFound(f"join: keine Organisation „{slug}“ / no organisation {slug!r}",
                           field="join")  # fmt: skip
        return org

    # -- confirmation --------------------------------------------------------------------
    def token(self, account: Account, *, now: float | None = None) -> str:
        """A link token for this account and address, valid ``CONFIRM_SECONDS``."""
        fields = [str(account.id), account.email]
        return links.sign(self.secret, "confirm", fields, seconds=CONFIRM_SECONDS, now=now)

    def confirm(self, token: str, *, now: float | None = None) -> Account:
        """Activate the account the token names; a bad or expired token is refused."""
        bad = InvalidInput(
            "token: der Bestätigungslink ist ungültig oder abgelaufen / "
            "the confirmation link is invalid or has expired",
            field="token",
        )
        try:
            account_id, email = links.read(self.secret, "confirm", token, now=now)
            number = int(account_id)
        except ValueError:
            raise bad from None
        account = self.db.get(Account, number)
        if account is None or account.email != email:
            raise bad
        account.active = True
        self.db.flush()
        return account

    # -- join requests -------------------------------------------------------------------
    def decide(self, request_id: int, *, by: Principal, approve: bool) -> JoinRequest:
        """An admin of the organisation (or a registry admin) approves (a membership is
        made) or refuses a join request."""
        request = self.db.get(JoinRequest, request_id)
        if request is None:
            raise NotFound("request: no such join request", field="request")
        if not (by.is_admin or request.organisation_id in by.admin_of):
            raise Forbidden(
                "request: nur Admins der Organisation entscheiden / "
                "only the organisation's admins decide",
                field="request",
            )
        member = self.db.scalar(
            select(Membership.id).where(Membership.account_id == request.account_id,
                                        Membership.organisation_id == request.organisation_id)
        )  # fmt: skip
        if approve and member is None:  # a member already (added by hand): nothing to add
            self.db.add(Membership(account_id=request.account_id,
                                   organisation_id=request.organisation_id))  # fmt: skip
        self.db.delete(request)
        self.db.flush()
        return request
