"""Where the evidence lives decides what it proves (issue 20, found on real repositories).

Fixture repositories written here with pygit2 are imported with ``registry import`` and
checked through the solution JSON and page: a licence kept in the one application folder
is the project's licence; an example catalogue is no supported standard; a client
generated from the project's own API document consumes nothing (one generated from
another's does); a third-party agent shipped as distributed brings no interface.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import ALICE, RepoBuilder, licence_text
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)

OPENAPI = "openapi: 3.0.3\ninfo: {title: Anfragen, version: 1.0.0}\npaths:\n  /a: {get: {}}\n"
PACKAGE = '{"name": "frontend", "dependencies": {"@hey-api/openapi-ts": "^0.98.1"}}\n'


def _config(source: str) -> str:
    return (
        "import { defineConfig } from '@hey-api/openapi-ts'\n"
        f"export default defineConfig({{ input: '{source}', output: {{ path: 'web/gen' }} }})\n"
    )


REPOS: dict[str, dict[str, str | bytes]] = {
    # The whole application lives in app/; the root holds only packaging.
    "barrierefrei": {
        "README.md": "# Barrierefrei\n",
        "Dockerfile": "FROM node:20\nCOPY app /app\n",
        "app/LICENSE": licence_text("mit"),
        "app/package.json": '{"name": "barrierefrei"}\n',
        "app/server/main.js": "export const port = 3000\n",
        "docs/LICENSE": licence_text("cc-by-4.0"),  # the documentation's licence: not it
    },
    # Exports DCAT-AP; an example folder holds a DCAT-AP.de catalogue it was tried with.
    "katalog": {
        "README.md": "# Katalog\n",
        "src/katalog/export.py": (
            "from rdflib.namespace import DCAT\n\ndef add(graph, ref):\n"
            "    graph.add((ref, RDF.type, DCAT.Dataset))\n"
        ),
        "examples/dcat/dataset_de.rdf": (
            '<rdf:RDF xmlns:dcatde="http://dcat-ap.de/def/dcatde/">'
            "<dcatde:contributorID/></rdf:RDF>\n"
        ),
    },
    # A typed client of its own API for its own frontend.
    "anfragen": {
        "README.md": "# Anfragen\n",
        "anfragen/openapi-schema.yaml": OPENAPI,
        "package.json": PACKAGE,
        "openapi-ts.config.ts": _config("./anfragen/openapi-schema.yaml"),
    },
    # The same generator reading another party's API: that one is consumed.
    "melder": {
        "README.md": "# Melder\n",
        "melder/openapi.yaml": OPENAPI,
        "package.json": PACKAGE,
        "openapi-ts.config.ts": _config("https://api.example.org/register/openapi.json"),
    },
    # A monitoring agent shipped as distributed beside the service's own API document.
    "validator": {
        "README.md": "# Validator\n",
        "web/service/open-api-spec.json": (
            '{"openapi": "3.0.1", "info": {"title": "Validator", "version": "1"}, '
            '"paths": {"/validate": {}}}'
        ),
        "web/service/agent/LICENSE": licence_text("apache-2.0"),
        "web/service/agent/agent.jar": b"PK\x03\x04\x00\x00binary",
        "web/service/agent/extension.xsd": (
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'targetNamespace="https://agent.example.com/xsd/v1.0"/>\n'
        ),
    },
}


@pytest.fixture(scope="module")
def client(database_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    base = tmp_path_factory.mktemp("evidence")
    env = {"REGISTRY_DATABASE_URL": settings.database_url, "REGISTRY_GIT_CACHE_DIR": str(base)}
    for name, files in REPOS.items():
        RepoBuilder(base / name).commit(dict(files), author=ALICE, when=NOW - timedelta(days=2))
        url = f"https://code.example.org/stadt/{name}"
        result = runner.invoke(app, ["import", str(base / name), "--url", url], env=env)
        assert result.exit_code == 0, result.output
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _json(client: Client, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/solutions/{slug}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _section(client: Client, slug: str, name: str) -> str:
    response = client.get(f"/solutions/{slug}?lang=en")
    assert response.status_code == 200, response.text[:2000]
    found = re.search(rf'<section aria-labelledby="{name}">(.*?)</section>', response.text, re.S)
    assert found, name
    return re.sub(r"\s+", " ", found.group(1))


def _standards(client: Client, slug: str) -> set[tuple[str, str]]:
    return {(i["standard"] or i["name"], i["role"]) for i in _json(client, slug)["interfaces"]}


def test_the_licence_of_the_one_application_folder_is_the_projects(client: Client) -> None:
    body = _json(client, "barrierefrei")
    assert body["licence"] == body["licence_detected"] == "MIT"
    section = _section(client, "barrierefrei", "licence")
    assert "MIT" in section and "app/LICENSE" in section
    assert "CC-BY-4.0" not in section


def test_an_example_catalogue_is_no_supported_standard(client: Client) -> None:
    assert _standards(client, "katalog") == {("dcat-ap", "provides")}
    assert "DCAT-AP.de" not in _section(client, "katalog", "interfaces")


def test_a_client_of_the_projects_own_api_consumes_nothing(client: Client) -> None:
    assert _standards(client, "anfragen") == {("openapi", "provides")}
    assert ">consumes<" not in _section(client, "anfragen", "interfaces")
    # Generated from another party's document, the same client is consumed.
    assert _standards(client, "melder") == {("openapi", "provides"), ("openapi", "consumes")}


def test_a_bundled_agents_schema_is_no_interface_document(client: Client) -> None:
    interfaces = _json(client, "validator")["interfaces"]
    paths = [item["path"] for i in interfaces for item in i["evidence_items"]]
    assert paths == ["web/service/open-api-spec.json"]
    assert "extension.xsd" not in _section(client, "validator", "interfaces")
