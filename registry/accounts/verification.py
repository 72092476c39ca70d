"""Verifying an organisation by an address at one of its official domains.

An organisation's admins (or a registry admin) state its official domains. A member
whose address is at one of them asks for a confirmation link, which is mailed to that
address; following it verifies the organisation and records the domain as proved
(``verified_domains``, the evidence imports rely on). A registry admin may verify an
organisation directly. Callers check who may ask (``authz``); this module checks what.

A stated domain must be a registrable domain: not a public suffix (``co.uk``), not a
shared host (``github.io``) and not a free mail provider, since one address there would
otherwise verify an organisation for everybody holding one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from publicsuffixlist import PublicSuffixList
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import links
from registry.accounts.models import Account, Membership
from registry.errors import Forbidden, InvalidInput
from registry.notify import Mail
from registry.organisations import Organisation

__all__ = [
    "CONFIRM_SECONDS",
    "DomainLink",
    "VerificationService",
    "matching_domain",
    "official_domain",
    "verification_mail",
]

#: How long a verification link works.
CONFIRM_SECONDS: Final = 3 * 24 * 3600
MAX_DOMAINS: Final = 20
_PURPOSE: Final = "verify-organisation"
_LABEL: Final = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
#: Addresses anyone can have: never an organisation's official domain.
FREE_MAIL: Final = frozenset({
    "aol.com", "arcor.de", "freenet.de", "gmail.com", "gmx.at", "gmx.ch", "gmx.de", "gmx.net",
    "googlemail.com", "hotmail.com", "hotmail.de", "icloud.com", "live.com", "live.de",
    "mail.de", "mail.ru", "mailbox.org", "me.com", "msn.com", "online.de", "outlook.com",
    "outlook.de", "posteo.de", "proton.me", "protonmail.com", "t-online.de", "web.de",
    "yahoo.com", "yahoo.de", "yandex.com", "yandex.ru", "zoho.com",
})  # fmt: skip


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the bundled list: no download


def official_domain(text: str, *, field: str = "domains") -> str:
    """A stated domain in canonical form (lower case, IDNA), or ``InvalidInput``."""
    raw = text.strip().lower().rstrip(".")
    raw = re.sub(r"^[a-z][a-z0-9+.-]*://", "", raw).split("/", 1)[0].removeprefix("www.")
    try:
        domain = raw.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    labels = domain.split(".")
    if not 3 < len(domain) <= 253 or len(labels) < 2 or not all(map(_LABEL.match, labels)):
        raise InvalidInput(
            f"{field}: „{text.strip()[:100]}“ ist kein Domainname (z. B. stadt-beispiel.de) / "
            f"'{text.strip()[:100]}' is no domain name (e.g. stadt-beispiel.de)",
            field=field,
        )
    registrable = _suffixes().privatesuffix(domain)
    if registrable is None or domain in FREE_MAIL or registrable in FREE_MAIL:
        raise InvalidInput(
            f"{field}: {domain} ist eine öffentliche oder Freemail-Domain, keine der "
            f"Organisation / {domain} is a public or free-mail domain, not the organisation's",
            field=field,
        )
    return domain


def matching_domain(organisation: Organisation, email: str) -> str | None:
    """The stated domain the address is at (the domain itself or a subdomain of it)."""
    host = email.rpartition("@")[2].lower()
    for domain in organisation.domains or []:
        if host == domain or host.endswith("." + domain):
            return str(domain)
    return None


@dataclass(frozen=True, slots=True)
class DomainLink:
    """A verification link to mail: the token, the address it goes to, the domain proved."""

    token: str
    email: str
    domain: str


def verification_mail(link: DomainLink, organisation: Organisation, url: str) -> Mail:
    """The message carrying the link (``url`` holds the token)."""
    name = organisation.name
    return Mail(
        to=(link.email,),
        subject_de=f"{name} im Register bestätigen",
        subject_en=f"Verify {name} in the registry",
        body_de=f"Sie haben angefragt, „{name}“ über Ihre Adresse bei {link.domain} im Register "
        f"kommunaler Software zu bestätigen. Folgen Sie dazu diesem Link:\n{url}\n\n"
        "Der Link gilt drei Tage. Haben Sie nichts angefragt, ignorieren Sie diese Nachricht.",
        body_en=f"You asked to verify '{name}' in the registry of municipal software through "
        f"your address at {link.domain}. Follow this link to do so:\n{url}\n\n"
        "The link works for three days. If you asked for nothing, ignore this message.",
    )


class VerificationService:
    """Official domains and the verification of organisations; never commits."""

    def __init__(self, session: Session, secret: bytes) -> None:
        self.db = session
        self.secret = secret

    def set_domains(self, organisation: Organisation, domains: list[str]) -> Organisation:
        """State the official domains (each checked); a domain no longer stated stops
        counting as proved. The caller checked ``require_org_admin``."""
        if len(domains) > MAX_DOMAINS:
            raise InvalidInput(
                f"domains: höchstens {MAX_DOMAINS} / at most {MAX_DOMAINS}", field="domains"
            )
        stated = list(dict.fromkeys(official_domain(d) for d in domains if d.strip()))
        organisation.domains = stated
        organisation.verified_domains = [
            d for d in organisation.verified_domains or [] if d in stated
        ]
        self.db.flush()
        return organisation

    def request(self, organisation: Organisation, account: Account, *,
                now: float | None = None) -> DomainLink:  # fmt: skip
        """A link for a member whose own address is at one of the stated domains.

        The caller checked ``require_member``; the link goes to the member's address only.
        """
        domain = matching_domain(organisation, account.email)
        if domain is None:
            stated = ", ".join(organisation.domains or []) or "–"
            raise Forbidden(
                f"email: {account.email} liegt auf keiner offiziellen Domain der Organisation "
                f"({stated}) / is at none of the organisation's official domains ({stated})",
                field="email",
            )
        fields = (str(organisation.id), str(account.id), account.email, domain)
        token = links.sign(self.secret, _PURPOSE, fields, seconds=CONFIRM_SECONDS, now=now)
        return DomainLink(token, account.email, domain)

    def confirm(self, token: str, *, now: float | None = None,
                organisation_id: int | None = None) -> tuple[Organisation, Account]:  # fmt: skip
        """Follow the link: the organisation is verified and the domain proved.

        Refused when the link is bad or expired (or made for another organisation than
        ``organisation_id``), or when since it was sent the person left the organisation,
        changed address or the domain is no longer stated.
        """
        bad = InvalidInput(
            "token: der Bestätigungslink ist ungültig oder abgelaufen / "
            "the confirmation link is invalid or has expired",
            field="token",
        )
        try:
            org_id, account_id, email, domain = links.read(self.secret, _PURPOSE, token, now=now)
            organisation = self.db.get(Organisation, int(org_id))
            account = self.db.get(Account, int(account_id))
        except ValueError:
            raise bad from None
        if (organisation is None or organisation.deleted_at is not None or account is None
                or organisation_id not in (None, organisation.id)
                or account.email != email or domain not in (organisation.domains or [])
                or not self._member(account, organisation)):  # fmt: skip
            raise bad
        self.db.info["actor"] = f"account:{account.email}"  # the audit names whose link it was
        organisation.verified = True
        if domain not in (organisation.verified_domains or []):
            organisation.verified_domains = [*(organisation.verified_domains or []), domain]
        self.db.flush()
        return organisation, account

    def verify(self, organisation: Organisation) -> Organisation:
        """A registry admin vouches for the organisation (the caller checked
        ``require_admin``); its stated domains stay unproved until a link is followed."""
        organisation.verified = True
        self.db.flush()
        return organisation

    def _member(self, account: Account, organisation: Organisation) -> bool:
        return self.db.scalar(
            select(Membership.id).where(Membership.account_id == account.id,
                                        Membership.organisation_id == organisation.id)
        ) is not None  # fmt: skip
