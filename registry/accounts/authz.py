"""Who may do what: every permission rule of the registry, in one module.

Checks are object-level (is this account a member of *this* organisation?), not only
role checks, and a token can never do more than its scope allows, whatever its account's
role. Handlers and services call these; nothing else decides access.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.entries import TOKEN_SCOPES
from registry.errors import Forbidden, Unauthorized

#: Scopes narrowest first, as the vocabulary lists them: read 0, publish 1, admin 2.
SCOPE_RANK = {scope: rank for rank, scope in enumerate(TOKEN_SCOPES)}
#: The widest scope each role may hold a token for.
ROLE_MAX_SCOPE = {"admin": "admin", "member": "publish", "funder": "publish"}


@dataclass(frozen=True)
class Principal:
    """The account behind a request, with the scope its credential grants."""

    account_id: int
    email: str
    role: str
    scope: str
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    admin_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        """A registry administrator acting with an admin-scoped credential."""
        return self.role == "admin" and self.scope == "admin"


def require_principal(principal: Principal | None) -> Principal:
    """Writes need credentials: ``Unauthorized`` (401) without them."""
    if principal is None:
        raise Unauthorized(
            "Anmeldung erforderlich: ein API-Token im Authorization-Header (Bearer). / "
            "Authentication required: an API token in the Authorization header (Bearer)."
        )
    return principal


def require_scope(principal: Principal | None, scope: str) -> Principal:
    """The credential's scope must reach ``scope`` (read < publish < admin)."""
    actor = require_principal(principal)
    if SCOPE_RANK[actor.scope] < SCOPE_RANK[scope]:
        raise Forbidden(
            f"Das Token hat den Geltungsbereich '{actor.scope}', nötig ist '{scope}'. / "
            f"The token has scope '{actor.scope}'; '{scope}' is needed.",
            field="scope",
        )
    return actor


def require_member(principal: Principal | None, organisation_id: int | None) -> Principal:
    """Acting for an organisation needs membership in it (or registry admin)."""
    actor = require_scope(principal, "publish")
    if actor.is_admin or (
        organisation_id is not None and organisation_id in actor.organisation_ids
    ):
        return actor
    raise Forbidden(
        "Nur Mitglieder der Organisation dürfen das. / "
        "Only members of the organisation may do this.",
        field="organisation",
    )


def require_organisation_creator(principal: Principal | None) -> Principal:
    """Adding an organisation to the registry needs a member of one (or a registry admin)."""
    actor = require_scope(principal, "publish")
    if actor.is_admin or (actor.role == "member" and actor.organisation_ids):
        return actor
    raise Forbidden(
        "Neue Organisationen legen Mitglieder einer Organisation oder Registry-Admins an. / "
        "New organisations are added by members of an organisation or registry admins.",
        field="role",
    )


def require_org_admin(principal: Principal | None, organisation_id: int) -> Principal:
    """Managing an organisation's members needs its admin (or a registry admin)."""
    actor = require_scope(principal, "publish")
    if actor.is_admin or organisation_id in actor.admin_of:
        return actor
    raise Forbidden(
        "Nur Administratoren der Organisation dürfen Mitglieder verwalten. / "
        "Only the organisation's admins may manage its members.",
        field="organisation",
    )


def require_transfer(principal: Principal | None, from_id: int | None, to_id: int) -> Principal:
    """Moving an entry between organisations needs the admins of both (or a registry admin).

    An entry without publisher may only be given away by a registry admin.
    """
    actor = require_scope(principal, "publish")
    if actor.is_admin or (from_id is not None and {from_id, to_id} <= actor.admin_of):
        return actor
    raise Forbidden(
        "Eine Übertragung brauchen die Administratoren beider Organisationen oder ein "
        "Registry-Admin. / A transfer needs the admins of both organisations or a registry "
        "admin.",
        field="organisation",
    )


def require_admin(principal: Principal | None) -> Principal:
    """Registry administration."""
    actor = require_scope(principal, "admin")
    if not actor.is_admin:
        raise Forbidden("Nur Administratoren. / Administrators only.", field="role")
    return actor


def may_see_people(principal: Principal | None, organisation_id: int | None) -> bool:
    """Whether names and e-mail addresses of members of this organisation may be shown:
    to its own members and to registry admins, never to anonymous or other readers."""
    if principal is None:
        return False
    return principal.is_admin or (
        organisation_id is not None and organisation_id in principal.organisation_ids
    )


def allowed_scope(role: str, scope: str) -> bool:
    """Whether an account of ``role`` may hold a token of ``scope``."""
    return SCOPE_RANK[scope] <= SCOPE_RANK[ROLE_MAX_SCOPE[role]]
