"""Schemathesis fuzzes every operation of the app's own OpenAPI document (issue 9).

The app runs in-process (ASGI) on a migrated SQLite file with the demo catalogue, and every
request carries an admin token, so write operations get past authentication and reach
their handlers. Valid and invalid requests (schemathesis' positive and negative modes).
Checks: no 5xx, no status the document does not list for the operation (the errors are
listed by rule in ``web.errors.document_problems``), and every response (media type,
body, problem+json for errors) conforms to the document.

SQLite only: the handlers do not branch on the dialect, the functional tests run each
endpoint on both databases, and a second leg would double the fuzzing time. A longer run:
``.venv/bin/python bench/fuzz_api.py --examples 300``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.fuzz._world import FuzzWorld, api_schema, fuzz_operation, fuzz_world, operations

#: Examples per operation (valid and invalid together); 46 operations take about 15 s.
EXAMPLES = 20


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


def test_the_document_states_errors_as_problem_json(world: FuzzWorld) -> None:
    with TestClient(app=world.app) as client:
        document = client.get("/schema/openapi.json").json()
        bad = document["paths"]["/api/v1/solutions"]["get"]["responses"]["400"]["content"]
        assert list(bad) == ["application/problem+json"]
        assert bad["application/problem+json"]["schema"]["required"] == [
            "type", "title", "status", "detail"
        ]  # fmt: skip
        badge = client.get("/badges/none.svg", params={"lang": "xx"})
        assert badge.status_code == 400
        assert badge.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/deliveries",
     "/api/v1/solutions/open-rathaus/adoptions/{id}"],
)  # fmt: skip
def test_row_ids_beyond_64_bits_are_a_bad_request(world: FuzzWorld, path: str) -> None:
    method = "GET" if path.endswith("deliveries") else "DELETE"
    with TestClient(app=world.app) as client:
        response = client.request(method, path.format(id=2**64), headers=world.headers)
        assert response.status_code == 400, response.text  # was a 500 on SQLite (OverflowError)
