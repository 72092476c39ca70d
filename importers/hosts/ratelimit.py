"""How long a Git host asks us to wait, read from its answer (pure; ``now`` is passed in).

GitHub: ``x-ratelimit-remaining: 0`` with ``x-ratelimit-reset`` (epoch seconds) is the
primary limit; a 403/429 with ``retry-after`` or the words "secondary rate limit" / "abuse"
is a secondary limit (wait ``retry-after`` or at least a minute). GitLab: ``429`` with
``Retry-After`` and ``RateLimit-Reset``. Forgejo sends none of these.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

__all__ = ["SECONDARY_DEFAULT_WAIT", "backoff", "exhausted_until", "jitter", "rate_limit_wait"]

#: GitHub: "If the retry-after header is not present, wait at least one minute".
SECONDARY_DEFAULT_WAIT = 60.0
_SECONDARY_WORDS = ("secondary rate limit", "abuse detection", "abuse rate limit")
_RNG = random.Random()  # noqa: S311 - jitter, not cryptography


def _retry_after(headers: Mapping[str, str], now: float) -> float | None:
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - now)
    except (TypeError, ValueError):
        return None


def exhausted_until(headers: Mapping[str, str]) -> float | None:
    """The epoch second a spent primary limit resets, if the headers say it is spent."""
    for prefix in ("x-ratelimit-", "ratelimit-"):
        remaining = headers.get(prefix + "remaining")
        reset = headers.get(prefix + "reset")
        if remaining is not None and remaining.strip() == "0" and reset and reset.isdigit():
            return float(reset)
    return None


def rate_limit_wait(
    status: int, headers: Mapping[str, str], body: bytes, now: float
) -> float | None:
    """Seconds to wait before retrying, or None when the answer is not a rate limit.

    A 403 without any rate-limit sign is a real refusal and is not retried.
    """
    if status == 503:  # "unavailable, come back in N seconds" (open-catalog-api, RFC 9110)
        return _retry_after(headers, now)
    if status not in (403, 429):
        return None
    after = _retry_after(headers, now)
    if after is not None:
        return after
    reset = exhausted_until(headers)
    if reset is not None:
        return max(0.0, reset - now)
    text = body[:2000].decode("utf-8", "replace").lower()
    if status == 429 or any(word in text for word in _SECONDARY_WORDS):
        return SECONDARY_DEFAULT_WAIT
    return None


def backoff(attempt: int, *, base: float = 0.5, cap: float = 30.0) -> float:
    """Capped exponential backoff with full jitter (attempt 0 is the first retry)."""
    return float(_RNG.uniform(0, min(cap, base * 2**attempt)))


def jitter(wait: float) -> float:
    """A wait with up to 10 % (at most one second) added, so workers do not retry in step."""
    return wait + float(_RNG.uniform(0, min(1.0, wait * 0.1)))
