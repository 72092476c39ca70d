"""An account's own API tokens: list, create (never wider than the caller's), revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from litestar import Request, Router, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import (
    SCOPE_RANK,
    AccountService,
    ApiToken,
    Principal,
    require_principal,
    require_scope,
)
from registry.errors import Forbidden
from web.auth import WRITE_SECURITY, api_throttle

TAGS = ["tokens"]


class TokenIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """A new token: its scope may not exceed the calling token's."""

    scope: str = "read"
    name: Annotated[str, Meta(max_length=200)] | None = None
    days: Annotated[int, Meta(ge=1, le=3650)] | None = None


@dataclass
class TokenOut:
    """A token as listed: never the secret."""

    prefix: str
    name: str | None
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked: bool


@dataclass
class IssuedTokenOut(TokenOut):
    """A token just created: ``token`` is shown this once."""

    token: str = ""


def token_out(record: ApiToken) -> TokenOut:
    """The listed view of a token."""
    return TokenOut(
        prefix=record.prefix, name=record.name, scope=record.scope, created_at=record.created_at,
        last_used_at=record.last_used_at, expires_at=record.expires_at,
        revoked=record.revoked_at is not None,
    )  # fmt: skip


@get("/", sync_to_thread=True, operation_id="ListTokens")  # fmt: skip
def list_tokens(
    db_session: NamedDependency[Session], principal: NamedDependency[Principal | None]
) -> list[TokenOut]:
    """Your tokens (prefix, scope, last use), newest first."""
    actor = require_principal(principal)
    return [token_out(t) for t in AccountService(db_session).tokens(actor.email)]


@post("/", sync_to_thread=True, operation_id="CreateToken")  # fmt: skip
def create_token(
    request: Request[Any, Any, Any],
    data: JSONBody[TokenIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> IssuedTokenOut:
    """A new token for yourself, at most as wide as the one you call with (rate-limited)."""
    actor = require_scope(principal, "read")
    issues = api_throttle(request).token_issues
    issues.check(actor.account_id, "POST /api/v1/tokens")
    if data.scope in SCOPE_RANK and SCOPE_RANK[data.scope] > SCOPE_RANK[actor.scope]:
        raise Forbidden(
            f"scope: ein Token mit '{actor.scope}' kann kein '{data.scope}'-Token ausstellen. / "
            f"a '{actor.scope}' token cannot issue a '{data.scope}' token",
            field="scope",
        )
    issued = AccountService(db_session).issue_token(
        actor.email, scope=data.scope, name=data.name, days=data.days
    )
    issues.hit(actor.account_id)
    listed = token_out(issued.record)
    return IssuedTokenOut(**vars(listed), token=issued.token)


@delete("/{prefix:str}", sync_to_thread=True, operation_id="RevokeToken")  # fmt: skip
def revoke_token(
    prefix: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> None:
    """Revoke one of your tokens (an admin token may revoke anyone's)."""
    actor = require_principal(principal)
    owner = None if actor.is_admin else actor.account_id
    AccountService(db_session).revoke(prefix, account_id=owner)


def router() -> Router:
    """Your API tokens."""
    return Router(
        "/api/v1/tokens",
        tags=TAGS,
        security=WRITE_SECURITY,
        route_handlers=[list_tokens, create_token, revoke_token],
    )
