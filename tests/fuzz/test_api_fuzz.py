"""Schemathesis fuzzes every operation of the app's own OpenAPI document (issue 9).

The app runs in-process (ASGI) on a migrated SQLite file with the demo catalogue, and every
request carries an admin token, so write operations get past authentication and reach
their handlers. Valid and invalid requests (schemathesis' positive and negative modes).
Checks: no 5xx, and every documented response (media type, body) conforms to the
document. Undocumented statuses (401, 403, 404, 409, 413, 422) are not judged: the
document lists only success and 400.

SQLite only: the handlers do not branch on the dialect, the functional tests run each
endpoint on both databases, and a second leg would double the fuzzing time. A longer run:
``.venv/bin/python bench/fuzz_api.py --examples 300``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz._world import FuzzWorld, api_schema, fuzz_operation, fuzz_world, operations

#: Examples per operation (valid and invalid together); 42 operations stay under ~30 s.
EXAMPLES = 12


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> FuzzWorld:
    return fuzz_world(Path(tmp_path_factory.mktemp("fuzz")))


def test_no_operation_fails_or_breaks_its_schema(
    world: FuzzWorld, subtests: pytest.Subtests
) -> None:
    ops = operations(api_schema(world))
    assert len(ops) >= 40
    sent = 0
    for operation in ops:
        with subtests.test(operation=operation.label):
            sent += fuzz_operation(world, operation, examples=EXAMPLES)
    assert sent >= len(ops) * 2
