"""GitLab (subgroups, x-next-page, 429) and Forgejo (user fallback, no ETags) over real HTTP."""

from __future__ import annotations

import time

from importers.hosts import MemoryCache, locate, make_driver, make_host_client
from registry.settings import Settings
from tests.fixtures.hostserver import HostServer

PUBLICCODE = "publiccodeYmlVersion: '0.4'\nname: Ratsinfo\n"


def _group(host_server: HostServer) -> None:
    world = host_server.world
    world.owners.update({"stadt": "group", "stadt/sub": "group", "stadt/sub/deep": "group"})
    world.add("stadt", "portal", publiccode=PUBLICCODE)
    world.add("stadt/sub", "ratsinfo")
    world.add("stadt/sub/deep", "karten", fork_of="https://gitlab.com/upstream/karten")
    world.owners["other"] = "group"
    world.add("other", "not-ours")


async def test_gitlab_lists_every_subgroup_with_offset_pages(
    host_server: HostServer, settings: Settings
):
    _group(host_server)
    location = locate(host_server.url("stadt"), driver="gitlab")
    assert location.api_base == f"{host_server.base}/api/v4"
    async with make_host_client(settings) as client:
        repos = await make_driver(location, client).list_repositories("stadt")
    names = [r.full_name for r in repos]
    assert names == ["stadt/portal", "stadt/sub/ratsinfo", "stadt/sub/deep/karten"]
    assert host_server.world.count(200) == 2  # x-next-page: 2, then none
    assert repos[2].fork and repos[2].fork_parent == "https://gitlab.com/upstream/karten"


async def test_gitlab_details_and_the_304_reuse(host_server: HostServer, settings: Settings):
    _group(host_server)
    location = locate(host_server.url("stadt"), driver="gitlab")
    cache = MemoryCache()
    async with make_host_client(settings, cache=cache) as client:
        driver = make_driver(location, client)
        portal = (await driver.list_repositories("stadt"))[0]
        full = await driver.details(portal)
        again = await driver.details(portal)
    assert full.licence == "EUPL-1.2" and full.publiccode == PUBLICCODE
    assert full.languages["Ruby"] == 66.69 and full.releases[0].tag == "v0.2"
    assert again == full and client.stats.not_modified == 4


async def test_gitlab_subgroup_url_and_user_fallback(host_server: HostServer, settings: Settings):
    _group(host_server)
    host_server.world.owners["maria"] = "user"
    host_server.world.add("maria", "skript")
    sub = locate(host_server.url("stadt/sub"), driver="gitlab")
    async with make_host_client(settings) as client:
        driver = make_driver(sub, client)
        assert await driver.is_owner("stadt/sub") is True
        assert await driver.is_owner("stadt/portal") is False
        in_sub = await driver.list_repositories("stadt/sub")
        users = await driver.list_repositories("maria")
    assert [r.full_name for r in in_sub] == ["stadt/sub/ratsinfo", "stadt/sub/deep/karten"]
    assert [r.full_name for r in users] == ["maria/skript"]


async def test_gitlab_throttle_honours_retry_after(host_server: HostServer, settings: Settings):
    _group(host_server)
    host_server.world.inject("throttle", wait=1)
    location = locate(host_server.url("stadt"), driver="gitlab")
    started = time.monotonic()
    async with make_host_client(settings) as client:
        repos = await make_driver(location, client).list_repositories("stadt")
    assert len(repos) == 3 and time.monotonic() - started >= 1.0
    assert host_server.world.count(429) == 1


def _forgejo(host_server: HostServer) -> None:
    world = host_server.world
    world.owners.update({"kommune": "org", "anna": "user"})
    for n in range(3):
        world.add("kommune", f"app-{n}", publiccode=PUBLICCODE if n == 1 else None)
    world.add("anna", "notes")


async def test_forgejo_lists_pages_and_falls_back_to_the_user(
    host_server: HostServer, settings: Settings
):
    _forgejo(host_server)
    location = locate(host_server.url("kommune"), driver="gitea")
    async with make_host_client(settings, cache=MemoryCache()) as client:
        driver = make_driver(location, client)
        org = await driver.list_repositories("kommune")
        again = await driver.list_repositories("kommune")
        user = await driver.list_repositories("anna")
    assert [r.full_name for r in org] == ["kommune/app-0", "kommune/app-1", "kommune/app-2"]
    assert again == org and client.stats.not_modified == 0  # Forgejo sends no ETag
    assert [r.full_name for r in user] == ["anna/notes"]


async def test_forgejo_details(host_server: HostServer, settings: Settings):
    _forgejo(host_server)
    location = locate(host_server.url("kommune"), driver="gitea")
    async with make_host_client(settings) as client:
        driver = make_driver(location, client)
        listed = (await driver.list_repositories("kommune"))[1]
        full = await driver.details(listed)
    assert full.publiccode == PUBLICCODE and full.languages == {"Python": 12000, "HTML": 800}
    assert [r.tag for r in full.releases] == ["v1.0.0"] and full.stars == 3
