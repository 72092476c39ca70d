"""Which failures are answered how: the database away is a 503, never a 500, also when it
is found out while Litestar resolves a handler's dependencies (concurrently, in a task
group)."""

from __future__ import annotations

import asyncio

import pytest
from litestar import Litestar, get
from litestar.di import NamedDependency, Provide
from litestar.testing import TestClient
from sqlalchemy.exc import DisconnectionError, OperationalError

from registry.errors import NotFound, RegistryError
from web.errors import (
    database_error_handler,
    database_unavailable,
    internal_error_handler,
    registry_error_handler,
)


class _Orig(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _operational(message: str, sqlstate: str | None = None) -> OperationalError:
    return OperationalError("SELECT 1", {}, _Orig(message, sqlstate))


@pytest.mark.parametrize(
    ("error", "away"),
    [
        (_operational("database is locked"), True),
        (_operational("connection failed: Connection refused"), True),
        (_operational("the database system is starting up", "57P03"), True),
        (_operational("terminating connection due to administrator command", "57P01"), True),
        (_operational("server closed the connection unexpectedly", "08006"), True),
        (DisconnectionError(), True),
        (_operational("no such table: solution"), False),
        (_operational("disk I/O error", "58030"), False),
        (ValueError("x"), False),
    ],
)
def test_the_database_away_is_told_from_a_broken_one(error: Exception, away: bool) -> None:
    assert database_unavailable(error) is away


async def _missing() -> str:
    await asyncio.sleep(0)
    raise NotFound("slug: no such entry", field="slug")


async def _gone() -> str:
    await asyncio.sleep(0)
    raise _operational("connection failed: Connection refused")


async def _fine() -> str:
    return "ok"


@get("/missing", dependencies={"a": Provide(_missing), "b": Provide(_fine)})
async def missing(a: NamedDependency[str], b: NamedDependency[str]) -> str:
    return a + b


@get("/gone", dependencies={"a": Provide(_gone), "b": Provide(_fine)})
async def gone(a: NamedDependency[str], b: NamedDependency[str]) -> str:
    return a + b


def test_errors_raised_in_dependencies_keep_their_status() -> None:
    app = Litestar(
        [missing, gone],
        exception_handlers={
            RegistryError: registry_error_handler,
            OperationalError: database_error_handler,
            Exception: internal_error_handler,
        },
    )
    with TestClient(app) as client:
        not_found = client.get("/missing", headers={"accept": "application/json"})
        assert not_found.status_code == 404, not_found.text
        assert not_found.json()["field"] == "slug"
        away = client.get("/gone", headers={"accept": "application/json"})
        assert away.status_code == 503 and away.headers["retry-after"] == "2"
