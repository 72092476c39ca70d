"""The app the API fuzzer runs against: a migrated SQLite file with the demo catalogue,
two organisations' members and an admin, and a valid admin token so writes are reached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.accounts import AccountService
from registry.db import make_engine
from registry.demo import load_demo
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import migrate_to_head
from web.app import create_app

OPENAPI_PATH = "/schema/openapi.json"
#: No example database (runs stay reproducible and leave nothing behind); shrink failures.
FUZZ_PHASES = (Phase.explicit, Phase.generate, Phase.shrink)


@dataclass(frozen=True)
class FuzzWorld:
    """The app and a bearer token with the ``admin`` scope."""

    app: Litestar
    settings: Settings
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The Authorization header every fuzzed request carries."""
        return {"Authorization": f"Bearer {self.token}"}


def fuzz_world(folder: Path) -> FuzzWorld:
    """A fresh SQLite database in ``folder``, migrated, with the demo data and an admin token."""
    settings = migrate_to_head(Settings(database_url=f"sqlite:///{folder / 'fuzz.sqlite3'}"))
    engine = make_engine(settings)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            load_demo(session)
            accounts = AccountService(session)
            accounts.create("root@example.org", role="admin")
            token = accounts.issue_token("root@example.org", scope="admin").token
    finally:
        engine.dispose()
    return FuzzWorld(create_app(settings), settings, token)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]


def api_schema(world: FuzzWorld) -> schemathesis.BaseSchema:
    """The app's own OpenAPI document, loaded by schemathesis over ASGI."""
    return schemathesis.openapi.from_asgi(OPENAPI_PATH, world.app)


def operations(schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    """Every operation of the document (an unusable one fails loudly)."""
    return [result.ok() for result in schema.get_all_operations()]


def fuzz_operation(
    world: FuzzWorld,
    operation: schemathesis.APIOperation,
    *,
    examples: int,
    sent: list[int] | None = None,
) -> int:
    """Send up to ``examples`` valid and invalid requests; returns how many were sent.

    Raises on the first failing check (hypothesis shrinks it to a minimal request first);
    ``sent``, when given, counts the requests (shrinking included) even then.
    """
    tally = sent if sent is not None else [0]
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(strategy)
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=FUZZ_PHASES)  # fmt: skip
    def run(case: schemathesis.Case) -> None:
        tally[0] += 1
        case.call_and_validate(headers=world.headers, checks=CHECKS)

    run()
    return tally[0]
