"""Accounts, memberships and API tokens (used by the web's publishing flows)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, TimestampMixin, utcnow

if TYPE_CHECKING:
    from registry.organisations import Organisation


class Account(TimestampMixin, Base):
    """A person who signs in: admin, organisation member or funder (vocab.ACCOUNT_ROLES)."""

    __tablename__ = "account"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default="member")
    password_hash: Mapped[str | None] = mapped_column(String(300))
    oidc_subject: Mapped[str | None] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    #: Browser sessions carry the generation they were issued under; bumping it ends them
    #: all (sign-out, password change, removal from an organisation).
    session_generation: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list[Membership]] = relationship(cascade="all, delete-orphan")


class Membership(Base):
    """An account belongs to an organisation; ``is_admin`` lets it manage members."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    is_admin: Mapped[bool] = mapped_column(default=False)

    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (UniqueConstraint("account_id", "organisation_id"),)


class JoinRequest(Base):
    """A signed-up person asks to join an organisation; its admins approve or refuse."""

    __tablename__ = "join_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship()
    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (UniqueConstraint("account_id", "organisation_id"),)


class ApiToken(Base):
    """An API token; only its hash is stored, the token is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(20))  # vocab.TOKEN_SCOPES
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
