"""Sign-in throttling counts per account and per address in a sliding window."""

from __future__ import annotations

from types import SimpleNamespace

import limits.storage.memory
import pytest

from registry.accounts import LoginThrottle
from registry.accounts.throttle import rate_limit_storage
from registry.errors import InvalidInput


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A clock the throttle and its in-memory storage (``limits``) both count by."""
    fake = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", SimpleNamespace(time=fake))
    return fake


def test_an_account_is_paused_after_its_limit_and_released_by_the_window(clock: Clock) -> None:
    throttle = LoginThrottle(per_account=3, per_address=100, window_seconds=60, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("10.0.0.1", "a@example.org") == 0
        throttle.failed("10.0.0.1", "a@example.org")
    wait = throttle.retry_after("10.0.0.1", "A@example.org")
    assert 0 < wait <= 61
    assert throttle.retry_after("10.0.0.2", "a@example.org") == 0  # another client
    clock.now += 61
    assert throttle.retry_after("10.0.0.1", "a@example.org") == 0


def test_spraying_many_accounts_from_one_address_is_paused() -> None:
    throttle = LoginThrottle(per_account=5, per_address=4, window_seconds=60, clock=Clock())
    for i in range(4):
        throttle.failed("10.0.0.9", f"user{i}@example.org")
    assert throttle.retry_after("10.0.0.9", "fresh@example.org") > 0


def test_success_clears_the_account_count_only() -> None:
    throttle = LoginThrottle(per_account=2, per_address=3, window_seconds=60, clock=Clock())
    throttle.failed("10.0.0.1", "a@example.org")
    throttle.failed("10.0.0.1", "a@example.org")
    assert throttle.retry_after("10.0.0.1", "a@example.org") > 0
    throttle.succeeded("10.0.0.1", "a@example.org")
    assert throttle.retry_after("10.0.0.1", "a@example.org") == 0
    throttle.failed("10.0.0.1", "b@example.org")
    assert throttle.retry_after("10.0.0.1", "c@example.org") > 0  # address count kept: 3


def test_every_spelling_of_an_address_counts_as_one() -> None:
    throttle = LoginThrottle(per_account=3, per_address=100, window_seconds=60, clock=Clock())
    for email in (" A@Example.org ", "a@EXAMPLE.ORG\t", "\ta@example.org"):
        throttle.failed("10.0.0.1", email)
    assert throttle.retry_after("10.0.0.1", "a@example.org") > 0
    throttle.succeeded("10.0.0.1", "A@example.org ")
    assert throttle.retry_after("10.0.0.1", "a@example.org") == 0
    throttle.failed("10.0.0.1", " not an address ")
    throttle.failed("10.0.0.1", "NOT AN ADDRESS")
    throttle.failed("10.0.0.1", "not an address")
    assert throttle.retry_after("10.0.0.1", "Not An Address") > 0


def test_the_storage_is_chosen_by_url() -> None:
    assert type(rate_limit_storage()).__name__ == "MemoryStorage"
    assert type(rate_limit_storage("redis://127.0.0.1:6379/0")).__name__ == "RedisStorage"
    for wrong in ("carrier-pigeon://coop", "async+memory://"):
        with pytest.raises(InvalidInput) as refused:
            rate_limit_storage(wrong)
        assert refused.value.field == "rate_limit_url"
