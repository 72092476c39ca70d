"""Adoption declarations running out: tell the adopter and the publisher."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import Account, Membership
from registry.catalogue import models as m
from registry.catalogue.adoptions import due_reminders
from registry.notify import Mail, Mailer


@dataclass(frozen=True)
class Reminder:
    """One declaration and whom it was (or would have been) sent to."""

    solution: str
    organisation: str
    expires: datetime
    recipients: tuple[str, ...]
    sent: bool


def _admins(session: Session, organisation_id: int | None) -> list[str]:
    if organisation_id is None:
        return []
    return list(session.scalars(
        select(Account.email).join(Membership, Membership.account_id == Account.id)
        .where(Membership.organisation_id == organisation_id, Membership.is_admin.is_(True))
    ))  # fmt: skip


def recipients(session: Session, adoption: m.Adoption) -> tuple[str, ...]:
    """The declaring account, the adopting organisation, and the publisher's contacts."""
    found: list[str] = []
    if adoption.declared_by_id is not None:
        account = session.get(Account, adoption.declared_by_id)
        if account is not None:
            found.append(account.email)
    for org in (adoption.organisation, adoption.solution.publisher):
        if org is not None and org.email:
            found.append(org.email)
    found += _admins(session, adoption.organisation_id)
    found += _admins(session, adoption.solution.publisher_id)
    return tuple(dict.fromkeys(address.lower() for address in found))


def reminder_mail(adoption: m.Adoption, to: tuple[str, ...], now: datetime, base_url: str) -> Mail:
    """The bilingual message: what runs out, when, and the one step that renews it."""
    solution = adoption.solution
    org = adoption.organisation.name if adoption.organisation else "?"
    expires = adoption.expires_at or now
    day = expires.date().isoformat()
    link = f"{base_url}/solutions/{solution.slug}"
    past = expires <= now
    return Mail(
        to=to,
        subject_de=f"Nachnutzung von {solution.name} {'abgelaufen' if past else 'läuft ab'}",
        subject_en=f"Adoption of {solution.name} {'has expired' if past else 'expires soon'}",
        body_de=(
            f"Die Erklärung von {org}, {solution.name} zu nutzen, "
            f"{'ist am ' + day + ' abgelaufen' if past else 'läuft am ' + day + ' ab'}. "
            f"Ein Mitglied von {org} kann sie hier bestätigen: {link}"
        ),
        body_en=(
            f"{org}'s declaration that it adopts {solution.name} "
            f"{'expired on ' + day if past else 'expires on ' + day}. "
            f"A member of {org} can reconfirm it here: {link}"
        ),
    )


def remind(session: Session, mailer: Mailer, now: datetime, base_url: str) -> list[Reminder]:
    """Tell both sides of every declaration that is due; a failed send is retried next run."""
    done = []
    for adoption in due_reminders(session, now):
        to = recipients(session, adoption)
        sent = False
        if mailer.configured and to:
            try:
                mailer.send(reminder_mail(adoption, to, now, base_url))
                sent = True
            except (smtplib.SMTPException, OSError):
                continue
        adoption.reminded_at = now
        done.append(Reminder(
            adoption.solution.slug, adoption.organisation.slug if adoption.organisation else "",
            adoption.expires_at or now, to, sent,
        ))  # fmt: skip
    session.flush()
    return done
