"""The demo catalogue: real-looking, complete, and loading twice changes nothing."""

from __future__ import annotations

from license_expression import get_spdx_licensing
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.audit import AuditEvent
from registry.catalogue import CatalogueService
from registry.catalogue.models import Adoption, OperatingOffer, Solution, SolutionInterface
from registry.demo import load_demo


def is_valid_spdx(expression: str) -> bool:
    return not get_spdx_licensing().validate(expression).errors


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_demo_loads_once_and_then_changes_nothing(db_session: Session) -> None:
    first = load_demo(db_session)
    solutions = _count(db_session, Solution)
    assert 25 <= solutions <= 40
    assert first["solution created"] == solutions
    events = _count(db_session, AuditEvent)

    second = load_demo(db_session)
    assert second["solution unchanged"] == solutions
    assert not any(key.endswith(("created", "updated")) for key in second)
    assert _count(db_session, AuditEvent) == events


def test_demo_entries_are_complete(db_session: Session) -> None:
    load_demo(db_session)
    entries = CatalogueService(db_session).list_entries()
    for entry in entries:
        assert entry.repositories, entry.slug
        assert entry.licence and is_valid_spdx(entry.licence), entry.slug
        assert {"de", "en"} <= {t.lang for t in entry.texts}, entry.slug
        assert any(t.kind == "domain" for t in entry.tags), entry.slug
    # Every interface in the demo names a standard of the shipped catalogue.
    unmatched = db_session.scalars(
        select(SolutionInterface.name).where(SolutionInterface.standard_id.is_(None))
    ).all()
    assert unmatched == []
    assert _count(db_session, Adoption) >= 3
    hosted = select(OperatingOffer).where(OperatingOffer.kind == "hosted-service")
    assert db_session.scalars(hosted).first() is not None


def test_demo_sign_ins_are_made_once_and_can_sign_in(db_session: Session) -> None:
    from registry.accounts import Account, AccountService
    from registry.demo import ensure_demo_sign_ins

    load_demo(db_session)
    first = ensure_demo_sign_ins(db_session)
    accounts = _count(db_session, Account)
    ensure_demo_sign_ins(db_session)
    assert _count(db_session, Account) == accounts
    for sign_in in first:
        account = AccountService(db_session).sign_in(sign_in.email, sign_in.password)
        assert account.role == sign_in.role
