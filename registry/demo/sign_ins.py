"""The demo's three sign-ins: a town member, an IT provider, a funder.

Only ``registry serve --demo`` creates them; their passwords are public by design (printed
on the console and on the login page), so they exist in demo mode only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import Account, AccountService


@dataclass(frozen=True, slots=True)
class DemoSignIn:
    """One demo account and the page it starts on."""

    key: str  # message key suffix: demo.signin.<key>
    email: str
    password: str
    role: str
    organisation: str | None
    start: str


DEMO_SIGN_INS = (
    DemoSignIn("town", "demo-stadt@example.org", "demo-stadt-muenchen",
               "member", "muenchen", "/publish"),
    DemoSignIn("provider", "demo-dienstleister@example.org", "demo-dienstleister",
               "member", "maykin", "/organisations/maykin"),
    DemoSignIn("funder", "demo-foerderer@example.org", "demo-foerderer-bmbf",
               "funder", "bmbf", "/reports"),
)  # fmt: skip


def ensure_demo_sign_ins(session: Session) -> tuple[DemoSignIn, ...]:
    """Create the demo accounts that do not exist yet (running twice changes nothing)."""
    accounts = AccountService(session)
    for sign_in in DEMO_SIGN_INS:
        if session.scalar(select(Account.id).where(Account.email == sign_in.email)) is None:
            accounts.create(
                sign_in.email,
                role=sign_in.role,
                organisation=sign_in.organisation,
                password=sign_in.password,
            )
    session.flush()
    return DEMO_SIGN_INS
