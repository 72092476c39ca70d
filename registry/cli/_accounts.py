"""``registry account …`` and ``registry token …``: the first admin and scripted setups."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from registry.cli._context import (
    command_group,
    fail,
    migrated_engine,
    settings_from_env,
    unit_of_work,
)
from registry.entries import ACCOUNT_ROLES, TOKEN_SCOPES
from registry.errors import RegistryError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from registry.accounts import AccountService

ROLES, SCOPES = ACCOUNT_ROLES, TOKEN_SCOPES  # the vocabulary authz ranks

accounts = command_group("Accounts. / Konten.")
tokens = command_group("API tokens. / API-Tokens.")


def _service(session: Session) -> AccountService:
    from registry.accounts import AccountService

    return AccountService(session)


@accounts.command("create")
def create_account(
    *,
    email: str = typer.Argument(..., help="E-mail address. / E-Mail-Adresse."),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}."),
    organisation: str | None = typer.Option(None, "--organisation", help="Organisation slug."),
    org_admin: bool = typer.Option(False, "--org-admin", help="May manage the organisation."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read a password from standard input."
    ),
    name: str | None = typer.Option(None, "--name"),
) -> None:
    """Create an account (e.g. the first admin on a fresh install)."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            account = _service(session).create(
                email, role=role, organisation=organisation, organisation_admin=org_admin,
                password=password, name=name,
            )  # fmt: skip
            typer.echo(f"created {account.role} {account.email}")
    except RegistryError as exc:
        raise fail(exc, 1) from exc
    finally:
        engine.dispose()


@accounts.command("confirm")
def confirm_account(
    email: str = typer.Argument(..., help="E-mail address. / E-Mail-Adresse."),
) -> None:
    """Confirm a signed-up account whose mail could not be sent (no REGISTRY_SMTP_URL)."""
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            account = _service(session).activate(email)
            typer.echo(f"confirmed {account.email} / bestätigt")
    except RegistryError as exc:
        raise fail(exc, 1) from exc
    finally:
        engine.dispose()


@tokens.command("create")
def create_token(
    email: str = typer.Argument(..., help="The account's e-mail address."),
    scope: str = typer.Option("read", "--scope", help=f"One of: {', '.join(SCOPES)}."),
    name: str | None = typer.Option(None, "--name", help="What the token is for."),
    days: int | None = typer.Option(None, "--days", help="Expire after this many days."),
) -> None:
    """Create an API token and print it once; only its hash is stored."""
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            issued = _service(session).issue_token(email, scope=scope, name=name, days=days)
            token = issued.token
            prefix = issued.record.prefix
    except RegistryError as exc:
        raise fail(exc, 1) from exc
    finally:
        engine.dispose()
    typer.echo(token)
    typer.echo(
        f"token {prefix} ({scope}): shown once, store it now. / nur jetzt sichtbar, jetzt sichern.",
        err=True,
    )


@tokens.command("list")
def list_tokens(email: str = typer.Argument(..., help="The account's e-mail address.")) -> None:
    """List an account's tokens (prefix, scope, last use; never the secret)."""
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            for t in _service(session).tokens(email):
                state = "revoked" if t.revoked_at else "active"
                used = t.last_used_at.isoformat() if t.last_used_at else "never"
                typer.echo(f"{t.prefix}\t{t.scope}\t{state}\tlast used {used}\t{t.name or ''}")
    except RegistryError as exc:
        raise fail(exc, 1) from exc
    finally:
        engine.dispose()


@tokens.command("revoke")
def revoke_token(prefix: str = typer.Argument(..., help="The token's prefix.")) -> None:
    """Revoke a token by its prefix."""
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            _service(session).revoke(prefix)
    except RegistryError as exc:
        raise fail(exc, 1) from exc
    finally:
        engine.dispose()
    typer.echo(f"revoked {prefix}")
