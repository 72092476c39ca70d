"""Statements about the project's own licence: prose, manifest fields, vendored paths."""

from __future__ import annotations

import pytest

from registry.licensing import (
    generated_roots,
    is_foreign,
    licence_from_classifier,
    licences_named,
    normalise_expression,
)
from registry.licensing.statements import PROPRIETARY, declared_field, readme_statement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"),
        ("GNU Affero General Public License v3 or later (AGPLv3+)", "AGPL-3.0-or-later"),
        ("GNU Affero General Public License v3", "AGPL-3.0-only"),
        ("GNU Lesser General Public License v2 or later (LGPLv2+)", "LGPL-2.0-or-later"),
        ("AGPLv3+", "AGPL-3.0-or-later"),
        ("gpl-3.0+", "GPL-3.0-or-later"),
        ("GPL-3.0 or later", "GPL-3.0-or-later"),
        ("European Union Public Licence (EUPL v.1.1)", "EUPL-1.1"),
    ],
)
def test_names_keep_or_later(text: str, expected: str) -> None:
    assert licences_named(text) == (expected,)


def test_classifiers_and_plus() -> None:
    classifier = "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)"
    assert licence_from_classifier(classifier) == "GPL-3.0-or-later"
    assert normalise_expression("mit or eupl-1.1+") == "MIT OR EUPL-1.1+"
    assert normalise_expression("FOO+") is None
    assert licences_named("Lizenz: mit der EUPL-1.2") == ("EUPL-1.2",)  # German "mit" is no MIT


@pytest.mark.parametrize(
    ("readme", "expression"),
    [
        (
            "## License\n\nDual-licensed under MIT and EUPL v1.1; you can choose.\n",
            "MIT OR EUPL-1.1",
        ),
        ("## License\n\n`SPDX-License-Identifier: MIT OR EUPL-1.1`\n", "MIT OR EUPL-1.1"),
        ("## Licence\n\nThe code is EUPL-1.2, the data CC-BY-4.0.\n", "EUPL-1.2"),
        ("## Lizenz\n\nDer Quellcode steht unter der EUPL-1.2, die Daten unter CC0.\n", "EUPL-1.2"),
        ("## License\n\nMIT. This project uses Leaflet, licensed under BSD-2-Clause.\n", "MIT"),
        ("## Lizenz der Daten\n\nCC-BY-4.0\n\n## Lizenz\n\nEUPL-1.2\n", "EUPL-1.2"),
        (
            "## License\n\nunder the terms of the GNU General Public License as published by the "
            "Free Software Foundation, either version 3 of the License, or (at your option) "
            "any later version.\n",
            "GPL-3.0-or-later",
        ),
        ("## License\n\nMIT and Apache-2.0 apply.\n", None),  # neither a choice nor parts: unsaid
    ],
)
def test_readme_statements(readme: str, expression: str | None) -> None:
    assert readme_statement("# X\n\n" + readme).expression == expression


def test_manifest_fields() -> None:
    assert declared_field("UNLICENSED").expression == PROPRIETARY
    assert declared_field("proprietary").ids == (PROPRIETARY,)
    assert declared_field("SEE LICENSE IN LICENSE.md").ids == ()
    assert declared_field("The MIT License (MIT)").expression == "MIT"
    assert declared_field("(MIT OR EUPL-1.1)").expression == "MIT OR EUPL-1.1"


def test_vendored_and_generated_paths() -> None:
    paths = ["clients/py/.openapi-generator-ignore", "clients/py/setup.cfg", "src/a.py"]
    roots = generated_roots(paths)
    assert roots == ("clients/py/",)
    assert is_foreign("clients/py/setup.cfg", roots) and not is_foreign("src/a.py", roots)
    assert is_foreign("web/vendor/x/composer.json") and is_foreign("a/node_modules/b/package.json")
    assert not is_foreign("package.json") and not is_foreign("vendorise.py")
