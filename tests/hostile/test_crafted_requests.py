"""Crafted requests a client can send to any route: each is its fault, so it gets a 400
problem naming the part at fault, never a 500 (and no traceback in the log).

Attacks from the trust review (issue 14, findings 7, 8 and 9): keyset cursors with huge
integers, NaN, 1e400, wrong types and deep nesting; JSON bodies nested thousands deep on
every write route; a ``Host`` header that is not a host.
"""

from __future__ import annotations

import base64
import json
import logging
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, SolutionDraft
from registry.organisations import Organisation
from registry.search import SORTS
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.server import running_server
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000
DEEP_ARRAY = "[" * 5000 + "]" * 5000


@pytest.fixture(scope="module")
def seeded(database_factory: object) -> tuple[Settings, str]:
    settings = Settings(database_url=database_factory.new_url())  # type: ignore[attr-defined]
    migrate_to_head(settings)
    with committed(settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        for n in range(3):
            CatalogueService(session).upsert_draft(SolutionDraft(name=f"Lösung {n}"))
        AccountService(session).create("a@example.org", role="admin", organisation="stadt-a")
        token = AccountService(session).issue_token("a@example.org", scope="admin").token
    return settings, token


@pytest.fixture(scope="module")
def client(seeded: tuple[Settings, str]) -> Iterator[Client]:
    with TestClient(app=create_app(seeded[0]), raise_server_exceptions=False) as test_client:
        yield test_client


def _cursor(sort: str, keys: object) -> str:
    raw = json.dumps([sort, keys]) if not isinstance(keys, str) else f'["{sort}",{keys}]'
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CRAFTED_KEYS = [
    pytest.param([10**40, 10**40, 10**40], id="huge-ints"),
    pytest.param("[NaN,NaN,NaN]", id="nan"),
    pytest.param("[1e400,1e400,1e400]", id="1e400"),
    pytest.param("[-Infinity,1,2]", id="infinity"),
    pytest.param([["x"], {"a": 1}, None], id="wrong-types"),
    pytest.param(["text", "text", "not-an-id"], id="text-for-numbers"),
    pytest.param([True, False, True], id="booleans"),
    pytest.param([1.5, 2.5, 3.5], id="floats-for-ids"),
    pytest.param("[" + "[" * 5000 + "]" * 5000 + "]", id="5000-deep"),
]


@pytest.mark.parametrize("keys", CRAFTED_KEYS)
@pytest.mark.parametrize("sort", SORTS)
def test_a_crafted_cursor_is_a_400_naming_page_after(
    client: Client, sort: str, keys: object, caplog: pytest.LogCaptureFixture
) -> None:
    params = {"sort": sort, "page[after]": _cursor(sort, keys)}
    if sort == "relevance":
        params["q"] = "Lösung"
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/solutions", params=params)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["field"] == "page[after]"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_cursors_the_api_hands_out_still_page(client: Client) -> None:
    first = client.get("/api/v1/solutions", params={"sort": "name", "page[size]": "2"})
    assert first.status_code == 200
    after = first.json()["links"]["next"]
    second = client.get(after)
    assert second.status_code == 200, second.text
    names = [hit["name"] for hit in first.json()["data"] + second.json()["data"]]
    assert names == ["Lösung 0", "Lösung 1", "Lösung 2"]


WRITE_ROUTES = [
    ("POST", "/api/v1/imports"),
    ("POST", "/api/v1/webhooks"),
    ("POST", "/api/v1/tokens"),
    ("POST", "/api/v1/validate"),
    ("POST", "/api/v1/solutions/losung-0/adoptions"),
    ("PATCH", "/api/v1/solutions/losung-0"),
    ("POST", "/api/v1/solutions/losung-0/transfer"),
    ("POST", "/api/v1/organisations/stadt-a/members"),
]


@pytest.mark.parametrize("body", [DEEP_OBJECT, DEEP_ARRAY], ids=["object", "array"])
@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES)
def test_a_body_nested_thousands_deep_is_a_400_before_decoding(  # noqa: PLR0917
    client: Client,
    seeded: tuple[Settings, str],
    method: str,
    path: str,
    body: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    headers = {"Authorization": f"Bearer {seeded[1]}", "Content-Type": "application/json"}
    with caplog.at_level(logging.ERROR):
        response = client.request(method, path, content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json()["field"] == "body"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_shallow_body_with_brackets_inside_strings_is_decoded(
    client: Client, seeded: tuple[Settings, str]
) -> None:
    name = "[" * 200 + '{"\\"' + "}" * 10
    response = client.post(
        "/api/v1/tokens",
        json={"scope": "read", "name": name[:100]},
        headers={"Authorization": f"Bearer {seeded[1]}"},
    )
    assert response.status_code == 201, response.text


def _raw_get(base: str, host: bytes, path: bytes = b"/") -> tuple[int, bytes]:
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


@pytest.fixture(scope="module")
def server(seeded: tuple[Settings, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(seeded[0].database_url, tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.mark.parametrize("path", [b"/", b"/solutions", b"/api/v1/solutions", b"/nowhere"])
@pytest.mark.parametrize("host", [b"x:y", b"x:99999", b"a b", b"evil/x"])
def test_a_host_header_that_is_not_a_host_is_a_400_on_every_route(
    server: str, path: bytes, host: bytes
) -> None:
    status, data = _raw_get(server, host, path)
    good, _ = _raw_get(server, b"registry.example:8443", path)
    assert status == 400, data[:400]
    assert b"application/problem+json" in data
    assert b'"field": "Host"' in data
    assert good in (200, 404)
