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
The counting is the ``limits`` library's moving window over one storage per app
(:func:`rate_limit_storage`): in the process by default (``memory://``), or shared by
every server worker when ``REGISTRY_RATE_LIMIT_URL`` names a Redis
(``redis://127.0.0.1:6379``), so a limit holds for the whole registry, not per worker.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from limits import RateLimitItemPerSecond
from limits.errors import ConfigurationError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from registry.accounts.services import sign_in_address
from registry.errors import InvalidInput, RegistryError

__all__ = [
    "ApiThrottle",
    "LoginThrottle",
    "SlidingWindow",
    "TooManyRequests",
    "rate_limit_storage",
]


class TooManyRequests(RegistryError):
    """Too many attempts at *our* limits: wait ``retry_after`` seconds (HTTP 429).

    Not to be confused with ``importers.hosts.RateLimited``, a Git host limiting us.
    """

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after


def rate_limit_storage(url: str = "memory://") -> Storage:
    """Where the counts live: ``memory://`` (this process) or ``redis://host:port/db``
    (shared by every worker; registries sharing one Redis use different databases)."""
    try:
        storage = storage_from_string(url)
    except ConfigurationError as exc:
        raise InvalidInput(f"REGISTRY_RATE_LIMIT_URL: {exc}", field="rate_limit_url") from exc
    if not isinstance(storage, Storage):  # async+redis:// and the like
        raise InvalidInput("REGISTRY_RATE_LIMIT_URL: a synchronous storage (memory://, redis://)",
                           field="rate_limit_url")  # fmt: skip
    return storage


def _identifiers(key: Hashable) -> tuple[str, ...]:
    return tuple(map(str, key)) if isinstance(key, tuple) else (str(key),)


@dataclass
class SlidingWindow:
    """At most ``limit`` events per key within ``window_seconds`` (a moving window).

    ``name`` keeps the windows on one ``storage`` apart; ``clock`` is the wall clock the
    storage counts by (``time.time``), read here only to say how long to wait.
    """

    limit: int
    window_seconds: float
    clock: Callable[[], float] = time.time
    storage: Storage = field(default_factory=MemoryStorage)
    name: str = "window"

    def __post_init__(self) -> None:
        self._item = RateLimitItemPerSecond(
            self.limit, math.ceil(self.window_seconds), namespace=self.name
        )
        self._limiter = MovingWindowRateLimiter(self.storage)

    def retry_after(self, key: Hashable) -> int:
        """Seconds until the next event is allowed; 0 when it is allowed now."""
        stats = self._limiter.get_window_stats(self._item, *_identifiers(key))
        if stats.remaining > 0:
            return 0
        return max(1, int(stats.reset_time - self.clock()) + 1)

    def hit(self, key: Hashable) -> None:
        """Count one event (past the limit there is nothing more to count)."""
        self._limiter.hit(self._item, *_identifiers(key))

    def clear(self, key: Hashable) -> None:
        """Forget the key's events."""
        self._limiter.clear(self._item, *_identifiers(key))

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
    clock: Callable[[], float] = time.time
    storage: Storage = field(default_factory=MemoryStorage)

    def __post_init__(self) -> None:
        window = self.window_seconds
        self._account = SlidingWindow(self.per_account, window, self.clock, self.storage,
                                      "sign-in-account")  # fmt: skip
        self._address = SlidingWindow(self.per_address, window, self.clock, self.storage,
                                      "sign-in-address")  # fmt: skip

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
    clock: Callable[[], float] = time.time
    storage: Storage = field(default_factory=MemoryStorage)

    def __post_init__(self) -> None:
        self.organisation_creations = SlidingWindow(
            self.organisations_per_account, self.organisation_window_seconds, self.clock,
            self.storage, "organisations-added",
        )  # fmt: skip
        self.bearer_failures = SlidingWindow(
            self.failures_per_address, self.window_seconds, self.clock, self.storage,
            "bearer-failures",
        )  # fmt: skip
        self.token_issues = SlidingWindow(
            self.tokens_per_account, self.window_seconds, self.clock, self.storage,
            "tokens-issued",
        )  # fmt: skip
