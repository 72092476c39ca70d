"""The fake host on loopback and settings that may reach it."""

from __future__ import annotations

import pytest

from registry.settings import Settings
from tests.fixtures.hostserver import host_server

__all__ = ["host_server"]


@pytest.fixture
def settings() -> Settings:
    """Loopback allowed, small pages, short waits."""
    return Settings(
        allow_private_addresses=True,
        host_page_size=2,
        host_max_wait_seconds=3.0,
        host_max_retries=3,
        user_agent="registry-tests/1.0",
    )
