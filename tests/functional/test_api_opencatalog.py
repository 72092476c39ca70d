"""The open-catalog-api shapes: harvesters find entries by URL, renamed ones included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from litestar.testing import TestClient
from sqlalchemy import select

from registry.catalogue import models as m
from registry.demo import load_demo
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

OLD_URL = "https://bitbucket.org/geowerkstatt-hamburg/masterportal-old"


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[TestClient]:  # type: ignore[type-arg]
    """One demo catalogue per database for the whole module: these tests only read."""
    fresh_settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    with committed(fresh_settings) as session:
        load_demo(session)
        repo = session.scalars(
            select(m.Repository)
            .join(m.Repository.solution)
            .where(m.Solution.slug == "masterportal")
        ).first()
        assert repo is not None
        repo.aliases.append(m.RepositoryAlias(url=OLD_URL))  # the repository was renamed
    with TestClient(app=create_app(fresh_settings)) as test_client:
        yield test_client


def test_software_pages_by_keyset_with_the_publiccode_yml(client: TestClient) -> None:  # type: ignore[type-arg]
    first = client.get("/api/v1/software?page[size]=5")
    assert first.status_code == 200
    assert first.headers["access-control-allow-origin"] == "*" and first.headers["etag"]
    body = first.json()
    assert len(body["data"]) == 5 and body["links"]["next"]
    item = body["data"][0]
    assert set(item) == {"id", "url", "aliases", "publiccodeYml", "active", "vitality",
                         "createdAt", "updatedAt"}  # fmt: skip
    document = yaml.safe_load(item["publiccodeYml"])
    assert document["publiccodeYmlVersion"].startswith("0.")
    ids = [s["id"] for s in body["data"]]
    second = client.get(body["links"]["next"].split("testserver.local")[-1]).json()
    assert second["data"] and not set(ids) & {s["id"] for s in second["data"]}
    assert ids == sorted(ids)


def test_url_lookup_finds_renamed_repositories(client: TestClient) -> None:  # type: ignore[type-arg]
    current = client.get(
        "/api/v1/software",
        params={"url": "https://bitbucket.org/geowerkstatt-hamburg/masterportal"},
    ).json()["data"]
    renamed = client.get("/api/v1/software", params={"url": OLD_URL}).json()["data"]
    assert [s["id"] for s in current] == [s["id"] for s in renamed] == ["masterportal"]
    assert OLD_URL in renamed[0]["aliases"]
    assert (
        client.get("/api/v1/software", params={"url": "https://nowhere.example/x/y"}).json()["data"]
        == []
    )
    one = client.get("/api/v1/software/masterportal")
    assert one.status_code == 200 and one.json()["id"] == "masterportal"
    assert client.get("/api/v1/software/nope").status_code == 404


def test_publishers_show_their_code_hosting(client: TestClient) -> None:  # type: ignore[type-arg]
    page = client.get("/api/v1/publishers?page[size]=100").json()["data"]
    by_id = {p["id"]: p for p in page}
    assert by_id["fraunhofer-iosb"]["codeHosting"] == [
        {"url": "https://github.com/FraunhoferIOSB", "group": True}
    ]
    found = client.get("/api/v1/publishers", params={"url": "https://github.com/FraunhoferIOSB"})
    assert [p["id"] for p in found.json()["data"]] == ["fraunhofer-iosb"]
    one = client.get("/api/v1/publishers/fraunhofer-iosb")
    assert one.status_code == 200 and one.json()["id"] == "fraunhofer-iosb"
    assert client.get("/api/v1/publishers/nope").status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [("page[size]=0", "page[size]"), ("page[size]=x", "page[size]"), ("colour=red", "colour"),
     ("url=not%20a%20url", "url")],
)  # fmt: skip
def test_bad_parameters_are_400_naming_them(
    client: TestClient,  # type: ignore[type-arg]
    query: str,
    field: str,
) -> None:
    response = client.get(f"/api/v1/software?{query}")
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_the_openapi_document_describes_them(client: TestClient) -> None:  # type: ignore[type-arg]
    paths = client.get("/schema/openapi.json").json()["paths"]
    assert {"/api/v1/software", "/api/v1/software/{software_id}", "/api/v1/publishers",
            "/api/v1/publishers/{publisher_id}"} <= set(paths)  # fmt: skip
