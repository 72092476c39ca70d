"""Organisation verification for pages and API alike: the service on this request's
session, and the link mailed to the member (one place for the secret and the mail)."""

from __future__ import annotations

import hashlib
from typing import Any

from litestar import Request
from sqlalchemy.orm import Session

from registry.accounts import Account, DomainLink, VerificationService, verification_mail
from registry.errors import Conflict
from registry.notify import Mailer
from registry.organisations import Organisation
from web.api._http import base_url
from web.sessions import secret_key

__all__ = ["mail_link", "verification_service"]


def verification_service(
    request: Request[Any, Any, Any], db_session: Session
) -> VerificationService:
    """The service, with a secret of its own derived from the registry's."""
    secret = hashlib.sha256(b"verify-organisation:" + secret_key(request.app.state.settings))
    return VerificationService(db_session, secret.digest())


def mail_link(request: Request[Any, Any, Any], db_session: Session, organisation: Organisation,
              account: Account) -> DomainLink:  # fmt: skip
    """Make the link and mail it to the member's own address.

    Without a mail server nothing can prove the address: the registry says so and a
    registry admin verifies instead (409, before any link is made).
    """
    mailer = Mailer(request.app.state.settings)
    if not mailer.configured:
        raise Conflict(
            "email: das Register hat keinen Mailserver eingerichtet; eine Registry-Administration "
            "bestätigt die Organisation / the registry has no mail server set up; a registry "
            "admin verifies the organisation",
            field="email",
        )
    link = verification_service(request, db_session).request(organisation, account)
    url = f"{base_url(request)}/verify-organisation?token={link.token}"
    mailer.send(verification_mail(link, organisation, url))
    return link
