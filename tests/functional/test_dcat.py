"""DCAT-AP 3 records and the open-catalog-api ``/catalogs``: being harvested (issue 19).

Every page of ``/api/v1/catalog`` is read as a harvester would (following ``hydra:next``),
parsed with rdflib and checked with pySHACL against shapes written from DCAT-AP 3's tables
of mandatory and recommended properties (tests/data/dcat-ap-3-shapes.ttl).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SH

from registry.demo import load_demo
from registry.settings import Settings
from tests.browser.catalogue import add_page_fixtures
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
# rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside (rdflib 7.x).
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
SHAPES = Graph().parse(Path(__file__).parents[1] / "data" / "dcat-ap-3-shapes.ttl")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
BASE = "https://software.example.de"
SPDX = "http://spdx.org/licenses/"


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    settings = Settings(database_url=database_factory.new_url(), public_url=BASE)
    migrate_to_head(settings)
    with committed(settings) as session:
        load_demo(session)
        add_page_fixtures(session)
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _pages(client: Client, path: str = "/api/v1/catalog?page[size]=7") -> list[Graph]:
    """Every page of the records, following hydra:next as a harvester does."""
    graphs: list[Graph] = []
    url: str | None = path
    while url:
        response = client.get(url.removeprefix(BASE))
        assert response.status_code == 200, response.text[:500]
        graph = Graph().parse(data=response.text, format="json-ld")
        graphs.append(graph)
        following = list(graph.objects(None, HYDRA.next))
        assert len(following) <= 1
        url = str(following[0]) if following else None
        assert len(graphs) < 50
    return graphs


def _slugs(client: Client) -> set[str]:
    slugs: set[str] = set()
    url: str | None = "/api/v1/software?page[size]=100"
    while url:
        body = client.get(url.removeprefix(BASE)).json()
        slugs |= {item["id"] for item in body["data"]}
        url = body["links"]["next"]
    return slugs


def test_every_solution_is_one_dataset_across_the_pages(client: Client) -> None:
    graphs = _pages(client)
    assert len(graphs) > 3  # really paged
    datasets = [
        str(d) for g in graphs for d in g.subjects(RDF.type, DCAT.Dataset)
        if str(d).endswith("#dataset")
    ]  # fmt: skip
    assert len(datasets) == len(set(datasets))
    wanted = {f"{BASE}/solutions/{slug}#dataset" for slug in _slugs(client)}
    assert set(datasets) == wanted
    exports = [
        g for g in graphs if (None, DCAT.dataset, URIRef(f"{BASE}/api/v1/catalog#exports")) in g
    ]
    assert len(exports) == 1  # the files dataset only on the first page


def test_every_page_conforms_to_the_dcat_ap_3_shapes(client: Client) -> None:
    warned: dict[str, int] = {}
    for graph in _pages(client):
        conforms, results, text = validate(graph, shacl_graph=SHAPES, allow_warnings=True)
        assert conforms, text
        for result in results.subjects(RDF.type, SH.ValidationResult):
            assert results.value(result, SH.resultSeverity) == SH.Warning, text
            path = str(results.value(result, SH.resultPath))
            warned[path] = warned.get(path, 0) + 1
    # Recommended properties are present wherever the entry has the data: every dataset has
    # a description, a distribution, a theme; only contacts, keywords and file types that
    # entries lack are missing.
    allowed = {str(DCAT.contactPoint), str(DCAT.keyword), str(DCTERMS.format),
               str(DCTERMS.publisher), str(DCTERMS.license), str(DCAT.theme)}  # fmt: skip
    assert set(warned) <= allowed, warned
    assert warned.get(str(DCAT.theme), 0) <= 2, warned


def test_a_solution_record_names_publisher_licence_theme_and_documents(client: Client) -> None:
    graph = next(
        g
        for g in _pages(client)
        if (URIRef(f"{BASE}/solutions/adhocracy-plus#dataset"), RDF.type, DCAT.Dataset) in g
    )
    subject = URIRef(f"{BASE}/solutions/adhocracy-plus#dataset")
    assert str(graph.value(subject, DCTERMS.title)) == "adhocracy+"
    publisher = graph.value(subject, DCTERMS.publisher)
    assert str(publisher) == f"{BASE}/organisations/liqd"
    assert str(graph.value(publisher, FOAF.name)) == "Liquid Democracy e.V."
    themes = set(map(str, graph.objects(subject, DCAT.theme)))
    assert themes == {"http://publications.europa.eu/resource/authority/data-theme/GOVE"}
    assert graph.value(subject, DCAT.landingPage) == URIRef(f"{BASE}/solutions/adhocracy-plus")
    languages = {d.language for d in graph.objects(subject, DCTERMS.description)}
    assert {"de", "en"} <= languages
    distributions = {
        str(graph.value(d, DCTERMS.title)): d for d in graph.objects(subject, DCAT.distribution)
    }
    source = distributions["Source code"]
    assert graph.value(source, DCAT.accessURL) == URIRef("https://github.com/liqd/adhocracy-plus")
    assert graph.value(source, DCTERMS.license) == URIRef(SPDX + "AGPL-3.0-or-later")
    metadata = distributions["publiccode.yml"]
    assert graph.value(metadata, DCAT.downloadURL) == URIRef(
        f"{BASE}/solutions/adhocracy-plus/publiccode.yml"
    )
    assert client.get("/solutions/adhocracy-plus/publiccode.yml").status_code == 200


def test_a_compound_licence_keeps_its_expression(client: Client) -> None:
    for graph in _pages(client):
        for document in graph.subjects(RDF.type, DCTERMS.LicenseDocument):
            label = graph.value(document, RDFS.label)
            if isinstance(document, URIRef):
                assert str(document).startswith(SPDX) and " " not in str(document)
            else:  # a blank node: an expression of several licences, each one linked
                assert label is not None and (
                    " AND " in label or " OR " in label or "WITH" in label
                )
                parts = {
                    str(p).removeprefix(SPDX) for p in graph.objects(document, DCTERMS.relation)
                }
                assert len(parts) >= 2 and all(part in label for part in parts)


def test_turtle_says_what_json_ld_says(client: Client) -> None:
    for query in ("?page[size]=5", "?page[size]=5&page[after]=decidim"):
        jsonld = client.get(f"/api/v1/catalog{query}")
        ttl = client.get(f"/api/v1/catalog.ttl{query}")
        assert ttl.headers["content-type"].startswith("text/turtle")
        a = Graph().parse(data=jsonld.text, format="json-ld")
        b = Graph().parse(data=ttl.text, format="turtle")
        # The page views differ only in their own address (.ttl vs none).
        for graph in (a, b):
            for view in list(graph.subjects(RDF.type, HYDRA.PartialCollectionView)):
                graph.remove((view, None, None))
                graph.remove((None, None, view))
        assert isomorphic(a, b)


@pytest.mark.parametrize(
    ("query", "field"),
    [("page[size]=0", "page[size]"), ("page[size]=x", "page[size]"), ("limit=3", "limit")],
)
def test_bad_paging_is_a_400_naming_the_field(client: Client, query: str, field: str) -> None:
    for path in ("/api/v1/catalog", "/api/v1/catalog.ttl"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, response.text
        assert field in response.text


def test_catalogs_describe_this_registry_as_the_open_catalog_api_does(client: Client) -> None:
    body = client.get("/api/v1/catalogs").json()
    assert set(body) == {"data", "links"} and len(body["data"]) == 1
    catalog = body["data"][0]
    required = {"id", "name", "sources", "createdAt", "updatedAt"}
    assert required <= set(catalog)
    assert set(catalog) <= required | {"alternativeId", "active", "publishersNamespace", "scopes"}
    assert uuid.UUID(catalog["id"]).version == 5
    assert catalog["alternativeId"] == "∅" and catalog["sources"] == [] and catalog["active"]
    assert catalog["scopes"] == ["iso3166:DE"]
    assert client.get("/api/v1/catalogs/%E2%88%85").json() == catalog
    assert client.get(f"/api/v1/catalogs/{catalog['id']}").json() == catalog
    missing = client.get("/api/v1/catalogs/opencode.de")
    assert missing.status_code == 404


def _harvest(client: Client) -> dict[str, Any]:
    """A small open-catalog-api harvester: catalogs, then every page of software and publishers."""
    catalogs = client.get("/api/v1/catalogs").json()["data"]
    found: dict[str, Any] = {"catalogs": [c["name"] for c in catalogs], "software": [],
                             "publishers": []}  # fmt: skip
    for kind in ("software", "publishers"):
        url: str | None = f"/api/v1/{kind}?page[size]=9"
        while url:
            body = client.get(url.removeprefix(BASE)).json()
            found[kind] += [item["id"] for item in body["data"]]
            url = body["links"]["next"]
    return found


def test_a_harvester_gets_every_solution_once(client: Client) -> None:
    found = _harvest(client)
    assert found["catalogs"] == ["Register kommunaler Software"]
    listed = client.get("/api/v1/solutions", params={"page[size]": "100"})
    assert len(found["software"]) == len(set(found["software"])) >= 30
    api = {hit["slug"] for hit in listed.json()["data"]}
    assert api <= set(found["software"])
    assert len(found["publishers"]) == len(set(found["publishers"])) > 10
