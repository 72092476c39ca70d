"""Rate limits: a few attempts per key in a sliding window, then a pause.

One rule, :class:`SlidingWindow`, counts events per key (a client address, an account)
and says how long to wait once a key has reached its limit. It backs every limit:

- sign-in (:class:`LoginThrottle`): failures per (address, e-mail) and per address alone,
  so one client can neither guess one account's password nor spray many accounts; the
  e-mail is counted in its canonical form (``sign_in_address``), never per spelling;
- the API (:class:`ApiThrottle`): failed bearer authentications per address (guessing
  tokens), tokens issued per account (``POST /api/v1/tokens``) and organisations added
  per account (``POST /api/v1/organisations``, per day).

A limited caller gets :class:`TooManyRequests` (the web layer answers 429 with Retry-After).
The counts live in the process: with several server workers each keeps its own, which
still bounds guessing to ``workers × limit`` per window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from registry.accounts.services import sign_in_address
from registry.errors import RegistryError

__all__ = ["ApiThrottle", "LoginThrottle", "SlidingWindow", "TooManyRequests"]


class TooManyRequests(RegistryError):
    """Too many attempts at *our* limits: wait ``retry_after`` seconds (HTTP 429).

    Not to be confused with ``importers.hosts.RateLimited``, a Git host limiting us.
    """

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after


@dataclass
class SlidingWindow:
    """At most ``limit`` events per key within ``window_seconds``."""

    limit: int
    window_seconds: float
    clock: Callable[[], float] = time.monotonic
    _hits: dict[Hashable, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, key: Hashable) -> int:
        """Seconds until the next event is allowed; 0 when it is allowed now."""
        now = self.clock()
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 0
            while hits and hits[0] <= now - self.window_seconds:
                hits.popleft()
            if not hits:
                del self._hits[key]  # the table holds only keys seen in the window
                return 0
            if len(hits) < self.limit:
                return 0
            return max(1, int(hits[0] + self.window_seconds - now) + 1)

    def hit(self, key: Hashable) -> None:
        """Count one event."""
        now = self.clock()
        with self._lock:
            self._hits.setdefault(key, deque()).append(now)

    def clear(self, key: Hashable) -> None:
        """Forget the key's events."""
        with self._lock:
            self._hits.pop(key, None)

    def check(self, key: Hashable, what: str) -> None:
        """Raise :class:`TooManyRequests` when the key has reached its limit."""
        wait = self.retry_after(key)
        if wait:
            raise TooManyRequests(
                f"Zu viele Versuche ({what}); bitte in {wait} s erneut versuchen. / "
                f"Too many attempts ({what}); please retry in {wait} s.",
                retry_after=wait,
            )


@dataclass
class LoginThrottle:
    """``retry_after`` before verifying a password, ``failed`` after a wrong one."""

    per_account: int = 5
    per_address: int = 30
    window_seconds: float = 900.0
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._account = SlidingWindow(self.per_account, self.window_seconds, self.clock)
        self._address = SlidingWindow(self.per_address, self.window_seconds, self.clock)

    def retry_after(self, address: str, email: str) -> int:
        """Seconds until a new attempt is allowed; 0 when it is allowed now."""
        return max(
            self._account.retry_after((address, sign_in_address(email))),
            self._address.retry_after(address),
        )

    def failed(self, address: str, email: str) -> None:
        """Count a failed attempt."""
        self._account.hit((address, sign_in_address(email)))
        self._address.hit(address)

    def succeeded(self, address: str, email: str) -> None:
        """A correct password clears the account's count (not the address's)."""
        self._account.clear((address, sign_in_address(email)))


@dataclass
class ApiThrottle:
    """The API's limits: bearer failures per address; tokens and organisations per account."""

    failures_per_address: int = 30
    tokens_per_account: int = 20
    window_seconds: float = 900.0
    organisations_per_account: int = 20
    organisation_window_seconds: float = 86400.0
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self.organisation_creations = SlidingWindow(
            self.organisations_per_account, self.organisation_window_seconds, self.clock
        )
        self.bearer_failures = SlidingWindow(
            self.failures_per_address, self.window_seconds, self.clock
        )
        self.token_issues = SlidingWindow(self.tokens_per_account, self.window_seconds, self.clock)
