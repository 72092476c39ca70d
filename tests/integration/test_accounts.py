"""Accounts, tokens and adoption declarations on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.accounts import (
    Account,
    AccountService,
    ApiToken,
    require_member,
    require_org_admin,
    require_scope,
    secrets,
)
from registry.audit import AuditEvent
from registry.catalogue import CatalogueService, SolutionDraft
from registry.catalogue.adoptions import VALID_FOR, AdoptionService, Declaration, is_current
from registry.db import utcnow
from registry.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from registry.organisations import Organisation


@pytest.fixture
def orgs(db_session: Session) -> tuple[Organisation, Organisation]:
    a = Organisation(slug="stadt-a", name="Stadt A", kind="municipality")
    b = Organisation(slug="stadt-b", name="Stadt B", kind="municipality")
    db_session.add_all([a, b])
    db_session.flush()
    return a, b


def test_account_creation_checks_its_fields(
    db_session: Session, orgs: tuple[Organisation, ...]
) -> None:
    service = AccountService(db_session)
    with pytest.raises(InvalidInput) as bad_email:
        service.create("not-an-address", role="admin")
    assert bad_email.value.field == "email"
    with pytest.raises(InvalidInput) as bad_role:
        service.create("x@example.org", role="superuser")
    assert bad_role.value.field == "role"
    with pytest.raises(InvalidInput) as no_org:
        service.create("x@example.org", role="member")
    assert no_org.value.field == "organisation"
    with pytest.raises(NotFound):
        service.create("x@example.org", role="member", organisation="nowhere")
    with pytest.raises(InvalidInput) as short:
        service.create("x@example.org", role="admin", password="short")
    assert short.value.field == "password"
    service.create("Anna@Example.org", role="member", organisation="stadt-a")
    with pytest.raises(Conflict):
        service.create("anna@example.org", role="funder")


def test_passwords_are_stored_as_argon2id_and_verified(db_session: Session) -> None:
    account = AccountService(db_session).create(
        "admin@example.org", role="admin", password="correct horse battery"
    )
    assert account.password_hash is not None
    assert account.password_hash.startswith("$argon2id$")
    assert "correct horse" not in account.password_hash
    assert secrets.verify_password(account.password_hash, "correct horse battery")
    assert not secrets.verify_password(account.password_hash, "wrong horse battery")
    assert not secrets.verify_password(None, "anything at all")
    assert not secrets.verify_password("garbage", "anything at all")


def test_token_lifecycle(db_session: Session, orgs: tuple[Organisation, ...]) -> None:
    service = AccountService(db_session)
    service.create("m@example.org", role="member", organisation="stadt-a")
    now = utcnow()
    issued = service.issue_token("m@example.org", scope="publish", name="ci", days=30, now=now)
    stored = db_session.scalars(select(ApiToken)).one()
    assert issued.token not in (stored.token_hash, stored.prefix)
    assert stored.token_hash == secrets.token_hash(issued.token)
    assert issued.token.startswith(f"rmr_{stored.prefix}_")

    principal = service.authenticate(issued.token, now=now)
    assert principal.scope == "publish" and principal.role == "member"
    assert principal.organisation_ids == {orgs[0].id}
    assert stored.last_used_at == now

    with pytest.raises(Unauthorized):
        service.authenticate(issued.token, now=now + timedelta(days=31))
    with pytest.raises(Unauthorized):
        service.authenticate(issued.token + "x", now=now)
    service.revoke(stored.prefix, now=now)
    with pytest.raises(Unauthorized, match="revoked"):
        service.authenticate(issued.token, now=now)


def test_token_scope_never_exceeds_the_role(
    db_session: Session, orgs: tuple[Organisation, ...]
) -> None:
    service = AccountService(db_session)
    service.create("m@example.org", role="member", organisation="stadt-a")
    with pytest.raises(InvalidInput) as too_wide:
        service.issue_token("m@example.org", scope="admin")
    assert too_wide.value.field == "scope"
    with pytest.raises(InvalidInput):
        service.issue_token("m@example.org", scope="root")
    with pytest.raises(InvalidInput) as days:
        service.issue_token("m@example.org", scope="read", days=0)
    assert days.value.field == "days"


def test_revoking_someone_elses_token_is_not_found(
    db_session: Session, orgs: tuple[Organisation, ...]
) -> None:
    service = AccountService(db_session)
    a = service.create("a@example.org", role="member", organisation="stadt-a")
    service.create("b@example.org", role="member", organisation="stadt-b")
    theirs = service.issue_token("b@example.org", scope="read").record
    with pytest.raises(NotFound):
        service.revoke(theirs.prefix, account_id=a.id)
    assert theirs.revoked_at is None


def test_authorisation_is_object_level(db_session: Session, orgs: tuple[Organisation, ...]) -> None:
    service = AccountService(db_session)
    service.create("a@example.org", role="member", organisation="stadt-a", organisation_admin=True)
    service.create("root@example.org", role="admin")
    member = service.authenticate(service.issue_token("a@example.org", scope="publish").token)
    reader = service.authenticate(service.issue_token("a@example.org", scope="read").token)
    admin = service.authenticate(service.issue_token("root@example.org", scope="admin").token)
    a, b = orgs
    assert require_member(member, a.id) is member
    with pytest.raises(Forbidden):
        require_member(member, b.id)
    with pytest.raises(Forbidden):
        require_member(reader, a.id)  # scope too narrow, though a member
    with pytest.raises(Unauthorized):
        require_member(None, a.id)
    assert require_member(admin, b.id) is admin
    assert require_org_admin(member, a.id) is member
    with pytest.raises(Forbidden):
        require_org_admin(member, b.id)
    assert require_scope(reader, "read") is reader


def test_audit_events_never_hold_secrets(
    db_session: Session, orgs: tuple[Organisation, ...]
) -> None:
    service = AccountService(db_session)
    service.create("a@example.org", role="admin", password="a long enough secret")
    service.issue_token("a@example.org", scope="admin")
    db_session.flush()
    events = db_session.scalars(select(AuditEvent)).all()
    assert any(e.entity_type == "account" for e in events)
    dumped = repr([(e.before, e.after) for e in events])
    account = db_session.scalars(select(Account)).one()
    assert account.password_hash is not None
    assert account.password_hash not in dumped
    assert "password_hash" not in dumped


def test_adoption_declaration_expires_and_renews(
    db_session: Session, orgs: tuple[Organisation, ...]
) -> None:
    solution = (
        CatalogueService(db_session)
        .upsert_draft(SolutionDraft(name="Mängelmelder", url="https://git.example.org/a/maengel"))
        .solution
    )
    service = AdoptionService(db_session)
    now = utcnow()
    adoption, created = service.declare(
        solution, Declaration(organisation="stadt-b", role="operates", version="2.1"),
        account_id=None, now=now,
    )  # fmt: skip
    assert created and adoption.verified
    assert adoption.expires_at == now + VALID_FOR
    assert is_current(adoption, now + timedelta(days=700))
    assert not is_current(adoption, now + timedelta(days=731))
    later = now + timedelta(days=400)
    again, created_again = service.declare(
        solution, Declaration(organisation="stadt-b", role="operates"), account_id=None, now=later
    )
    assert again is adoption and not created_again
    assert adoption.version == "2.1"  # kept when not restated
    assert adoption.expires_at == later + VALID_FOR
    with pytest.raises(InvalidInput) as bad:
        service.declare(solution, Declaration(organisation="stadt-b", role="likes"),
                        account_id=None, now=now)  # fmt: skip
    assert bad.value.field == "role"
    with pytest.raises(InvalidInput) as url:
        service.declare(solution, Declaration(organisation="stadt-b", instance_url="javascript:x"),
                        account_id=None, now=now)  # fmt: skip
    assert url.value.field == "instance_url"
