"""Accounts, memberships and API tokens: creation, authentication, revocation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import email_validator
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from registry.accounts import secrets
from registry.accounts.authz import ROLE_MAX_SCOPE, SCOPE_RANK, Principal, allowed_scope
from registry.accounts.models import Account, ApiToken, Membership
from registry.db import utcnow
from registry.errors import Conflict, InvalidInput, NotFound, Unauthorized
from registry.organisations import Organisation, named_organisation

ROLES = tuple(ROLE_MAX_SCOPE)
SCOPES = tuple(SCOPE_RANK)
MAX_TOKEN_DAYS = 3650


@dataclass(frozen=True)
class IssuedToken:
    """A token just created: ``token`` is the only time the secret exists in clear."""

    token: str
    record: ApiToken


def normalise_email(email: str) -> str:
    """The canonical form of an address, or ``InvalidInput`` naming the field."""
    try:
        checked = email_validator.validate_email(
            email.strip(), check_deliverability=False, globally_deliverable=False
        )
    except email_validator.EmailNotValidError as exc:
        raise InvalidInput(  # the validator's own reason is English: the API keeps it
            f"email: keine gültige E-Mail-Adresse (z. B. name@stadt.de) / not a valid e-mail "
            f"address: {exc}",
            field="email",
        ) from exc
    return checked.normalized.lower()


def sign_in_address(email: str) -> str:
    """What a sign-in attempt is counted and looked up by: :func:`normalise_email`, and for
    text that is no valid address the same trimming and case folding, so no spelling of one
    address (spaces, case) earns its own allowance of guesses."""
    try:
        return normalise_email(email)
    except InvalidInput:
        return email.strip().lower()


class AccountService:
    """Operations on accounts and their tokens, on one unit of work."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def create(
        self,
        email: str,
        *,
        role: str,
        organisation: str | None = None,
        organisation_admin: bool = False,
        password: str | None = None,
        name: str | None = None,
    ) -> Account:
        """A new account; members name their organisation, and the email must be new."""
        address = normalise_email(email)
        if role not in ROLES:
            raise InvalidInput(f"role: must be one of {', '.join(ROLES)}", field="role")
        if role == "member" and not organisation:
            raise InvalidInput(
                "organisation: Mitglieder gehören zu einer Organisation. / "
                "members belong to an organisation",
                field="organisation",
            )
        if self.db.scalar(select(Account.id).where(Account.email == address)) is not None:
            raise Conflict(f"email: an account for {address} exists", field="email")
        org = self._organisation(organisation) if organisation else None
        account = Account(email=address, role=role, name=name)
        if password is not None:
            account.password_hash = secrets.hash_password(check_password(password))
        if org is not None:
            account.memberships.append(
                Membership(organisation_id=org.id, is_admin=organisation_admin)
            )
        self.db.add(account)
        self.db.flush()
        return account

    def get(self, email: str) -> Account:
        """The account with this address, or ``NotFound``."""
        account = self.db.scalar(
            select(Account)
            .where(Account.email == normalise_email(email))
            .options(selectinload(Account.memberships))
        )
        if account is None:
            raise NotFound(f"email: no account for {email}", field="email")
        return account

    def add_membership(self, email: str, organisation: str, *, admin: bool = False) -> Membership:
        """Make an account a member (or admin) of an organisation; idempotent."""
        account = self.get(email)
        org = self._organisation(organisation)
        for membership in account.memberships:
            if membership.organisation_id == org.id:
                membership.is_admin = membership.is_admin or admin
                return membership
        membership = Membership(organisation_id=org.id, is_admin=admin)
        account.memberships.append(membership)
        self.db.flush()
        return membership

    def members(self, organisation: str) -> list[tuple[Account, Membership]]:
        """An organisation's accounts and their memberships, by e-mail."""
        org = self._organisation(organisation)
        rows = self.db.execute(
            select(Account, Membership)
            .join(Membership, Membership.account_id == Account.id)
            .where(Membership.organisation_id == org.id)
            .order_by(Account.email)
        )
        return [(row[0], row[1]) for row in rows]

    def remove_membership(self, email: str, organisation: str) -> None:
        """End a membership; the last admin of an organisation cannot leave it leaderless."""
        account = self.get(email)
        org = self._organisation(organisation)
        membership = next((m for m in account.memberships if m.organisation_id == org.id), None)
        if membership is None:
            raise NotFound(f"email: {email} is not a member of {organisation}", field="email")
        if membership.is_admin:
            admins = [m for _a, m in self.members(organisation) if m.is_admin]
            if len(admins) == 1:
                raise Conflict(
                    "email: die letzte Administration der Organisation kann nicht gehen. / "
                    "the organisation's last admin cannot leave",
                    field="email",
                )
        account.memberships.remove(membership)
        self.db.flush()
        self.end_sessions(account.id)  # a removed member's open pages stop working now

    def set_password(self, email: str, password: str) -> Account:
        """A new password for the account; it ends every session opened with the old one."""
        account = self.get(email)
        account.password_hash = secrets.hash_password(check_password(password))
        self.db.flush()
        self.end_sessions(account.id)
        return account

    def end_sessions(self, account_id: int) -> None:
        """Refuse every browser session of the account issued so far (sign-out, password
        change, removal): the cookies carry a generation that no longer matches. One
        atomic increment, so two sign-outs at once cannot both keep an old value."""
        self.db.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(session_generation=Account.session_generation + 1)
        )

    def issue_token(
        self,
        email: str,
        *,
        scope: str,
        name: str | None = None,
        days: int | None = None,
        now: datetime | None = None,
    ) -> IssuedToken:
        """A new API token for the account; its scope may not exceed the account's role."""
        account = self.get(email)
        if scope not in SCOPES:
            raise InvalidInput(f"scope: must be one of {', '.join(SCOPES)}", field="scope")
        if not allowed_scope(account.role, scope):
            raise InvalidInput(
                f"scope: an account with role '{account.role}' may hold at most "
                f"'{ROLE_MAX_SCOPE[account.role]}'",
                field="scope",
            )
        if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
            raise InvalidInput(f"days: must be between 1 and {MAX_TOKEN_DAYS}", field="days")
        moment = now or utcnow()
        token, prefix, digest = secrets.new_token()
        record = ApiToken(
            account_id=account.id, name=name, token_hash=digest, prefix=prefix, scope=scope,
            created_at=moment, expires_at=moment + timedelta(days=days) if days else None,
        )  # fmt: skip
        self.db.add(record)
        self.db.flush()
        return IssuedToken(token=token, record=record)

    def tokens(self, email: str) -> list[ApiToken]:
        """The account's tokens, newest first (hashes only)."""
        account = self.get(email)
        return list(
            self.db.scalars(
                select(ApiToken)
                .where(ApiToken.account_id == account.id)
                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
            )
        )

    def revoke(
        self, prefix: str, *, account_id: int | None = None, now: datetime | None = None
    ) -> ApiToken:
        """Revoke a token by its prefix; ``account_id`` limits it to one's own tokens."""
        query = select(ApiToken).where(ApiToken.prefix == prefix)
        if account_id is not None:
            query = query.where(ApiToken.account_id == account_id)
        record = self.db.scalar(query)
        if record is None:
            raise NotFound(f"token: no token with prefix {prefix}", field="token")
        if record.revoked_at is None:
            record.revoked_at = now or utcnow()
        return record

    def authenticate(self, token: str, *, now: datetime | None = None) -> Principal:
        """The principal a bearer token stands for; ``Unauthorized`` if it is not valid."""
        moment = now or utcnow()
        digest = secrets.token_hash(token.strip())
        record = self.db.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
        if record is None or not secrets.same_hash(record.token_hash, digest):
            raise Unauthorized("Unbekanntes Token. / Unknown token.")
        if record.revoked_at is not None:
            raise Unauthorized("Das Token wurde widerrufen. / The token has been revoked.")
        if record.expires_at is not None and record.expires_at <= moment:
            raise Unauthorized("Das Token ist abgelaufen. / The token has expired.")
        account = self.db.get(Account, record.account_id)
        if account is None or not account.active:
            raise Unauthorized("Das Konto ist deaktiviert. / The account is disabled.")
        record.last_used_at = moment
        return _principal(account, record.scope)

    def activate(self, email: str) -> Account:
        """Confirm a signed-up account by hand (a registry admin, when no mail is sent)."""
        account = self.get(email)
        account.active = True
        self.db.flush()
        return account

    def sign_in(self, email: str, password: str, *, now: datetime | None = None) -> Account:
        """The account whose password this is; one message for every failure, so a
        stranger cannot learn which addresses have accounts."""
        refused = Unauthorized(
            "E-Mail-Adresse oder Passwort falsch. / Wrong e-mail address or password."
        )
        try:
            address = normalise_email(email)
        except InvalidInput as exc:
            raise refused from exc
        account = self.db.scalar(
            select(Account)
            .where(Account.email == address)
            .options(selectinload(Account.memberships))
        )
        if not secrets.verify_password(account.password_hash if account else None, password):
            raise refused
        if account is None or not account.active:
            raise refused
        account.last_login_at = now or utcnow()
        return account

    def oidc_sign_in(
        self, subject: str, email: str | None, *, email_verified: bool, now: datetime | None = None
    ) -> Account:
        """The account an identity provider vouches for: by its subject, or on first use by
        a verified e-mail address (then linked). Accounts are never created this way: an
        admin or organisation admin decides who belongs."""
        account = self.db.scalar(
            select(Account)
            .where(Account.oidc_subject == subject)
            .options(selectinload(Account.memberships))
        )
        if account is None and email and email_verified:
            candidate = self.db.scalar(
                select(Account).where(Account.email == normalise_email(email))
            )
            if candidate is not None and candidate.oidc_subject is None:
                candidate.oidc_subject = subject
                account = candidate
        if account is None or not account.active:
            raise Unauthorized(
                "Für diese Anmeldung gibt es kein Konto; bitte wenden Sie sich an die "
                "Administration. / No account matches this sign-in; please ask an administrator."
            )
        account.last_login_at = now or utcnow()
        return account

    def principal(self, account_id: int, *, session_generation: int) -> Principal | None:
        """The principal of a signed-in account (from its session), or ``None`` if the
        account is gone or disabled, or the session was ended (its generation is old).

        A browser session acts with the widest scope its role allows; the API never
        accepts sessions (only tokens), so this scope cannot be used cross-site.
        """
        account = self.db.scalar(
            select(Account)
            .where(Account.id == account_id)
            .options(selectinload(Account.memberships))
        )
        if account is None or not account.active:
            return None
        if account.session_generation != session_generation:
            return None
        return _principal(account, ROLE_MAX_SCOPE[account.role])

    def _organisation(self, slug: str) -> Organisation:
        return named_organisation(self.db, slug)


def _principal(account: Account, scope: str) -> Principal:
    return Principal(
        account_id=account.id, email=account.email, role=account.role, scope=scope,
        organisation_ids=frozenset(m.organisation_id for m in account.memberships),
        admin_of=frozenset(m.organisation_id for m in account.memberships if m.is_admin),
    )  # fmt: skip


def check_password(password: str) -> str:
    """A password long enough to resist guessing (NIST SP 800-63B: length over rules)."""
    if len(password) < secrets.MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"password: mindestens {secrets.MIN_PASSWORD_LENGTH} Zeichen. / "
            f"at least {secrets.MIN_PASSWORD_LENGTH} characters.",
            field="password",
        )
    return password
