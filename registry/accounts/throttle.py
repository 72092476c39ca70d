"""Sign-in throttling: a few failures per account and address, then a pause.

Failures are counted in a sliding window per (client address, e-mail) and per address
alone, so one client can neither guess one account's password nor spray many accounts.
The counts live in the process: with several server workers each keeps its own, which
still bounds guessing to ``workers × limit`` per window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LoginThrottle:
    """``check`` before verifying a password, ``failed`` after a wrong one."""

    per_account: int = 5
    per_address: int = 30
    window_seconds: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _hits: dict[tuple[str, str], deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, address: str, email: str) -> int:
        """Seconds until a new attempt is allowed; 0 when it is allowed now."""
        now = self.clock()
        with self._lock:
            waits = [
                self._wait((address, email.lower()), self.per_account, now),
                self._wait((address, ""), self.per_address, now),
            ]
        return max(waits)

    def failed(self, address: str, email: str) -> None:
        """Count a failed attempt."""
        now = self.clock()
        with self._lock:
            for key in ((address, email.lower()), (address, "")):
                self._hits.setdefault(key, deque()).append(now)

    def succeeded(self, address: str, email: str) -> None:
        """A correct password clears the account's count (not the address's)."""
        with self._lock:
            self._hits.pop((address, email.lower()), None)

    def _wait(self, key: tuple[str, str], limit: int, now: float) -> int:
        hits = self._hits.get(key)
        if not hits:
            return 0
        while hits and hits[0] <= now - self.window_seconds:
            hits.popleft()
        if len(hits) < limit:
            return 0
        return max(1, int(hits[0] + self.window_seconds - now) + 1)
