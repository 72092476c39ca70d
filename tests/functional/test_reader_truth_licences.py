"""What the reader is shown about licences is right (issue 20, classes 3 and 4).

Each fixture repository is written here with pygit2 (licence texts from the reference
corpus, the rest our own words), imported with ``registry import`` as an operator would,
and checked through the solution JSON and the solution page, never the stored facts.

* 3: the expression the project states is kept (``MIT OR EUPL-1.1`` never becomes an
  AND, "or any later version" never becomes ``-only``); a manifest's licence is shown
  when the repository has no licence file; AND only where parts carry their own licence.
* 4: only statements about the project's own licence can conflict (not the data's, not
  a dependency's, not vendored or generated code's); ``UNLICENSED``/``proprietary``
  conflicts with an open licence text; each conflict names both paths, once per pair.
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
from tests.fixtures.gitrepos import ALICE, Content, RepoBuilder, licence_text
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)

MIT = "Copyright (c) 2019 Maanmittauslaitos\n\n" + licence_text("mit")
EUPL_11 = licence_text("eupl-1.1")
EUPL_12 = licence_text("eupl-1.2")
GPL_3 = licence_text("gpl-3.0")
AGPL_3 = licence_text("agpl-3.0")
GNU_NOTICE = (
    "# Copyright (C) 2025 Stadt Beispiel\n#\n"
    "# This program is free software: you can redistribute it and/or modify\n"
    "# it under the terms of the GNU Affero General Public License as published\n"
    "# by the Free Software Foundation, either version 3 of the License, or\n"
    "# (at your option) any later version.\n\nimport os\n"
)
POM = """<project>
  <artifactId>kartendienst</artifactId>
  <licenses>
    <license><name>The MIT License (MIT)</name></license>
    <license><name>European Union Public Licence (EUPL v.1.1)</name></license>
  </licenses>
</project>
"""

REPOS: dict[str, dict[str, Content]] = {
    # 3: an expression-only LICENSE beside both texts, a README and a pom.xml that say "choose"
    "kartendienst": {
        "LICENSE": "MIT OR EUPL-1.1\n",
        "LICENSE.MIT": MIT,
        "LICENSE.EUPL-1.1.txt": EUPL_11,
        "README.md": (
            "# Kartendienst\n\n## License\n\nThis work is dual-licensed under MIT and EUPL v1.1.\n"
            "You can choose between one of them if you use this work.\n"
        ),
        "pom.xml": POM,
    },
    # 3: two texts, and only the README's words say it is a choice
    "wahlweise": {
        "LICENSE-MIT": MIT,
        "LICENSE-EUPL": EUPL_11,
        "README.md": (
            "# Wahlweise\n\n## Lizenz\n\nDieses Projekt steht wahlweise unter der MIT-Lizenz "
            "oder der EUPL 1.1.\n"
        ),
    },
    # 3: "or later" in the classifiers only (the GPL text cannot say)
    "klassifiziert": {
        "COPYING": GPL_3,
        "pyproject.toml": (
            '[project]\nname = "klassifiziert"\nclassifiers = [\n'
            '  "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)",\n]\n'
        ),
    },
    # 3: SPDX headers say or-later
    "kopfzeilen": {
        "LICENSE": GPL_3,
        "src/a.py": "# SPDX-License-Identifier: GPL-3.0-or-later\nA = 1\n",
        "src/b.py": "# SPDX-License-Identifier: GPL-3.0-or-later\nB = 2\n",
    },
    # 3: README and file headers say "or (at your option) any later version" in words
    "spaeter": {
        "LICENSE": AGPL_3,
        "README.md": (
            "# Später\n\n## Licence\n\nThis program is free software: you can redistribute it "
            "under the terms of the GNU Affero General Public License as published by the Free "
            "Software Foundation, either version 3 of the License, or (at your option) any "
            "later version.\n"
        ),
        "app/main.py": GNU_NOTICE,
    },
    # 3: nothing says "or later": the text stays -only
    "nur-drei": {"LICENSE": GPL_3, "README.md": "# Nur\n\n## License\n\nGNU GPL v3.\n"},
    # 3: separate parts with separate licences (REUSE): AND
    "teile": {
        "LICENSES/EUPL-1.2.txt": EUPL_12,
        "LICENSES/CC-BY-4.0.txt": licence_text("cc-by-4.0"),
        "src/app.py": "# SPDX-License-Identifier: EUPL-1.2\nX = 1\n",
        "docs/index.md": "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n# Docs\n",
    },
    # 4: the data's and a dependency's licence, vendored and generated code: no conflict
    "datenportal": {
        "LICENSE": EUPL_12,
        "README.md": (
            "# Datenportal\n\n## Licence\n\nThe code is licensed under EUPL-1.2. The data in "
            "`data/` is published under CC-BY-4.0. This project uses Leaflet, which is "
            "licensed under BSD-2-Clause.\n\n### Lizenz der Daten\n\nCC0-1.0\n"
        ),
        "composer.json": '{"name": "stadt/datenportal", "license": "EUPL-1.2"}\n',
        "vendor/leaflet/composer.json": '{"name": "leaflet/leaflet", "license": "BSD-2-Clause"}\n',
        "web/node_modules/lodash/package.json": '{"name": "lodash", "license": "MIT"}\n',
        "third_party/chart/chart.js": "// SPDX-License-Identifier: MIT\nvar c;\n",
        "clients/python/.openapi-generator-ignore": "# OpenAPI Generator\n",
        "clients/python/setup.cfg": "[metadata]\nname = client\nlicense = Unlicense\n",
        "clients/ts/package.json": (
            '{"name": "portal-client", "description": "OpenAPI client for portal", '
            '"author": "OpenAPI-Generator", "license": "Unlicense"}\n'
        ),
    },
    # 4: a manifest that says the project is closed conflicts with the open text
    "geschlossen": {
        "LICENSE": EUPL_12,
        "package.json": '{"name": "buergerapp", "private": true, "license": "UNLICENSED"}\n',
        "composer.json": '{"name": "stadt/buergerapp", "license": "proprietary"}\n',
    },
    # 4: no licence text; two manifests contradict each other: one conflict for the pair
    "uneins": {
        "package.json": '{"name": "uneins", "license": "MIT"}\n',
        "composer.json": '{"name": "stadt/uneins", "license": "proprietary"}\n',
    },
}
#: 3: no licence file, the manifest declares the licence (one repository per manifest kind).
MANIFESTS: dict[str, tuple[str, str, str]] = {
    "komposit": ("composer.json", '{"name": "stadt/k", "license": "EUPL-1.2"}\n', "EUPL-1.2"),
    "paket": (
        "package.json",
        '{"name": "p", "license": "AGPL-3.0-or-later"}\n',
        "AGPL-3.0-or-later",
    ),
    "maven": ("pom.xml", POM.replace("kartendienst", "maven"), "MIT OR EUPL-1.1"),
    "juwel": ("juwel.gemspec", 'Gem::Specification.new do |s|\n  s.license = "MIT"\nend\n', "MIT"),
    "netz": (
        "Netz.csproj",
        "<Project><PropertyGroup><PackageLicenseExpression>MPL-2.0</PackageLicenseExpression>"
        "</PropertyGroup></Project>\n",
        "MPL-2.0",
    ),
    "konfig": ("setup.cfg", "[metadata]\nname = konfig\nlicense = EUPL-1.2\n", "EUPL-1.2"),
}


def _url(name: str) -> str:
    return f"https://code.example.org/stadt/{name}"


@pytest.fixture(scope="module")
def client(database_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    base = tmp_path_factory.mktemp("licences")
    env = {"REGISTRY_DATABASE_URL": settings.database_url, "REGISTRY_GIT_CACHE_DIR": str(base)}
    repos = dict(REPOS)
    for name, (path, text, _) in MANIFESTS.items():
        repos[name] = {path: text, "README.md": f"# {name}\n"}
    for name, files in repos.items():
        RepoBuilder(base / name).commit(files, author=ALICE, when=NOW - timedelta(days=3))
        result = runner.invoke(app, ["import", str(base / name), "--url", _url(name)], env=env)
        assert result.exit_code == 0, result.output
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _json(client: Client, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/solutions/{slug}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _licence(client: Client, slug: str, lang: str = "en") -> str:
    response = client.get(f"/solutions/{slug}?lang={lang}")
    assert response.status_code == 200, response.text[:2000]
    found = re.search(r'<section aria-labelledby="licence">(.*?)</section>', response.text, re.S)
    assert found
    text = re.sub(r"</?(?:code|span|strong)[^>]*>", "", found.group(1))
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text.replace("&#39;", "'")).strip()


# -- 3. licence expression ---------------------------------------------------------------
@pytest.mark.parametrize("slug", ["kartendienst", "wahlweise"])
def test_a_dual_licence_stays_a_choice(client: Client, slug: str) -> None:
    body = _json(client, slug)
    assert body["licence"] == body["licence_detected"] == "MIT OR EUPL-1.1"
    assert body["licence_source"] == "detected" and body["licence_conflicts"] == []
    page = _licence(client, slug)
    assert "Licence MIT OR EUPL-1.1 (licence texts:" in page
    assert " AND " not in page and "Warning" not in page


@pytest.mark.parametrize("slug", ["klassifiziert", "kopfzeilen"])
def test_or_later_from_classifiers_and_headers(client: Client, slug: str) -> None:
    body = _json(client, slug)
    assert body["licence"] == body["licence_detected"] == "GPL-3.0-or-later"
    page = _licence(client, slug)
    assert "GPL-3.0-or-later" in page and "-only" not in page


def test_or_any_later_version_in_words(client: Client) -> None:
    body = _json(client, "spaeter")
    assert body["licence"] == "AGPL-3.0-or-later" and body["licence_conflicts"] == []
    assert "AGPL-3.0-or-later" in _licence(client, "spaeter")


def test_a_bare_gpl_text_is_not_made_or_later(client: Client) -> None:
    assert _json(client, "nur-drei")["licence"] == "GPL-3.0-only"


@pytest.mark.parametrize(
    ("slug", "path", "expected"), [(k, v[0], v[2]) for k, v in MANIFESTS.items()]
)
def test_a_manifest_declares_the_licence_when_there_is_no_licence_file(
    client: Client, slug: str, path: str, expected: str
) -> None:
    body = _json(client, slug)
    assert body["licence"] == expected and body["licence_source"] == "declared"
    assert body["licence_detected"] is None and body["licence_stated_in"] == [path]
    page = _licence(client, slug)
    assert f"Licence {expected} (declared in {path})" in page
    assert "Licence texts in the repository no licence file found" in page
    german = _licence(client, slug, "de")
    assert f"Lizenz {expected} (erklärt in {path})" in german
    assert "keine Lizenzdatei gefunden" in german


def test_and_only_where_parts_carry_their_own_licence(client: Client) -> None:
    body = _json(client, "teile")
    assert body["licence"] == "CC-BY-4.0 AND EUPL-1.2"
    assert body["licence_stated_in"] == ["LICENSES/CC-BY-4.0.txt", "LICENSES/EUPL-1.2.txt"]


# -- 4. licence conflicts ----------------------------------------------------------------
def test_data_dependency_vendored_and_generated_licences_raise_no_conflict(
    client: Client,
) -> None:
    body = _json(client, "datenportal")
    assert body["licence"] == "EUPL-1.2" and body["licence_conflicts"] == []
    page = _licence(client, "datenportal")
    assert "Warning" not in page and "Conflicting" not in page
    for other in ("CC-BY-4.0", "BSD-2-Clause", "CC0-1.0", "MIT", "Unlicense"):
        assert other not in page


def test_proprietary_manifests_conflict_with_the_open_text(client: Client) -> None:
    body = _json(client, "geschlossen")
    assert body["licence"] == "EUPL-1.2"
    conflicts = {(c["path"], c["says"], tuple(c["other_paths"]), c["other_says"])
                 for c in body["licence_conflicts"]}  # fmt: skip
    assert conflicts == {
        ("package.json", "UNLICENSED", ("LICENSE",), "EUPL-1.2"),
        ("composer.json", "proprietary", ("LICENSE",), "EUPL-1.2"),
    }
    assert len(body["licence_conflicts"]) == 2
    page = _licence(client, "geschlossen")
    assert "Warning: the declared and the detected licence disagree." in page
    assert "package.json states UNLICENSED, but LICENSE has EUPL-1.2" in page
    assert "composer.json states proprietary, but LICENSE has EUPL-1.2" in page
    german = _licence(client, "geschlossen", "de")
    assert "package.json nennt UNLICENSED, LICENSE dagegen EUPL-1.2" in german


def test_contradicting_statements_without_a_text_conflict_once(client: Client) -> None:
    body = _json(client, "uneins")
    (conflict,) = body["licence_conflicts"]
    paths = {conflict["path"], *conflict["other_paths"]}
    assert paths == {"package.json", "composer.json"}
    assert {conflict["says"], conflict["other_says"]} == {"MIT", "proprietary"}
    page = _licence(client, "uneins")
    assert page.count(" states ") == 1 and "Warning" in page
