"""Pure parts: mapping the hosts' own example bodies, locating URLs, reading rate limits."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from importers.hosts import (
    HostResponse,
    guess_driver,
    locate,
    map_github_releases,
    map_github_repository,
    map_gitlab_project,
    map_gitlab_releases,
    next_page_url,
)
from importers.hosts._github import decode_content
from importers.hosts.ratelimit import SECONDARY_DEFAULT_WAIT, backoff, rate_limit_wait
from registry.errors import InvalidInput
from tests.fixtures.hostserver import load


def test_github_full_repository_body():
    repo = map_github_repository(load("github/repos_get.json"))
    assert repo.full_name == "octocat/Hello-World" and repo.host_id == "1296269"
    assert repo.licence == "MIT" and repo.default_branch == "master"
    assert repo.fork_parent == "https://github.com/octocat/Hello-World"
    assert repo.pushed_at == datetime(2011, 1, 26, 19, 6, 43, tzinfo=UTC)
    assert repo.topics == ("octocat", "atom", "electron", "api") and repo.stars == 80


def test_github_list_item_and_releases():
    (item,) = [map_github_repository(d) for d in load("github/orgs_repos_list.json")]
    assert item.licence is None and item.clone_url.endswith("Hello-World.git")
    (release,) = map_github_releases(load("github/repos_list_releases.json"))
    assert release.tag == "v1.0.0"


def test_gitlab_bodies():
    project = map_gitlab_project(load("gitlab/projects_get_license.json"))
    assert project.licence == "LGPL-3.0-only" and project.fork is False
    (item,) = [map_gitlab_project(d) for d in load("gitlab/groups_projects_list.json")]
    assert item.full_name == "h5bp/html5-boilerplate" and item.issues_enabled is True
    assert [r.tag for r in map_gitlab_releases(load("gitlab/releases_list.json"))] == [
        "v0.2",
        "v0.1",
    ]


def test_contents_decoding_tolerates_line_breaks():
    text = "name: Test\n" * 20
    encoded = base64.b64encode(text.encode()).decode()
    wrapped = "\n".join(encoded[i : i + 60] for i in range(0, len(encoded), 60))
    assert decode_content({"type": "file", "encoding": "base64", "content": wrapped}) == text
    assert decode_content({"type": "dir"}) is None


@pytest.mark.parametrize(
    ("url", "driver", "api"),
    [
        ("https://github.com/stadt-ulm", "github", "https://api.github.com"),
        ("https://gitlab.opencode.de/stadt/sub/-/tree/main", "gitlab",
         "https://gitlab.opencode.de/api/v4"),
        ("https://codeberg.org/kommune", "gitea", "https://codeberg.org/api/v1"),
        ("https://gitlab.com/group/project.git", "gitlab", "https://gitlab.com/api/v4"),
    ],
)  # fmt: skip
def test_locate(url: str, driver: str, api: str):
    location = locate(url)
    assert (location.driver, location.api_base) == (driver, api)
    assert "/-/" not in location.path and not location.path.endswith(".git")


def test_unknown_hosts_need_a_driver():
    assert guess_driver("https://git.example.org/team") is None
    with pytest.raises(InvalidInput) as info:
        locate("https://git.example.org/team")
    assert info.value.field == "driver" and "--driver" in info.value.message
    assert locate("https://git.example.org/team", driver="gitea").api_base.endswith("/api/v1")
    with pytest.raises(InvalidInput, match="driver: must be one of"):
        locate("https://git.example.org/team", driver="svn")
    with pytest.raises(InvalidInput, match="url:"):
        locate("ftp://github.com/x")


def test_rate_limit_reading():
    spent = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000"}
    assert rate_limit_wait(403, spent, b"{}", now=990.0) == 10.0
    assert rate_limit_wait(429, {"retry-after": "30"}, b"Retry later", now=0) == 30.0
    secondary = load("github/error_403_secondary_rate_limit_legacy_wording.json")
    body = str(secondary).encode()
    assert rate_limit_wait(403, {}, body, now=0) == SECONDARY_DEFAULT_WAIT
    assert rate_limit_wait(403, {}, b'{"message": "Resource not accessible"}', now=0) is None
    assert rate_limit_wait(200, spent, b"", now=0) is None
    gitlab = {"ratelimit-remaining": "0", "ratelimit-reset": "2000"}
    assert rate_limit_wait(429, gitlab, b"", now=1999.0) == 1.0
    assert all(0 <= backoff(n, cap=4.0) <= 4.0 for n in range(10))


def test_next_page_from_link_or_x_next_page():
    link = HostResponse(
        "https://h/api?page=1",
        200,
        {"link": '<https://h/api?page=2>; rel="next", <https://h/api?page=5>; rel="last"'},
        b"",
    )
    assert next_page_url(link) == "https://h/api?page=2"
    offset = HostResponse("https://h/api/v4/groups/g/projects?per_page=3&page=2", 200,
                          {"x-next-page": "3"}, b"")  # fmt: skip
    assert next_page_url(offset) == "https://h/api/v4/groups/g/projects?per_page=3&page=3"
    last = HostResponse("https://h/api?page=3", 200, {"x-next-page": ""}, b"")
    assert next_page_url(last) is None
