"""The GitHub driver over real HTTP: pagination, 304 reuse, renames, deletions, limits."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from importers.hosts import (
    HostError,
    HostNotFound,
    MemoryCache,
    RateLimited,
    locate,
    make_driver,
    make_host_client,
)
from importers.urlguard import UnsafeURLError
from registry.settings import Settings
from tests.fixtures.hostserver import HostServer

PUBLICCODE = "publiccodeYmlVersion: '0.4'\nname: Mängelmelder\n"


def _org(host_server: HostServer, count: int = 5) -> None:
    host_server.world.owners["acme"] = "org"
    for n in range(count):
        host_server.world.add("acme", f"repo-{n}", publiccode=PUBLICCODE if n == 0 else None)


def _driver(host_server: HostServer, settings: Settings, cache: MemoryCache | None = None):
    location = locate(host_server.url("acme"), driver="github")
    client = make_host_client(settings, cache=cache)
    return client, make_driver(location, client)


async def test_lists_an_organisation_across_pages(host_server: HostServer, settings: Settings):
    _org(host_server)
    client, driver = _driver(host_server, settings)
    async with client:
        repos = await driver.list_repositories("acme")
    assert [r.full_name for r in repos] == [f"acme/repo-{n}" for n in range(5)]
    assert host_server.world.count(200) == 3  # pages of 2, 2, 1 followed by Link rel="next"
    first = repos[0]
    assert first.web_url == host_server.url("acme/repo-0")
    assert first.host_id == "1000" and first.default_branch == "main"
    assert first.topics == ("kommune",) and first.archived is False
    assert host_server.world.callers[0][0] == "registry-tests/1.0"


async def test_falls_back_to_the_user(host_server: HostServer, settings: Settings):
    host_server.world.owners["jane"] = "user"
    host_server.world.add("jane", "tool")
    client, driver = _driver(host_server, settings)
    async with client:
        repos = await driver.list_repositories("jane")
    assert [r.full_name for r in repos] == ["jane/tool"]
    assert [status for _, status in host_server.world.log] == [404, 200]


async def test_details_read_licence_parent_languages_releases_publiccode(
    host_server: HostServer, settings: Settings
):
    _org(host_server, 1)
    host_server.world.repos[0].fork_of = "https://github.com/upstream/tool"
    client, driver = _driver(host_server, settings)
    async with client:
        (listed,) = await driver.list_repositories("acme")
        full = await driver.details(listed)
    assert full.detailed and full.licence == "EUPL-1.2"
    assert full.fork and full.fork_parent == "https://github.com/upstream/tool"
    assert full.languages == {"C": 78769.0, "Python": 7769.0}
    assert [r.tag for r in full.releases] == ["v1.0.0"]
    assert full.publiccode == PUBLICCODE
    assert full.stars == 80 and full.issues_enabled is True


async def test_unchanged_pages_are_reused_from_304(host_server: HostServer, settings: Settings):
    _org(host_server)
    cache = MemoryCache()
    client, driver = _driver(host_server, settings, cache)
    async with client:
        first = await driver.list_repositories("acme")
        second = await driver.list_repositories("acme")
    assert second == first
    assert client.stats.not_modified == 3 and host_server.world.count(304) == 3


async def test_a_change_is_seen_despite_the_cache(host_server: HostServer, settings: Settings):
    _org(host_server)
    cache = MemoryCache()
    client, driver = _driver(host_server, settings, cache)
    async with client:
        await driver.list_repositories("acme")
        host_server.world.repos[4].archived = True
        second = await driver.list_repositories("acme")
    assert second[4].archived is True
    assert host_server.world.count(304) == 2  # the two unchanged pages


async def test_a_rename_is_followed_by_id(host_server: HostServer, settings: Settings):
    _org(host_server, 1)
    host_server.world.rename(host_server.world.repos[0], "renamed")
    client, driver = _driver(host_server, settings)
    async with client:
        repo = await driver.repository("acme/repo-0")
    assert repo.full_name == "acme/renamed" and repo.host_id == "1000"
    assert [status for _, status in host_server.world.log] == [301, 200]


async def test_a_deleted_repository_is_not_found(host_server: HostServer, settings: Settings):
    _org(host_server, 1)
    host_server.world.repos[0].deleted = True
    client, driver = _driver(host_server, settings)
    async with client:
        with pytest.raises(HostNotFound):
            await driver.repository("acme/repo-0")


async def test_primary_rate_limit_waits_until_the_reset(
    host_server: HostServer, settings: Settings
):
    _org(host_server, 1)
    host_server.world.inject("primary", wait=2)
    client, driver = _driver(host_server, settings)
    started = time.monotonic()
    async with client:
        repos = await driver.list_repositories("acme")
    assert len(repos) == 1
    assert time.monotonic() - started >= 1.0
    assert client.stats.retries == 1 and host_server.world.count(403) == 1


async def test_primary_rate_limit_beyond_the_cap_fails_loudly(
    host_server: HostServer, settings: Settings
):
    _org(host_server, 1)
    host_server.world.inject("primary", wait=3600)
    client, driver = _driver(host_server, settings)
    started = time.monotonic()
    async with client:
        with pytest.raises(RateLimited, match="rate limit"):
            await driver.list_repositories("acme")
    assert time.monotonic() - started < 2.0


async def test_secondary_limit_honours_retry_after(host_server: HostServer, settings: Settings):
    _org(host_server, 1)
    host_server.world.inject("secondary", wait=1)
    client, driver = _driver(host_server, settings)
    started = time.monotonic()
    async with client:
        assert len(await driver.list_repositories("acme")) == 1
    assert time.monotonic() - started >= 1.0
    assert client.stats.waited_seconds >= 1.0


async def test_secondary_limit_without_retry_after_waits_a_minute(
    host_server: HostServer, settings: Settings
):
    _org(host_server, 1)
    host_server.world.inject("secondary-no-header")
    client, driver = _driver(host_server, settings)
    async with client:
        with pytest.raises(RateLimited, match="60 s"):
            await driver.list_repositories("acme")


async def test_a_server_error_is_retried(host_server: HostServer, settings: Settings):
    _org(host_server, 1)
    host_server.world.inject("error500", times=2)
    client, driver = _driver(host_server, settings)
    async with client:
        assert len(await driver.list_repositories("acme")) == 1
    assert host_server.world.count(500) == 2 and client.stats.retries == 2


async def test_a_lasting_server_error_is_reported(host_server: HostServer, settings: Settings):
    _org(host_server, 1)
    host_server.world.inject("error500", times=10)
    client, driver = _driver(host_server, settings)
    async with client:
        with pytest.raises(HostError, match="HTTP 500"):
            await driver.list_repositories("acme")
    assert host_server.world.count(500) == settings.host_max_retries + 1


async def test_private_addresses_are_refused_unless_allowed(
    host_server: HostServer, settings: Settings
):
    _org(host_server, 1)
    client, driver = _driver(host_server, replace(settings, allow_private_addresses=False))
    async with client:
        with pytest.raises(UnsafeURLError, match="loopback"):
            await driver.list_repositories("acme")
    assert host_server.world.log == []


async def test_bodies_over_the_size_cap_are_refused(host_server: HostServer, settings: Settings):
    _org(host_server, 2)
    client, driver = _driver(host_server, replace(settings, http_max_bytes=500))
    async with client:
        with pytest.raises(HostError, match="byte limit"):
            await driver.list_repositories("acme")


async def test_the_host_token_is_not_sent_over_plain_http(
    host_server: HostServer, settings: Settings
):
    """Tokens go only over https to their exact origin (tests/hostile/test_host_tokens.py)."""
    _org(host_server, 1)
    client, driver = _driver(host_server, replace(settings, host_tokens={"127.0.0.1": "s3cret"}))
    async with client:
        await driver.list_repositories("acme")
    assert host_server.world.callers[0][1] is None
