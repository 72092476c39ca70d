"""Which tags are releases (``registry.facts.versions``): the rule on its own."""

from __future__ import annotations

import pytest

from registry.facts import newer_version, parse_release_tag, same_version


@pytest.mark.parametrize(
    ("tag", "version", "pre"),
    [
        ("v1.2.3", "1.2.3", False),
        ("1.2", "1.2", False),
        ("release-4.0.1", "4.0.1", False),
        ("V2.0.0-rc.1", "2.0.0-rc.1", True),
        ("2.0.0-SNAPSHOT", "2.0.0-SNAPSHOT", True),
        ("5.3.1.RELEASE", "5.3.1.RELEASE", False),
        ("2023.10.1", "2023.10.1", False),
        ("fachverfahren-1.4.0", "1.4.0", False),
        ("v.1.4.2", "1.4.2", False),
        ("v2607.4", "2607.4", False),  # CalVer (YYMM.n)
    ],
)
def test_release_tags(tag: str, version: str, pre: bool) -> None:
    parsed = parse_release_tag(tag, ("Fachverfahren",))
    assert parsed is not None and parsed.version == version and parsed.prerelease is pre


@pytest.mark.parametrize(
    "tag",
    ["PRODUCT_8.3", "9999.9999.9999", "0.0.0", "20231011-v3", "20231011.1", "v3", "build-4711",
     "nightly", "x1.2", "2023-10-11"],
)  # fmt: skip
def test_tags_that_are_not_releases(tag: str) -> None:
    assert parse_release_tag(tag, ("fachverfahren",)) is None


def test_declared_and_tagged_versions() -> None:
    assert same_version("v2.1", "2.1.0") and not same_version("2.1", "2.2")
    assert newer_version("2.4.0", "2.5.0") == "2.5.0"  # a stale file
    assert newer_version("3.1.0", "3.0.0") == "3.1.0"  # an older tag never wins
    assert newer_version("1.2", "1.2.0") == "1.2"
    assert newer_version(None, "1.0") == "1.0" and newer_version("latest", "1.0") == "latest"
