"""Password and API-token hashing: the only place that knows how secrets are stored.

Passwords use Argon2id (argon2-cffi's defaults follow RFC 9106). API tokens are long
random strings, so a single SHA-256 is enough to store them and lets a request find its
token by hash in one indexed lookup; only a short prefix is kept in clear, to name a token
in lists without revealing it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_MARK = "rmr"  # noqa: S105 - a public marker, not a secret
PREFIX_LENGTH = 8
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether the password matches; never raises for a malformed or missing hash."""
    if not stored_hash:
        # Spend the same work as a real check, so timing does not tell which accounts exist.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> tuple[str, str, str]:
    """A fresh token as ``(token, prefix, hash)``; the token is shown once and never stored."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    token = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, token_hash(token)


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    """Constant-time comparison of two hashes."""
    return hmac.compare_digest(a.encode("ascii"), b.encode("ascii"))
