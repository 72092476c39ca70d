"""Rules of interface detection: direction, vendored code, generated clients, mentions."""

from __future__ import annotations

from importers.git.interfaces import (
    dependency_interfaces,
    document_interface,
    generated_clients,
    identifier_interfaces,
    settle_directions,
)
from registry.facts import Dependency, InterfaceFinding, group_interfaces

OPENAPI = "openapi: 3.0.3\ninfo: {title: A, version: '1'}\npaths:\n  /a: {}\n"


def test_a_generated_server_is_provided_a_generated_client_consumed() -> None:
    roots = generated_clients(
        {
            "sdk/js/.openapi-generator/FILES": "README.md\nsrc/api.ts\n",
            "server/.openapi-generator/FILES": "openapi_server/controllers/a_controller.py\n",
        }
    )
    assert roots == ("sdk/js/",)
    client = document_interface("sdk/js/api/openapi.yaml", OPENAPI, roots)
    server = document_interface("server/openapi_server/openapi/openapi.yaml", OPENAPI, roots)
    assert client is not None and client.role == "consumes"
    assert server is not None and server.role == "provides"


def test_vendored_code_is_no_evidence() -> None:
    assert document_interface("vendor/acme/api/openapi.yaml", OPENAPI) is None
    assert identifier_interfaces("public/vendor/ol/WFS.js", "service=WFS") == []
    assert identifier_interfaces("web/app.min.js", "opengis.net/wms") == []
    deps = [Dependency("npm", "@nestjs/swagger", "third_party/x/package.json")]
    assert dependency_interfaces(deps) == []


def test_libraries_carry_their_direction() -> None:
    deps = [
        Dependency("pypi", "connexion", "pyproject.toml"),
        Dependency("npm", "@apollo/client", "package.json"),
        Dependency("npm", "ol", "package.json"),  # a map library names no standard
    ]
    found = {(f.standard, f.role, f.detail) for f in dependency_interfaces(deps)}
    assert found == {
        ("openapi", "provides", "connexion"),
        ("graphql", "consumes", "@apollo/client"),
    }


def test_a_neutral_namespace_takes_the_repository_direction() -> None:
    neutral = identifier_interfaces("src/ns.py", "NS = 'http://www.opengis.net/wfs'")
    client = identifier_interfaces("src/map.ts", "new WFS().writeGetFeature({})")
    assert [f.role for f in settle_directions(neutral)] == ["provides"]
    assert {f.role for f in settle_directions(neutral + client)} == {"consumes"}


def test_mentions_never_stand_alone() -> None:
    mention = identifier_interfaces("CHANGELOG.md", "- OParl: https://schema.oparl.org/1.1/")
    assert [f.how for f in mention] == ["mention"]
    assert group_interfaces(tuple(settle_directions(mention))) == ()
    code = InterfaceFinding("oparl", "src/oparl.py", "identifier")
    (group,) = group_interfaces(tuple(settle_directions([*mention, code])))
    assert [f.path for f in group.evidence] == ["src/oparl.py", "CHANGELOG.md"]


def test_an_openid_provider_serves_discovery_a_relying_party_reads_it() -> None:
    provider = identifier_interfaces(
        "idp/urls.py",
        'urlpatterns = [\n    path(\n        f"{PREFIX}.well-known/openid-federation",\n',
    )
    relying = identifier_interfaces(
        "app/settings.py",
        'OIDC_DISCOVERY = "https://login.example/.well-known/openid-configuration"',
    )
    assert [(f.standard, f.role) for f in provider] == [("oidc", "provides")]
    assert [(f.standard, f.role) for f in relying] == [("oidc", "consumes")]
    deps = [Dependency("pypi", "django-oidc-provider", "setup.py"),
            Dependency("npm", "oidc-client-ts", "package.json")]  # fmt: skip
    found = {(f.standard, f.role) for f in dependency_interfaces(deps)}
    assert found == {("oidc", "provides"), ("oidc", "consumes")}
