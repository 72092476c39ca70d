"""Attack (issue 14.3): a Git-host token sent in clear text, or to another port.

The operator configures a token for ``gitlab.opencode.de``. A member submits
``http://gitlab.opencode.de:<port>/acme``; the crawl used to send the token with every
request to that plain-http port, where anyone on the path (or whoever answers on that
port) reads it. Tokens now go only over https, only to the exact scheme, host and port
they were configured for (a bare host means ``https://host:443``).

The host name is answered by the scripted resolver with ``127.0.0.1``, where the fake
GitLab (plain http) or a recording https server listens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar.testing import TestClient

from importers.hosts import make_host_client
from registry.errors import InvalidInput
from registry.settings import Settings
from tests.fixtures.hostserver import HostServer, host_server
from tests.functional.test_imports_api import auth, build_world, make_app, wait_for
from tests.hostile.dns import scripted_dns
from tests.hostile.recorder import recording
from tests.hostile.tls import issue

__all__ = ["host_server", "scripted_dns"]

HOST = "gitlab.opencode.de"
TOKEN = "glpat-operator-secret"  # the secret the attack is after


@pytest.fixture
def world(
    fresh_settings: Settings, tmp_path: Path, scripted_dns: Any
) -> Iterator[tuple[TestClient, Settings, dict[str, str]]]:  # type: ignore[type-arg]
    settings, tokens = build_world(fresh_settings, tmp_path)
    settings = replace(settings, host_tokens={HOST: TOKEN})
    scripted_dns({HOST: ["127.0.0.1"]})
    with TestClient(app=make_app(settings)) as client:
        yield client, settings, tokens


def test_a_member_submitted_plain_http_group_gets_no_token(
    world: tuple[TestClient, Settings, dict[str, str]],  # type: ignore[type-arg]
    host_server: HostServer,
) -> None:
    client, settings, tokens = world
    host_server.world.owners["acme"] = "group"
    port = host_server.base.rsplit(":", 1)[1]
    accepted = client.post("/api/v1/imports", headers=auth(tokens["a"]), json={
        "url": f"http://{HOST}:{port}/acme", "organisation": "stadt-a", "kind": "organisation",
    })  # fmt: skip
    assert accepted.status_code == 202, accepted.text
    wait_for(client, settings, accepted.json()["id"], tokens["a"])
    assert host_server.world.callers, "the crawl reached the member's host"
    assert [authorization for _agent, authorization in host_server.world.callers] == [None] * len(
        host_server.world.callers
    )


async def _authorization_sent(configured: str, scripted_dns: Any) -> str | None:
    """The Authorization header a host-client GET of ``https://HOST:<port>/…`` carried, with
    the token configured under ``configured`` (``{port}``: the https server's port)."""
    issued = issue(HOST)
    scripted_dns({HOST: ["127.0.0.1"]})
    with recording(issued.server) as server:
        key = configured.format(port=server.port)
        settings = Settings(allow_private_addresses=True, host_tokens={key: TOKEN})
        transport = httpx.AsyncHTTPTransport(verify=issued.client)
        async with make_host_client(settings, transport=transport) as client:
            await client.get(f"https://{HOST}:{server.port}/api/v4/groups/acme")
    assert len(server.requests) == 1
    return server.requests[0][2].get("authorization")


@pytest.mark.parametrize("configured", [HOST, f"{HOST}:1", f"https://{HOST}:1"])
async def test_https_to_another_port_gets_no_token(scripted_dns: Any, configured: str) -> None:
    assert await _authorization_sent(configured, scripted_dns) is None


@pytest.mark.parametrize("configured", [f"{HOST}:{{port}}", f"https://{HOST}:{{port}}"])
async def test_the_token_goes_to_its_exact_https_origin(scripted_dns: Any, configured: str):
    """The control: configured for this very origin, the token is sent."""
    assert await _authorization_sent(configured, scripted_dns) == f"Bearer {TOKEN}"


def test_tokens_for_plain_http_cannot_be_configured() -> None:
    with pytest.raises(InvalidInput, match="only over https"):
        Settings.from_env({"REGISTRY_HOST_TOKENS": f"http://{HOST}:8080={TOKEN}"})
    kept = Settings.from_env({"REGISTRY_HOST_TOKENS": f"{HOST}={TOKEN},https://git.example:8443=x"})
    assert kept.host_tokens == {HOST: TOKEN, "https://git.example:8443": "x"}
