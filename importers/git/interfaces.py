"""Recognise interface standards in the tree, each with the path that shows it.

Three kinds of evidence, strongest first: a parsed *document* (OpenAPI, AsyncAPI,
WSDL, XSD, GraphQL schema), a *file set* (GTFS feed) and an *identifier* (a
namespace or URL that only an implementation of the standard would carry) or a
*dependency* (a client or server library of the standard). A file that only says
``openapi: 3.0.0`` or holds only components is a fragment, not a document; files
under test folders are marked ``test_fixture`` so judgement can leave them out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from msgspec.structs import replace

from registry.facts import Dependency, InterfaceFinding
from registry.publiccode import read_untrusted

__all__ = [
    "DOCUMENT_SUFFIXES",
    "GENERATOR_MARKERS",
    "dependency_interfaces",
    "document_interface",
    "generated_clients",
    "gtfs_interfaces",
    "identifier_interfaces",
    "is_vendored",
    "own_api_clients",
    "settle_directions",
]

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json", ".wsdl", ".xsd", ".graphql", ".graphqls", ".gql")
#: Tests, fixtures and examples: sample data *of* a standard (an example DCAT-AP.de
#: catalogue, a test feed) shows what the software was tried with, not what it supports.
_TEST = re.compile(
    r"(?:^|/)(?:tests?|__tests__|spec/fixtures|fixtures?|testdata|mocks?|examples?|samples?)/",
    re.I,
)
#: Someone else's code copied in (vendored libraries, bundles): not this project's interface.
_VENDORED = re.compile(
    r"(?:^|/)(?:vendor|vendors|third[_-]?party|3rdparty|bower_components|jspm_packages|"
    r"node_modules|web_modules|site-packages|(?:static|assets|public|www)/(?:js/)?(?:libs?|vendor))/"
    r"|\.min\.js$|[.-]bundle\.js$",
    re.I,
)
#: Folders holding a client, an SDK or another party's API: what is there is consumed.
_CLIENT = re.compile(
    r"(?:^|/)(?:[\w.]+[-_.])?(?:clients?|sdks?|consumers?)(?:[-_.][\w.-]+)?/"
    r"|(?:^|/)(?:external|upstream|remote|partner)[-_]?(?:apis?|services?|specs?|schemas?)?/",
    re.I,
)
#: Places that only talk about a standard: changelogs, prose, environment files.
_MENTION = re.compile(
    r"(?:^|/)(?:changelog|changes|history|news|release[-_]?notes|authors|contributors)[^/]*$"
    r"|\.(?:md|markdown|rst|txt|adoc)$|(?:^|/)\.env(?:\.[\w.-]+)?$|\.env$",
    re.I,
)
#: Files that read someone else's service (a capabilities parser, an importer, a client).
_CONSUMER_FILE = re.compile(
    r"(?:^|/)[^/]*(?:pars(?:er|ing)|importer|client|reader|loader|harvest|fetch)[^/]*$", re.I
)
#: The direction of a neutral identifier (a namespace) until ``settle_directions``.
_UNSETTLED = ""
_XOEV_NS = re.compile(
    r"targetNamespace=\"(https?://(?:www\.)?(?:xoev\.de|osci\.de|xrepository\.de)[^\"]*)\""
)


@dataclass(frozen=True, slots=True)
class _Rule:
    """``pattern`` in a file shows ``standard``; ``role`` None takes the file's direction.

    ``also`` must match the same file too (a ``GetCapabilities`` handler is WMS only in a
    file that names WMS); ``path`` restricts the rule to file names (GeoServer's wms.xml).
    """

    standard: str
    pattern: re.Pattern[str]
    role: str | None = None
    also: re.Pattern[str] | None = None
    path: re.Pattern[str] | None = None


#: Words (lower case) one of which a file must contain before a standard's rules run:
#: a substring test on the lowered text is far cheaper than a case-blind regex (5 MB of
#: source took 1 s per rule), and most files name no standard at all.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "oparl": ("oparl",),
    "ogc-api-features": ("ogcapi",),
    "ogc-api-tiles": ("ogcapi",),
    "sensorthings": ("sensorthings", "iot_sensing"),
    "ngsi-ld": ("ngsi-ld",),
    "wms": ("wms", "wmt_ms", "ows_"),
    "wfs": ("wfs",),
    "dcat-ap-de": ("dcatde",),
    "dcat-ap": ("dcat",),
    "mqtt": ("mqtt",),
    "gtfs-realtime": ("gtfs", "transit_realtime"),
    "gtfs": ("stop_times.txt",),
    "xoev": ("xoev.de/", "xrepository.de/"),
    "oidc": ("openid-",),
}


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.I)


_HANDLER = (
    r"(?:def\s+get_?capabilities|function\s+getCapabilities|(?:public|private|async)\s+\w+\s+"
    r"getCapabilities\s*\(|case\s+[\"']GetCapabilities[\"']|==\s*[\"']GetCapabilities[\"'])"
)
#: Per standard, providing rules first, then consuming ones, then neutral ones.
_IDENTIFIERS: tuple[_Rule, ...] = (
    _Rule("oparl", _rx(r"schema\.oparl\.org|oparl\.org/spezifikation")),
    _Rule("ogc-api-features", _rx(r"opengis\.net/spec/ogcapi[-_]features")),
    _Rule("ogc-api-tiles", _rx(r"opengis\.net/spec/ogcapi[-_]tiles")),
    _Rule("sensorthings", _rx(r"opengis\.net/spec/iot_sensing|sensorthings")),
    _Rule("ngsi-ld", _rx(r"uri\.etsi\.org/ngsi-ld|ngsi-ld")),
    _Rule("wms", _rx(r"<WMS_Capabilities\b|WMT_MS_Capabilities"), "provides"),
    # MapServer mapfiles and QGIS Server projects: a WMS is configured here.
    _Rule(
        "wms", _rx(r"[\"'](?:wms|ows)_(?:enable_request|title|srs|onlineresource)[\"']"), "provides"
    ),
    _Rule("wms", _rx(r"<wms>"), "provides", path=_rx(r"(?:^|/)wms\.xml$")),  # GeoServer
    _Rule("wms", _rx(_HANDLER), "provides", also=_rx(r"\bwms\b")),
    _Rule(
        "wms",
        _rx(r"service=wms|\b(?:Tile|Image)WMS\b|tileLayer\.wms|WebMapService\s*\("),
        "consumes",
    ),
    _Rule("wms", _rx(r"opengis\.net/wms")),
    _Rule("wfs", _rx(r"<(?:wfs:)?WFS_Capabilities\b"), "provides"),
    _Rule("wfs", _rx(r"[\"']wfs_(?:enable_request|title|srs|onlineresource)[\"']"), "provides"),
    _Rule("wfs", _rx(r"<wfs>"), "provides", path=_rx(r"(?:^|/)wfs\.xml$")),
    _Rule("wfs", _rx(_HANDLER), "provides", also=_rx(r"\bwfs\b")),
    _Rule(
        "wfs",
        _rx(r"service=wfs|ol/format/WFS|format\.WFS\b|writeGetFeature|WebFeatureService\s*\("),
        "consumes",
    ),
    _Rule("wfs", _rx(r"opengis\.net/wfs")),
    _Rule("dcat-ap-de", _rx(r"dcat-ap\.de/def/dcatde|\bdcatde:\w")),
    _Rule(
        "dcat-ap",
        _rx(
            r"w3\.org/ns/dcat#|\bdcat:(?:Dataset|Distribution|Catalog|DataService|CatalogRecord|"
            r"accessURL|downloadURL|distribution|dataset|keyword|theme|landingPage|mediaType)\b"
            # rdflib's namespace object is written in capitals (case matters here)
            r"|(?-i:\bDCAT\.(?:Dataset|Distribution|Catalog|DataService|accessURL|downloadURL|"
            r"distribution|dataset|keyword|theme)\b|\bimport\b[^\n]*\bDCAT\b)|dcat-ap"
        ),
    ),
    _Rule("mqtt", _rx(r"\bmqtts?://")),
    _Rule("gtfs-realtime", _rx(r"gtfs-realtime|transit_realtime\.FeedMessage|gtfs_realtime_pb2")),
    # Code naming a feed's files mostly reads feeds (validators, importers, planners).
    _Rule("gtfs", _rx(r"\bstop_times\.txt\b"), "consumes", also=_rx(r"\bstops\.txt\b")),
    _Rule("xoev", _rx(r"xoev\.de/|xrepository\.de/")),
    # An OpenID provider serves its discovery documents (a route in the code); a relying
    # party only reads some provider's ``.well-known/openid-configuration``.
    _Rule(
        "oidc",
        _rx(
            r"\b(?:re_)?path\(\s*f?[\"'][^\"'\n]*\.well-known/openid-(?:configuration|federation)"
            r"|@\w+\.(?:get|route)\(\s*[\"'][^\"'\n]*\.well-known/openid-(?:configuration|federation)"
            r"|\b(?:app|router)\.get\(\s*[\"'][^\"'\n]*\.well-known/openid-(?:configuration|federation)"
        ),
        "provides",
    ),
    _Rule("oidc", _rx(r"\.well-known/openid-(?:configuration|federation)"), "consumes"),
)


def _deps(*names: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(names) + r")$", re.I)


#: Libraries and the direction they show: a server library provides, a client consumes.
_DEPENDENCIES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("mqtt", "provides", _deps(
        r"paho-mqtt", r"mqtt", r"async-mqtt", r"aiomqtt", r"asyncio-mqtt", r"gmqtt",
        r"org\.eclipse\.paho.*", r"php-mqtt/client", r"bluerpc/mqtt", r"hivemq-mqtt-client",
        r"rumqttc", r"mqtt\.js", r"aedes", r"moquette.*")),
    ("graphql", "provides", _deps(
        r"graphene(?:-django)?", r"strawberry-graphql", r"ariadne", r"apollo-server.*",
        r"@apollo/server", r"graphql-java", r"graphql-spring-boot.*",
        r"spring-boot-starter-graphql", r"webonyx/graphql-php", r"juniper", r"async-graphql",
        r"graphql-yoga", r"express-graphql", r"mercurius", r"hotchocolate.*", r"graphql-ruby",
        r"absinthe")),
    ("graphql", "consumes", _deps(
        r"@apollo/client", r"apollo-client", r"graphql-request", r"gql", r"urql", r"@urql/.*",
        r"relay-runtime", r"sgqlc", r"graphql-client")),
    ("sensorthings", "consumes", _deps(r"frost-client", r"sensorthings-client.*")),
    ("sensorthings", "provides", _deps(r"frost-server.*", r"sensorthings.*")),
    ("ngsi-ld", "consumes", _deps(r"ngsildclient", r"ngsi-ld-client.*")),
    ("ngsi-ld", "provides", _deps(r"ngsi-ld.*", r"@fiware/.*")),
    ("wms", "provides", _deps(
        r"mapproxy", r"mapscript", r"python-mapscript", r"geoserver.*", r"gs-wms",
        r"deegree-services-wms", r"qgis-server.*")),
    ("wms", "consumes", _deps(r"owslib", r"gt-wms")),
    ("wfs", "provides", _deps(r"gs-wfs", r"deegree-services-wfs", r"tinyows")),
    ("wfs", "consumes", _deps(r"gt-wfs(?:-ng)?")),
    ("gtfs-realtime", "consumes", _deps(r"gtfs-realtime-bindings", r"gtfs-rt-bindings.*")),
    ("gtfs", "consumes", _deps(
        r"gtfs-kit", r"partridge", r"transitfeed", r"gtfs", r"node-gtfs", r"onebusaway-gtfs.*",
        r"gtfs-via-postgres", r"gtfs-utils", r"gtfslib", r"gtfs[-_.](?!realtime|rt).*")),
    ("openapi", "provides", _deps(
        r"connexion", r"drf-spectacular", r"drf-yasg", r"springdoc-openapi.*", r"swagger-ui.*",
        r"@nestjs/swagger", r"zircote/swagger-php", r"flask-smorest", r"apispec", r"fastapi",
        r"swashbuckle\.aspnetcore.*", r"nswag\.aspnetcore", r"nelmio/api-doc-bundle",
        r"darkaonline/l5-swagger", r"api-platform/core", r"swagger-annotations")),
    ("openapi", "consumes", _deps(
        r"openapi-fetch", r"swagger-client", r"orval", r"@hey-api/openapi-ts",
        r"openapi-python-client", r"openapi-client-axios")),
    ("oparl", "provides", _deps(r"oparl.*")),
    ("ogc-api-features", "provides", _deps(r"pygeoapi", r"tipg", r"ldproxy.*")),
    ("dcat-ap", "provides", _deps(r"ckanext-dcat")),
    ("oidc", "provides", _deps(
        r"django-oidc-provider", r"oidc-provider", r"idpyoidc", r"oidcop", r"pyop",
        r"spring-security-oauth2-authorization-server", r"duende\.identityserver",
        r"identityserver4", r"openiddict.*")),
    ("oidc", "consumes", _deps(
        r"mozilla-django-oidc", r"oidc-client-ts", r"oidc-client", r"openid-client",
        r"angular-auth-oidc-client", r"@axa-fr/react-oidc", r"keycloak-js",
        r"spring-boot-starter-oauth2-client",
        r"microsoft\.aspnetcore\.authentication\.openidconnect")),
)  # fmt: skip


def is_test_path(path: str) -> bool:
    """Whether ``path`` lies in a test, fixture or example folder."""
    return _TEST.search(path) is not None


def is_vendored(path: str) -> bool:
    """Whether ``path`` is a copied-in library or bundle (not this project's code)."""
    return _VENDORED.search(path) is not None


def path_role(path: str, clients: tuple[str, ...] = ()) -> str:
    """``consumes`` for files of a client, an SDK or another party's API, else ``provides``.

    ``clients`` are folders the code generator marked as generated clients.
    """
    if _CLIENT.search(path) or any(path.startswith(root) for root in clients):
        return "consumes"
    return "provides"


def generated_clients(files: dict[str, str]) -> tuple[str, ...]:
    """Folders (with a trailing slash) an OpenAPI/Swagger generator wrote a client into.

    ``files`` maps the generator's marker files (``.openapi-generator/FILES``,
    ``.swagger-codegen/VERSION``) to their text; a generated *server* (its file list
    names controllers or a server package) is left out.
    """
    roots = []
    for path, text in files.items():
        root = path.rsplit("/", 2)[0] + "/" if path.count("/") >= 2 else ""
        if re.search(r"controller|server", text, re.I):
            continue
        roots.append(root)
    return tuple(sorted(roots))


#: Configuration files of the client generators ``_DEPENDENCIES`` names as consuming.
GENERATOR_CONFIGS = re.compile(
    r"(?:^|/)(?:openapi-ts|orval|openapitools|openapi-codegen|openapi-generator(?:-cli)?)"
    r"(?:\.config)?\.(?:[cm]?[jt]s|json|ya?ml)$",
    re.I,
)
_GENERATOR_INPUT = re.compile(r"""["'`]((?:https?://)?[^"'`\s]+\.(?:ya?ml|json))["'`]""", re.I)


def own_api_clients(configs: dict[str, str], documents: Iterable[str]) -> bool:
    """Whether every configured client generator reads this repository's own API document.

    A project that generates a typed client of its own API for its frontend (froide's
    ``openapi-ts.config.ts`` reading ``froide/openapi-schema.yaml``) consumes no one
    else's API; a generator reading a URL, or a document the repository does not
    provide, does. ``configs`` maps generator configuration files to their text,
    ``documents`` are the paths of the API documents the repository provides.
    """
    own = set(documents)
    if not configs or not own:
        return False
    for path, text in configs.items():
        folder = path.rpartition("/")[0]
        inputs = _GENERATOR_INPUT.findall(text)
        if not inputs or any(value.lower().startswith(("http://", "https://")) for value in inputs):
            return False
        local = {posixpath.normpath(posixpath.join(folder, value)) for value in inputs}
        if not local & own:
            return False
    return True


GENERATOR_MARKERS = re.compile(r"(?:^|/)(?:\.openapi-generator/FILES|\.swagger-codegen/VERSION)$")


def _load(path: str, text: str) -> Any:
    del path  # JSON is YAML 1.2: one bounded loader for both
    return read_untrusted(text)


def _api_document(path: str, data: dict[str, Any], role: str) -> InterfaceFinding | None:
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
            role=role,
        )
    return None


def document_interface(  # noqa: PLR0911 - one return per kind of document
    path: str, text: str, clients: tuple[str, ...] = ()
) -> InterfaceFinding | None:
    """Parse ``text`` as an interface document if its name and content say it is one.

    A vendored library's document is none of this project's; a document in a client's
    or SDK's folder describes an API the software consumes.
    """
    if is_vendored(path):
        return None
    lower = path.lower()
    test = is_test_path(path)
    role = path_role(path, clients)
    if lower.endswith(".wsdl") or (lower.endswith(".xml") and "<wsdl:definitions" in text):
        return InterfaceFinding("wsdl", path, "document", test_fixture=test, role=role)
    if lower.endswith(".xsd"):
        namespace = _XOEV_NS.search(text)
        if namespace is not None:
            return InterfaceFinding(
                "xoev", path, "document", test_fixture=test, detail=namespace.group(1), role=role
            )
        return InterfaceFinding("xsd", path, "document", test_fixture=test, role=role)
    if lower.endswith((".graphql", ".graphqls", ".gql")):
        is_schema = re.search(r"^\s*(?:type\s+Query|schema\s*\{|extend\s+type\s+Query)", text, re.M)
        return InterfaceFinding(
            "graphql", path, "document", fragment=is_schema is None, test_fixture=test, role=role
        )
    if lower.endswith((".yaml", ".yml", ".json")) and re.search(
        r"""(?:^|[{,])\s*["']?(?:openapi|swagger|asyncapi)["']?\s*:""", text, re.M
    ):
        data = _load(path, text)
        if isinstance(data, dict):
            return _api_document(path, data, role)
        # Not parseable as a whole (templated, fragment): keep it as a fragment.
        return InterfaceFinding(
            "openapi" if "asyncapi" not in text else "asyncapi",
            path,
            "document",
            fragment=True,
            test_fixture=test,
            role=role,
        )
    return None


def identifier_interfaces(
    path: str, text: str, clients: tuple[str, ...] = ()
) -> list[InterfaceFinding]:
    """Standards whose identifiers (namespaces, URLs, handlers) appear in ``text``.

    One finding per standard and file, from the first rule that matches (providing
    rules come first). In prose, changelogs and ``.env`` files it is only a mention;
    vendored libraries are skipped.
    """
    if is_vendored(path):
        return []
    test = is_test_path(path)
    how = "mention" if _MENTION.search(path) else "identifier"
    default_role = path_role(path, clients)
    if _CONSUMER_FILE.search(path):
        default_role = "consumes"
    lowered = text.lower()
    found: dict[str, InterfaceFinding] = {}
    for rule in _IDENTIFIERS:
        if rule.standard in found or (rule.path is not None and not rule.path.search(path)):
            continue
        if not any(needle in lowered for needle in _NEEDLES[rule.standard]):
            continue
        match = rule.pattern.search(text)
        if match is None or (rule.also is not None and rule.also.search(text) is None):
            continue
        role = "consumes" if default_role == "consumes" else (rule.role or _UNSETTLED)
        found[rule.standard] = InterfaceFinding(
            rule.standard, path, how, test_fixture=test, detail=match.group(0)[:200], role=role
        )
    return list(found.values())


def settle_directions(findings: list[InterfaceFinding]) -> list[InterfaceFinding]:
    """Give neutral identifiers (a namespace both sides write) the repository's direction.

    A standard the repository only consumes elsewhere (a map client's ``TileWMS``, a
    capabilities parser) is consumed here too; otherwise the identifier shows it provided.
    """
    roles: dict[str, set[str]] = {}
    for finding in findings:
        roles.setdefault(finding.standard, set())
        if not (finding.test_fixture or finding.fragment or finding.how == "mention"):
            roles[finding.standard].add(finding.role)
    return [
        replace(
            finding,
            role="consumes"
            if "consumes" in roles[finding.standard] and "provides" not in roles[finding.standard]
            else "provides",
        )
        if finding.role == _UNSETTLED
        else finding
        for finding in findings
    ]


def dependency_interfaces(
    dependencies: list[Dependency], clients: tuple[str, ...] = ()
) -> list[InterfaceFinding]:
    """Standards implied by the libraries a manifest depends on, with their direction."""
    found: list[InterfaceFinding] = []
    for dep in dependencies:
        if is_vendored(dep.path):
            continue
        for standard, role, pattern in _DEPENDENCIES:
            if pattern.match(dep.name):
                found.append(
                    InterfaceFinding(
                        standard,
                        dep.path,
                        "dependency",
                        test_fixture=is_test_path(dep.path),
                        detail=dep.name,
                        role="consumes" if path_role(dep.path, clients) == "consumes" else role,
                    )
                )
                break
    return found


_GTFS_FILES = frozenset(
    ("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt",
     "calendar_dates.txt", "shapes.txt", "feed_info.txt", "frequencies.txt", "transfers.txt")
)  # fmt: skip


def gtfs_interfaces(paths: list[str], clients: tuple[str, ...] = ()) -> list[InterfaceFinding]:
    """A GTFS feed: ``stops.txt`` with two more of the feed's files in one folder."""
    folders: dict[str, set[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder, set()).add(name.lower())
    found = []
    for folder, names in sorted(folders.items()):
        shown = (folder + "/") if folder else "./"
        feed = names & _GTFS_FILES
        if "stops.txt" in feed and len(feed) >= 3 and not is_vendored(shown):
            found.append(
                InterfaceFinding(
                    "gtfs",
                    shown,
                    "file",
                    test_fixture=is_test_path(shown),
                    detail=", ".join(sorted(feed)),
                    role=path_role(shown, clients),
                )
            )
    return found
