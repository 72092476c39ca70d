"""The API documentation at ``/schema`` works without internet: every file it needs comes
from the registry itself (GDPR: no CDN, no web fonts)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from web.app import create_app


@pytest.fixture
def client(fresh_settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    migrate_to_head(fresh_settings)
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)=["\']([^"\']+)["\']', html)


@pytest.mark.parametrize("path", ["/schema", "/schema/swagger"])
def test_viewer_references_only_its_own_origin(
    client: TestClient,  # type: ignore[type-arg]
    path: str,
) -> None:
    page = client.get(path)
    assert page.status_code == 200
    refs = _references(page.text)
    assert len(refs) >= 4  # favicon, stylesheet, the bundle, its preset, the start script
    assert [r for r in refs if not r.startswith("/")] == []
    assert "<script>" not in page.text and "fonts.googleapis" not in page.text
    for ref in refs:  # every file the page names is really served
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.content) > 100, ref


def test_start_script_reads_the_spec_the_page_names(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    page = client.get("/schema").text
    spec = re.search(r'data-spec="([^"]+)"', page)
    assert spec is not None and spec.group(1) == "/schema/openapi.json"
    assert client.get(spec.group(1)).json()["info"]["title"].startswith("Registry")
    start = client.get("/static/apidocs/start.js").text
    assert "data-spec" in start and "http" not in start


def test_yaml_document_still_served(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/schema/openapi.yaml")
    assert response.status_code == 200
    assert "openapi:" in response.text
