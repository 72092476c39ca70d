"""Recognise interface standards in the tree, each with the path that shows it.

Three kinds of evidence, strongest first: a parsed *document* (OpenAPI, AsyncAPI,
WSDL, XSD, GraphQL schema), a *file set* (GTFS feed) and an *identifier* (a
namespace or URL that only an implementation of the standard would carry) or a
*dependency* (a client or server library of the standard). A file that only says
``openapi: 3.0.0`` or holds only components is a fragment, not a document; files
under test folders are marked ``test_fixture`` so judgement can leave them out.
"""

from __future__ import annotations

import re
from typing import Any

from registry.facts import Dependency, InterfaceFinding
from registry.publiccode import read_untrusted

__all__ = [
    "DOCUMENT_SUFFIXES",
    "dependency_interfaces",
    "document_interface",
    "gtfs_interfaces",
    "identifier_interfaces",
]

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json", ".wsdl", ".xsd", ".graphql", ".graphqls", ".gql")
_TEST = re.compile(r"(?:^|/)(?:tests?|__tests__|spec/fixtures|fixtures?|testdata|mocks?)/", re.I)
_XOEV_NS = re.compile(
    r"targetNamespace=\"(https?://(?:www\.)?(?:xoev\.de|osci\.de|xrepository\.de)[^\"]*)\""
)
_IDENTIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("oparl", re.compile(r"schema\.oparl\.org|oparl\.org/spezifikation", re.I)),
    ("sensorthings", re.compile(r"opengis\.net/spec/iot_sensing|sensorthings", re.I)),
    ("ngsi-ld", re.compile(r"uri\.etsi\.org/ngsi-ld|ngsi-ld", re.I)),
    ("wms", re.compile(r"service=wms|WMS_Capabilities|opengis\.net/wms", re.I)),
    ("wfs", re.compile(r"service=wfs|WFS_Capabilities|opengis\.net/wfs", re.I)),
    ("dcat-ap", re.compile(r"w3\.org/ns/dcat#|dcat-ap", re.I)),
    ("mqtt", re.compile(r"\bmqtts?://", re.I)),
    ("gtfs", re.compile(r"gtfs-realtime|transit_realtime\.FeedMessage", re.I)),
    ("xoev", re.compile(r"xoev\.de/|xrepository\.de/", re.I)),
)
_DEPENDENCIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mqtt",
        re.compile(
            r"^(?:paho-mqtt|mqtt|async-mqtt|aiomqtt|asyncio-mqtt|gmqtt|org\.eclipse\.paho.*|"
            r"php-mqtt/client|bluerpc/mqtt|hivemq-mqtt-client|rumqttc|mqtt\.js)$",
            re.I,
        ),
    ),
    (
        "graphql",
        re.compile(
            r"^(?:graphql|graphene|strawberry-graphql|ariadne|apollo-server.*|"
            r"@apollo/server|graphql-java|webonyx/graphql-php|juniper|async-graphql)$",
            re.I,
        ),
    ),
    ("sensorthings", re.compile(r"^(?:frost-client|frost-server|sensorthings.*)$", re.I)),
    ("ngsi-ld", re.compile(r"^(?:ngsildclient|ngsi-ld.*|@fiware/.*)$", re.I)),
    ("wms", re.compile(r"^(?:owslib|mapproxy|geoserver.*|ol)$", re.I)),
    ("gtfs", re.compile(r"^(?:gtfs-realtime-bindings|gtfs-kit|partridge|gtfs.*)$", re.I)),
    (
        "openapi",
        re.compile(
            r"^(?:connexion|drf-spectacular|springdoc-openapi.*|swagger-ui.*|"
            r"@nestjs/swagger|zircote/swagger-php|flask-smorest|apispec)$",
            re.I,
        ),
    ),
    ("oparl", re.compile(r"^(?:oparl.*)$", re.I)),
)


def is_test_path(path: str) -> bool:
    """Whether ``path`` lies in a test or fixture folder."""
    return _TEST.search(path) is not None


def _load(path: str, text: str) -> Any:
    del path  # JSON is YAML 1.2: one bounded loader for both
    return read_untrusted(text)


def _api_document(path: str, data: dict[str, Any]) -> InterfaceFinding | None:
    for standard, key, body in (
        ("openapi", "openapi", "paths"),
        ("openapi", "swagger", "paths"),
        ("asyncapi", "asyncapi", "channels"),
    ):
        if key not in data:
            continue
        raw_info = data.get("info")
        info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
        operations = data.get(body)
        count = len(operations) if isinstance(operations, dict) else None
        has_body = count is not None or "webhooks" in data or "operations" in data
        # A version line alone, or components without info, is a fragment of a document.
        fragment = not info or not has_body
        return InterfaceFinding(
            standard=standard,
            path=path,
            how="document",
            title=str(info["title"]) if info.get("title") is not None else None,
            version=str(info["version"]) if info.get("version") is not None else None,
            spec_version=str(data[key]),
            operations=count,
            fragment=fragment,
            test_fixture=is_test_path(path),
        )
    return None


def document_interface(path: str, text: str) -> InterfaceFinding | None:  # noqa: PLR0911
    """Parse ``text`` as an interface document if its name and content say it is one."""
    lower = path.lower()
    test = is_test_path(path)
    if lower.endswith(".wsdl") or (lower.endswith(".xml") and "<wsdl:definitions" in text):
        return InterfaceFinding("wsdl", path, "document", test_fixture=test)
    if lower.endswith(".xsd"):
        namespace = _XOEV_NS.search(text)
        if namespace is not None:
            return InterfaceFinding(
                "xoev", path, "document", test_fixture=test, detail=namespace.group(1)
            )
        return InterfaceFinding("xsd", path, "document", test_fixture=test)
    if lower.endswith((".graphql", ".graphqls", ".gql")):
        is_schema = re.search(r"^\s*(?:type\s+Query|schema\s*\{|extend\s+type\s+Query)", text, re.M)
        return InterfaceFinding(
            "graphql", path, "document", fragment=is_schema is None, test_fixture=test
        )
    if lower.endswith((".yaml", ".yml", ".json")) and re.search(
        r"""(?:^|[{,])\s*["']?(?:openapi|swagger|asyncapi)["']?\s*:""", text, re.M
    ):
        data = _load(path, text)
        if isinstance(data, dict):
            return _api_document(path, data)
        # Not parseable as a whole (templated, fragment): keep it as a fragment.
        return InterfaceFinding(
            "openapi" if "asyncapi" not in text else "asyncapi",
            path,
            "document",
            fragment=True,
            test_fixture=test,
        )
    return None


def identifier_interfaces(path: str, text: str) -> list[InterfaceFinding]:
    """Standards whose identifiers (namespaces, URLs) appear in ``text``."""
    test = is_test_path(path)
    return [
        InterfaceFinding(standard, path, "identifier", test_fixture=test, detail=match.group(0))
        for standard, pattern in _IDENTIFIERS
        if (match := pattern.search(text)) is not None
    ]


def dependency_interfaces(dependencies: list[Dependency]) -> list[InterfaceFinding]:
    """Standards implied by the libraries a manifest depends on."""
    found: list[InterfaceFinding] = []
    for dep in dependencies:
        for standard, pattern in _DEPENDENCIES:
            if pattern.match(dep.name):
                found.append(
                    InterfaceFinding(
                        standard,
                        dep.path,
                        "dependency",
                        test_fixture=is_test_path(dep.path),
                        detail=dep.name,
                    )
                )
    return found


def gtfs_interfaces(paths: list[str]) -> list[InterfaceFinding]:
    """A GTFS feed: ``stops.txt``, ``routes.txt`` and ``trips.txt`` in one folder."""
    folders: dict[str, set[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder, set()).add(name.lower())
    return [
        InterfaceFinding(
            "gtfs",
            (folder + "/") if folder else "./",
            "file",
            test_fixture=is_test_path(folder + "/"),
        )
        for folder, names in sorted(folders.items())
        if {"stops.txt", "routes.txt", "trips.txt"} <= names
    ]
