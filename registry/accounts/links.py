"""Signed, expiring links sent by mail: the link itself is the proof, nothing is stored.

A token carries its fields and an expiry, signed with HMAC-SHA256 under the registry's
secret and a purpose, so a link made for one purpose (confirming a sign-up) never works
for another (verifying an organisation).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Sequence

_SEP = "\x1f"  # unit separator: no field (an address, a domain, an id) holds it


def sign(secret: bytes, purpose: str, fields: Sequence[str], *, seconds: int,
         now: float | None = None) -> str:  # fmt: skip
    """A token for ``fields`` that works for ``seconds`` from ``now``."""
    expires = int((now if now is not None else time.time()) + seconds)
    payload = _SEP.join([str(expires), *fields]).encode()
    return _b64(payload) + "." + _b64(_mac(secret, purpose, payload))


def read(secret: bytes, purpose: str, token: str, *, now: float | None = None) -> list[str]:
    """The fields of a valid, unexpired token made for ``purpose``; ``ValueError`` else."""
    payload_text, _, mac_text = token.partition(".")
    payload, mac = _unb64(payload_text), _unb64(mac_text)
    if not hmac.compare_digest(mac, _mac(secret, purpose, payload)):
        raise ValueError("bad signature")
    expires, *fields = payload.decode().split(_SEP)
    if int(expires) < (now if now is not None else time.time()):
        raise ValueError("expired")
    return fields


def _mac(secret: bytes, purpose: str, payload: bytes) -> bytes:
    return hmac.new(secret, purpose.encode() + b":" + payload, hashlib.sha256).digest()[:18]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None
