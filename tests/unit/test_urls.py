"""Repository URLs have one canonical spelling; slugs are URL-safe."""

from __future__ import annotations

import pytest

from registry.entries import normalise_repository_url, slugify
from registry.errors import InvalidInput


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("https://github.com/Org/Repo", "https://github.com/org/repo"),
        ("https://GitHub.com/Org/Repo.git/", "https://github.com/org/repo"),
        ("https://gitlab.com/Stadt/Sub/App.GIT", "https://gitlab.com/stadt/sub/app"),
        ("git@gitlab.opencode.de:BMI/OpenDesk.git", "https://gitlab.opencode.de/bmi/opendesk"),
        ("https://gitlab.stadt.de/Amt/App", "https://gitlab.stadt.de/amt/app"),
        ("https://codeberg.org/Stadt/App", "https://codeberg.org/Stadt/App"),
        ("https://git.example.org/Stadt/App.git", "https://git.example.org/Stadt/App"),
        ("git@gitlab.opencode.de:bmi/opendesk.git", "https://gitlab.opencode.de/bmi/opendesk"),
        ("https://user:pw@git.example.org:443/a//b?x=1#f", "https://git.example.org/a/b"),
        ("http://git.example.org:8080/a/b", "http://git.example.org:8080/a/b"),
    ],
)
def test_normalise(given: str, canonical: str) -> None:
    assert normalise_repository_url(given) == canonical


@pytest.mark.parametrize("bad", ["", "ext::sh -c id", "file:///etc", "/srv/git/x", "ftp://x/y"])
def test_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="url"):
        normalise_repository_url(bad)


def test_slugify_transliterates_german() -> None:
    assert slugify("Bürgerbeteiligung Köln – Straßen") == "buergerbeteiligung-koeln-strassen"
    assert slugify("!!!") == "entry"
