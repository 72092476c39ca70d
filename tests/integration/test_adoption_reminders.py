"""Declarations that run out: both sides are told once before and once after, by mail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from registry.accounts import AccountService
from registry.catalogue import AdoptionService, CatalogueService, Declaration, SolutionDraft, remind
from registry.db import utcnow
from registry.entries import OrganisationRef
from registry.notify import Mailer
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.smtp import Inbox, smtp_server


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, str]]:
    with smtp_server() as server:
        yield server


def test_both_sides_are_told_before_and_after_expiry(
    db_session: Session, inbox: tuple[Inbox, str], migrated_settings: Settings
) -> None:
    handler, url = inbox
    db_session.add_all([
        Organisation(
            slug="stadt-a", name="Stadt A", kind="municipality", email="it@stadt-a.example"
        ),
        Organisation(slug="stadt-b", name="Stadt B", kind="municipality"),
    ])  # fmt: skip
    db_session.flush()
    accounts = AccountService(db_session)
    accounts.create("boss-a@stadt-a.example", role="member", organisation="stadt-a",
                    organisation_admin=True)  # fmt: skip
    declarer = accounts.create("user-b@stadt-b.example", role="member", organisation="stadt-b")
    solution = CatalogueService(db_session).upsert_draft(SolutionDraft(
        name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
        publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
    )).solution  # fmt: skip
    t0 = utcnow()
    adoptions = AdoptionService(db_session)
    adoption, _ = adoptions.declare(solution, Declaration(organisation="stadt-b"),
                                    account_id=declarer.id, now=t0)  # fmt: skip
    mailer = Mailer(replace(migrated_settings, smtp_url=url, mail_from="registry@example.org"))
    base = "https://software.example.de"

    assert remind(db_session, mailer, t0 + timedelta(days=600), base) == []
    soon = remind(db_session, mailer, t0 + timedelta(days=705), base)
    assert [r.sent for r in soon] == [True]
    assert set(soon[0].recipients) == {"user-b@stadt-b.example", "it@stadt-a.example",
                                       "boss-a@stadt-a.example"}  # fmt: skip
    rcpts, message = handler.messages[0]
    assert set(rcpts) == set(soon[0].recipients)
    assert "läuft ab" in message["Subject"] and "expires soon" in message["Subject"]
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert b"https://software.example.de/solutions/ratsinfo" in body

    assert remind(db_session, mailer, t0 + timedelta(days=710), base) == []  # told already
    expired = remind(db_session, mailer, t0 + timedelta(days=731), base)
    assert len(expired) == 1 and "abgelaufen" in handler.messages[1][1]["Subject"]
    assert remind(db_session, mailer, t0 + timedelta(days=740), base) == []

    # Reconfirming renews the declaration and resets the reminders.
    adoptions.declare(solution, Declaration(organisation="stadt-b"), account_id=declarer.id,
                      now=t0 + timedelta(days=741))  # fmt: skip
    assert adoption.reminded_at is None
    assert remind(db_session, mailer, t0 + timedelta(days=800), base) == []


def test_without_mail_the_reminder_is_only_noted(
    db_session: Session, migrated_settings: Settings
) -> None:
    db_session.add(Organisation(slug="stadt-c", name="Stadt C", kind="municipality"))
    db_session.flush()
    solution = (
        CatalogueService(db_session)
        .upsert_draft(SolutionDraft(name="Kita", url="https://git.example.org/c/kita"))
        .solution
    )
    t0 = utcnow()
    AdoptionService(db_session).declare(solution, Declaration(organisation="stadt-c"),
                                        account_id=None, now=t0)  # fmt: skip
    done = remind(db_session, Mailer(migrated_settings), t0 + timedelta(days=731), "http://x")
    assert [(r.organisation, r.sent) for r in done] == [("stadt-c", False)]
