"""Expressions, prose names and special cases of text identification."""

from __future__ import annotations

from registry.licensing import (
    identify_licence_text,
    is_expression_only,
    licence_family,
    licences_in_readme,
    normalise_expression,
)
from tests.fixtures.gitrepos import licence_text


def test_expressions() -> None:
    assert normalise_expression("mit or gpl-2.0+") == "MIT OR GPL-2.0-or-later"
    assert normalise_expression("LicenseRef-Stadt-1") == "LicenseRef-Stadt-1"
    assert normalise_expression("Apache 2") is None
    assert normalise_expression("see the file LICENSE") is None
    assert is_expression_only("SPDX-License-Identifier: EUPL-1.2\n") == "EUPL-1.2"
    assert is_expression_only("MIT\nsome more") is None
    assert licence_family("GPL-3.0-or-later") == licence_family("GPL-3.0-only") == "GPL-3.0"


def test_two_licences_in_one_file() -> None:
    text = licence_text("mit") + "\n\n----\n\n" + licence_text("apache-2.0")
    assert set(identify_licence_text(text).ids) == {"MIT", "Apache-2.0"}


def test_apache_without_appendix_is_apache() -> None:
    text = licence_text("apache-2.0").split("END OF TERMS AND CONDITIONS")[0]
    assert identify_licence_text(text).ids == ("Apache-2.0",)


def test_readme_names() -> None:
    readme = "# X\n\nUses GPL tools.\n\n## Lizenz\n\nEUPL-1.2 oder später.\n\n## Kontakt\nMIT"
    assert licences_in_readme(readme) == ("EUPL-1.2",)
    assert licences_in_readme("Released under the Apache License, Version 2.0.") == ("Apache-2.0",)
    assert licences_in_readme("No licence section, GPL mentioned in passing.") == ()
