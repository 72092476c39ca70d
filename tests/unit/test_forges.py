"""One list of drivers and one guess: the host drivers, ``--driver`` and the stored forge agree."""

from __future__ import annotations

import pytest

from importers import hosts
from registry.entries import vocab
from registry.errors import InvalidInput
from registry.forges import DRIVER_NAMES, HOST_DRIVERS, driver_named, forge_of, guess_driver


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("https://github.com/stadt-ulm/app", "github"),
        ("https://github.example.de/team", "github"),
        ("https://gitlab.com/group/project.git", "gitlab"),
        ("https://gitlab.opencode.de/stadt/app", "gitlab"),
        ("https://git.opencode.de/stadt/app", "gitlab"),  # OpenCoDE runs GitLab under both names
        ("https://code.gitlab.kommune.de/team", "gitlab"),
        ("https://codeberg.org/kommune/app", "gitea"),
        ("https://forgejo.stadt.de/team", "gitea"),
        ("https://git.gitea.example.org/x", "gitea"),
        ("https://git.example.org/team/app", None),
        (
            "https://mygitlabfan.example.org/x",
            None,
        ),  # a label, not a substring, names the host type
    ],
)
def test_one_guess(url: str, driver: str | None):
    assert guess_driver(url) == driver
    assert hosts.guess_driver(url) == driver
    assert forge_of(url) == (driver or "git")


def test_the_stored_forge_and_the_located_driver_agree_on_git_opencode_de():
    url = "https://git.opencode.de/stadt/app"
    assert hosts.locate(url).driver == forge_of(url) == "gitlab"
    assert hosts.locate(url).api_base == "https://git.opencode.de/api/v4"


def test_one_list():
    assert set(hosts._DRIVERS) == set(HOST_DRIVERS) == set(hosts.DRIVERS)
    assert (*HOST_DRIVERS, "git") == vocab.SOURCE_DRIVERS
    assert vocab.FORGES == vocab.SOURCE_DRIVERS
    assert set(DRIVER_NAMES) == {*HOST_DRIVERS, "forgejo"}


@pytest.mark.parametrize("name", ["forgejo", "Forgejo", " gitea "])
def test_forgejo_is_another_name_of_the_gitea_driver(name: str):
    assert driver_named(name) == "gitea"
    location = hosts.locate("https://git.example.org/kommune", driver=name)
    assert (location.driver, location.api_base) == ("gitea", "https://git.example.org/api/v1")
    assert isinstance(hosts.make_driver(location, client=None), hosts.ForgejoDriver)  # type: ignore[arg-type]


def test_an_unknown_driver_is_refused_with_the_names_it_could_be():
    with pytest.raises(InvalidInput) as info:
        driver_named("svn")
    assert info.value.field == "driver"
    assert "forgejo" in info.value.message and "gitlab" in info.value.message
