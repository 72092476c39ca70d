"""The registry's error tree. The web layer maps each to one HTTP status in one place.

RegistryError
├── NotFound        -> 404: no such entry
├── Conflict        -> 409: the change clashes with what is stored (duplicate, stale version)
├── InvalidInput    -> 422 (400 for malformed requests): names the field and the problem
├── Unauthorized    -> 401: no valid credentials (missing, unknown, revoked or expired)
├── Forbidden       -> 403: authenticated, but not allowed
└── ImportFailed    -> recorded on the entry's import log; 422 when raised to a caller
"""

from __future__ import annotations


class RegistryError(Exception):
    """Base of every error the registry raises on purpose."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(RegistryError):
    """The requested entry does not exist (or is deleted)."""


class Conflict(RegistryError):
    """The change clashes with stored data."""


class InvalidInput(RegistryError):
    """Input failed validation; ``field`` names where."""


class Unauthorized(RegistryError):
    """No valid credentials were presented."""


class Forbidden(RegistryError):
    """The actor may not do this."""


class ImportFailed(RegistryError):
    """An import could not complete; the reason is kept on the entry."""
