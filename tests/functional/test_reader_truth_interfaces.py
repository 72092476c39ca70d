"""What the reader is shown about interfaces is right (issue 20, class 5).

Fixture repositories written here with pygit2 are imported with ``registry import`` as an
operator would, and checked through the solution JSON and the solution page: every
document of a standard is shown, an API the software consumes (a generated client, a
partner's document, client code) says "consumes", the strongest evidence comes first,
a changelog line or an ``.env`` value alone makes no interface, a vendored library is no
evidence, and WMS servers, DCAT vocabularies and GTFS feeds are recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import ALICE, RepoBuilder
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)


def _openapi(title: str, paths: int, version: str = "1.0.0") -> str:
    body = "".join(
        f"  /r{n}:\n    get: {{responses: {{'200': {{description: ok}}}}}}\n" for n in range(paths)
    )
    return f"openapi: 3.0.3\ninfo:\n  title: {title}\n  version: {version}\npaths:\n{body}"


#: Four documents this solution serves, in four places (the page showed only one).
SERVED = {
    "services/meldungen/openapi.yaml": ("Meldungen API", 5),
    "services/termine/api/openapi.yml": ("Termine API", 3),
    "services/gebuehren/swagger.json": ("Gebühren API", 2),
    "docs/api/verwaltung.yaml": ("Verwaltungs-API", 1),
}


def _apis_repo(path: Path) -> None:
    files: dict[str, str] = {
        "README.md": "# Bürgerdienste\n",
        "CHANGELOG.md": "## 1.1\n- WMS layer via service=WMS requests\n",
        ".env.example": "BROKER_URL=mqtt://broker.example.org:1883\n",
        "services/meldungen/parts/errors.yaml": "openapi: 3.0.3\n",  # a fragment
        "tests/fixtures/petstore.yaml": _openapi("Pets", 1),  # a test fixture
        # A client generated from the state's registry API: consumed, not provided.
        "gen/landesregister/.openapi-generator/FILES": "README.md\nlandesregister/api_client.py\n",
        "gen/landesregister/api/openapi.yaml": _openapi("Landesregister", 7),
        "external/partner-apis/zahlungen.yaml": _openapi("Zahlungsdienst", 4),
        "src/oparl.py": "BODY = 'https://schema.oparl.org/1.1/Body'\n",
        "docs/oparl.md": "Serves OParl (https://schema.oparl.org/1.1/).\n",
        # Client code asking another party's map server.
        "src/map.js": "new TileWMS({url: base + '?service=WMS&request=GetMap'})\n",
        # A capabilities parser and a namespace both sides write: consumed here as well.
        "src/wms_capabilities_parser.py": "ROOT = '<WMS_Capabilities'  # what servers send\n",
        "src/layers.py": "NS = 'http://www.opengis.net/wms'\n",
        # A copied-in map library that names WFS: not this project's interface.
        "static/lib/leaflet-wfst.js": "url+'?service=WFS&typeName='; // opengis.net/wfs\n",
        "web/assets/ol.min.js": 'xmlns:wfs="http://www.opengis.net/wfs"\n',
    }
    for doc, (title, paths) in SERVED.items():
        if doc.endswith(".json"):
            files[doc] = (
                '{"swagger": "2.0", "info": {"title": "'
                + title
                + '", "version": "2"}, "paths": {'
                + ", ".join(f'"/g{n}": {{}}' for n in range(paths))
                + "}}"
            )
        else:
            files[doc] = _openapi(title, paths)
    RepoBuilder(path).commit(files, author=ALICE, when=NOW - timedelta(days=3))


MAPFILE = """\
MAP
  NAME "stadtplan"
  WEB
    METADATA
      "wms_title" "Stadtplan"
      "wms_enable_request" "*"
    END
  END
END
"""
CAPABILITIES = """\
def get_capabilities(request):
    \"\"\"Answer a WMS GetCapabilities request.\"\"\"
    return render("capabilities.xml", version="1.3.0")
"""
DCAT_EXPORT = """\
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS

def dataset(graph: Graph, ref):
    graph.add((ref, RDF.type, DCAT.Dataset))
"""


def _geo_repo(path: Path) -> None:
    feed = {f"data/gtfs/{name}.txt": "id\n1\n" for name in ("agency", "stops", "routes", "trips")}
    files = {
        "README.md": "# Geodienst\n",
        "mapserver/stadtplan.map": MAPFILE,
        "src/geodienst/ows.py": CAPABILITIES,
        "src/geodienst/dcat.py": DCAT_EXPORT,
        "requirements.txt": "gtfs-kit==6.1\nowslib>=0.29\n",
        **feed,
    }
    RepoBuilder(path).commit(files, author=ALICE, when=NOW - timedelta(days=2))


REPOS = {
    "buergerdienste": (_apis_repo, "https://code.example.org/stadt/buergerdienste"),
    "geodienst": (_geo_repo, "https://code.example.org/stadt/geodienst"),
}


@pytest.fixture(scope="module")
def client(database_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    base = tmp_path_factory.mktemp("interfaces")
    env = {"REGISTRY_DATABASE_URL": settings.database_url, "REGISTRY_GIT_CACHE_DIR": str(base)}
    for name, (build, url) in REPOS.items():
        build(base / name)
        result = runner.invoke(app, ["import", str(base / name), "--url", url], env=env)
        assert result.exit_code == 0, result.output
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _interfaces(client: Client, slug: str) -> dict[tuple[str | None, str], dict[str, Any]]:
    response = client.get(f"/api/v1/solutions/{slug}")
    assert response.status_code == 200, response.text
    return {(i["standard"] or i["name"], i["role"]): i for i in response.json()["interfaces"]}


def _rows(client: Client, slug: str, lang: str = "en") -> list[str]:
    response = client.get(f"/solutions/{slug}?lang={lang}")
    assert response.status_code == 200, response.text[:2000]
    found = re.search(r'<section aria-labelledby="interfaces">(.*?)</section>', response.text, re.S)
    assert found
    return [re.sub(r"\s+", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)]


def _row(rows: list[str], name: str, role: str) -> str:
    matching = [r for r in rows if f">{name}</a>" in r and re.search(rf"<td[^>]*>{role}</td>", r)]
    assert len(matching) == 1, (name, role, rows)
    return matching[0]


def test_every_document_is_shown_strongest_first(client: Client) -> None:
    served = _interfaces(client, "buergerdienste")[("openapi", "provides")]
    paths = [item["path"] for item in served["evidence_items"]]
    # Every document, the one describing most operations first; fragments and fixtures left out.
    assert paths == list(SERVED)
    assert served["evidence"] == "services/meldungen/openapi.yaml"
    assert served["documents"] == 4 and served["more_evidence"] == 0
    first = served["evidence_items"][0]
    assert (first["kind"], first["title"], first["operations"]) == ("document", "Meldungen API", 5)
    assert served["evidence_items"][2]["spec_version"] == "2.0"  # Swagger 2.0 is OpenAPI too

    row = _row(_rows(client, "buergerdienste"), "OpenAPI Specification", "provides")
    for doc, (title, count) in SERVED.items():
        assert f"<code>{doc}</code>" in row
        assert title in row and (f"{count} paths" in row or f"{count} path" in row)
    assert row.index("services/meldungen/openapi.yaml") < row.index("docs/api/verwaltung.yaml")
    assert "petstore" not in row and "parts/errors.yaml" not in row
    german = _row(_rows(client, "buergerdienste", "de"), "OpenAPI Specification", "bietet an")
    words = re.sub(r"<[^>]+>", "", german)  # the version is marked translate="no"
    assert "Schnittstellenbeschreibung: Meldungen API 1.0.0, 5 Pfade" in words


def test_consumed_apis_are_labelled_consumes(client: Client) -> None:
    found = _interfaces(client, "buergerdienste")
    consumed = found[("openapi", "consumes")]
    assert [i["path"] for i in consumed["evidence_items"]] == [
        "gen/landesregister/api/openapi.yaml",
        "external/partner-apis/zahlungen.yaml",
    ]
    provided = {i["path"] for i in found[("openapi", "provides")]["evidence_items"]}
    assert not provided & {
        "gen/landesregister/api/openapi.yaml",
        "external/partner-apis/zahlungen.yaml",
    }
    # Client code asking another party's map server consumes WMS; it provides none.
    assert found[("wms", "consumes")]["evidence"] == "src/layers.py"
    assert ("wms", "provides") not in found
    rows = _rows(client, "buergerdienste")
    assert "Landesregister" in _row(rows, "OpenAPI Specification", "consumes")
    assert "Landesregister" not in _row(rows, "OpenAPI Specification", "provides")
    _row(rows, "OGC Web Map Service (WMS)", "consumes")


def test_a_mention_alone_is_no_interface_and_supports_stronger_evidence(client: Client) -> None:
    found = _interfaces(client, "buergerdienste")
    assert not [key for key in found if key[0] == "mqtt"]  # only an .env value
    oparl = found[("oparl", "provides")]
    assert [(i["path"], i["kind"]) for i in oparl["evidence_items"]] == [
        ("src/oparl.py", "identifier"),
        ("docs/oparl.md", "mention"),
    ]
    assert oparl["evidence"] == "src/oparl.py"
    row = _row(_rows(client, "buergerdienste"), "OParl", "provides")
    assert row.index("src/oparl.py") < row.index("docs/oparl.md") and "mentioned only" in row
    # The changelog's WMS line is listed after the client code it supports, as a mention.
    assert [(i["path"], i["kind"]) for i in found[("wms", "consumes")]["evidence_items"]] == [
        ("src/layers.py", "identifier"),
        ("src/map.js", "identifier"),
        ("src/wms_capabilities_parser.py", "identifier"),
        ("CHANGELOG.md", "mention"),
    ]


def test_a_vendored_client_library_naming_wfs_is_no_interface(client: Client) -> None:
    found = _interfaces(client, "buergerdienste")
    assert not [key for key in found if key[0] == "wfs"]
    assert "Web Feature Service" not in " ".join(_rows(client, "buergerdienste"))


def test_wms_dcat_and_gtfs_are_recognised(client: Client) -> None:
    found = _interfaces(client, "geodienst")
    wms = found[("wms", "provides")]
    assert [i["path"] for i in wms["evidence_items"]] == [
        "mapserver/stadtplan.map",
        "src/geodienst/ows.py",
    ]
    assert found[("wms", "consumes")]["evidence_items"][0]["detail"] == "owslib"
    dcat = found[("dcat-ap", "provides")]
    assert dcat["evidence"] == "src/geodienst/dcat.py"
    gtfs = found[("gtfs", "provides")]
    assert gtfs["evidence"] == "data/gtfs/" and gtfs["evidence_items"][0]["kind"] == "file"
    assert found[("gtfs", "consumes")]["evidence_items"][0]["detail"] == "gtfs-kit"
    rows = _rows(client, "geodienst")
    wms_row = _row(rows, "OGC Web Map Service (WMS)", "provides")
    assert wms_row.index("mapserver/stadtplan.map") < wms_row.index("src/geodienst/ows.py")
    assert "<code>src/geodienst/dcat.py</code>" in _row(rows, "DCAT-AP", "provides")
    gtfs_row = _row(rows, "GTFS Schedule", "provides")
    assert "(files in the format: agency.txt, routes.txt, stops.txt, trips.txt)" in gtfs_row
    assert "library: gtfs-kit" in _row(rows, "GTFS Schedule", "consumes")
