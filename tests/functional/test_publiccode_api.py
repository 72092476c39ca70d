"""``POST /api/v1/validate`` and ``GET …/publiccode.yml`` through the real app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.imports import import_publiccode
from registry.publiccode import DEFAULT_MAX_BYTES, validate
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.unit.publiccode._paths import CONFORMANCE, CORPUS
from web.app import create_app

VALID = CORPUS / "ARPA-VdA__opas.yml"
SLUG = "opas-open-air-system"


@pytest.fixture
def client(fresh_settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def _import(settings: Settings) -> None:
    with committed(settings) as session:
        import_publiccode(session, VALID.read_bytes(), source=str(VALID))


def test_validate_a_valid_file(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.post("/api/v1/validate", content=VALID.read_bytes())
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["outcome"] == "accept_with_warnings"
    assert body["version"] == "0.2" and body["errors"] == 0 and body["warnings"] == 6
    assert body["results"][0] == {
        "type": "warning", "key": "publiccodeYmlVersion", "line": 5, "column": 1,
        "description": "v0.2 is not the latest version, use '0'. Parsing this file as v0.7.",
    }  # fmt: skip


def test_validate_an_invalid_file_gives_the_reference_results(client: TestClient) -> None:  # type: ignore[type-arg]
    path = CONFORMANCE / "v0/invalid/categories_invalid.yml"
    response = client.post(
        "/api/v1/validate", content=path.read_bytes(), headers={"Content-Type": "application/yaml"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False and body["outcome"] == "reject" and body["errors"] == 1
    assert body["results"][0]["key"] == "categories[0]"
    assert (body["results"][0]["line"], body["results"][0]["column"]) == (13, 5)


@pytest.mark.parametrize(
    ("content", "description"),
    [
        (b"\x00\xff\xfe\x80 binary", "Invalid UTF-8"),
        ("name: Übersicht".encode("latin-1"), "Invalid UTF-8"),
        (b"a: [", "did not find expected node content"),
        (b"a: 1\na: 2\n", "already defined"),
        (b"", "publiccodeYmlVersion is a required field"),
        (b"[" * 10_000, ""),
    ],
)
def test_garbage_gets_a_verdict_never_a_500(
    client: TestClient,  # type: ignore[type-arg]
    content: bytes,
    description: str,
) -> None:
    response = client.post("/api/v1/validate", content=content)
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False and body["results"][0]["type"] == "error"
    assert description in body["results"][0]["description"]


def test_an_oversized_body_is_413(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.post("/api/v1/validate", content=b"#" * (DEFAULT_MAX_BYTES + 1))
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    at_limit = client.post("/api/v1/validate", content=b"#" * DEFAULT_MAX_BYTES)
    assert at_limit.status_code == 200


def test_export_as_yaml(client: TestClient, fresh_settings: Settings) -> None:  # type: ignore[type-arg]
    _import(fresh_settings)
    for path in (f"/solutions/{SLUG}/publiccode.yml", f"/api/v1/solutions/{SLUG}/publiccode.yml"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/yaml; charset=utf-8"
        report = validate(response.content)
        assert report.outcome == "accept", report.issues
        assert report.document is not None and report.document["name"] == "OPAS (OPen Air System)"


def test_export_of_an_unknown_entry_is_404(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/api/v1/solutions/no-such/publiccode.yml")
    assert response.status_code == 404
    assert response.json()["detail"] == "solution 'no-such' not found"


def test_the_endpoints_are_in_the_openapi_document(client: TestClient) -> None:  # type: ignore[type-arg]
    paths = client.get("/schema/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/validate"]
    assert "get" in paths["/api/v1/solutions/{slug}/publiccode.yml"]
    assert "/solutions/{slug}/publiccode.yml" not in paths
