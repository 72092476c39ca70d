"""Attack (issue 14.2): DNS rebinding past the address guard.

The name answers a public address to the guard's lookup and ``127.0.0.1`` to the next
one. Before the egress (``importers.egress``) the guard passed the name and the HTTP
fetcher, the host API client, webhook delivery and libgit2 each resolved it again and
connected to the loopback server. Now every connection is made to an address checked as
it opens, so each path is refused and the loopback server sees nothing.

``localhost`` is the rebinding name: the scripted resolver answers it in this process,
and libgit2 (in the clone process, on the old code) really reaches loopback with it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from importers.egress import EgressTransport
from importers.git.clone import open_source
from importers.hosts import make_host_client
from importers.http import fetch_bytes, make_client
from importers.urlguard import UnsafeURLError
from importers.webhooks import deliver_due
from registry.accounts import AccountService
from registry.catalogue import CatalogueService, SolutionDraft
from registry.db import utcnow
from registry.settings import Settings
from registry.webhooks import DEBOUNCE, WebhookService
from tests.fixtures.gitrepos import NOW, RepoBuilder
from tests.fixtures.gitserver import GitServer, git_server
from tests.fixtures.httpgit import HttpGit, serving
from tests.hostile.dns import PUBLIC, scripted_dns
from tests.hostile.recorder import recording
from tests.hostile.tls import issue

__all__ = ["git_server", "scripted_dns"]

REBIND = {"localhost": [PUBLIC, "127.0.0.1"]}


@pytest.fixture
def strict(tmp_path: Path) -> Settings:
    """Private addresses refused, as in production."""
    return Settings(git_cache_dir=tmp_path / "cache", git_timeout_seconds=30.0)


@pytest.fixture(scope="module")
def small_repos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one tiny bare repository, ``app.git``."""
    root = tmp_path_factory.mktemp("rebind-repos")
    RepoBuilder(root / "app.git").commit(
        {"README.md": "Bürgerportal\n"}, author=("Ada", "ada@example.org"), when=NOW
    )
    return root


@pytest.fixture(scope="module")
def http_git(small_repos: Path) -> Iterator[HttpGit]:
    with serving(small_repos) as server:
        yield server


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _clone(url: str, settings: Settings) -> None:
    with open_source(url, settings=settings, trusted=False, deadline=time.monotonic() + 30):
        pass


def test_fetch_bytes_never_reaches_the_rebound_address(strict: Settings, scripted_dns: Any):
    with recording() as server:
        dns = scripted_dns(REBIND)
        with make_client(strict) as client, pytest.raises(UnsafeURLError, match="loopback"):
            fetch_bytes(client, f"http://localhost:{server.port}/publiccode.yml", strict)
    assert server.requests == []
    assert dns.lookups["localhost"] == 2  # the guard's, then the connection's own


async def test_the_host_api_client_never_reaches_the_rebound_address(
    strict: Settings, scripted_dns: Any
):
    with recording() as server:
        scripted_dns(REBIND)
        async with make_host_client(strict) as client:
            with pytest.raises(UnsafeURLError, match="loopback"):
                await client.get(f"http://localhost:{server.port}/api/v4/groups/acme")
    assert server.requests == []


def test_webhook_delivery_never_reaches_the_rebound_address(
    db_session: Session, migrated_settings: Settings, scripted_dns: Any
):
    account = AccountService(db_session).create("rebind@example.org", role="funder").id
    with recording() as server:
        service = WebhookService(db_session)
        made = service.subscribe(account, f"http://localhost:{server.port}/hook", ["solution"])
        CatalogueService(db_session).upsert_draft(
            SolutionDraft(name="Rebind", url="https://git.example.org/r/b")
        )
        now = utcnow()
        deliver_due(db_session, migrated_settings, now)  # dispatched, debounced
        scripted_dns(REBIND)
        run = deliver_due(db_session, migrated_settings, now + DEBOUNCE)
    assert run.delivered == 0 and run.retried == 1
    assert server.requests == []
    row = service.deliveries(made.subscription)[0]
    assert row.last_error is not None and row.last_error.startswith("refused")
    assert "loopback" in row.last_error


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_clone_over_http_never_reaches_the_rebound_address(
    http_git: HttpGit, strict: Settings, scripted_dns: Any, scheme: str
):
    """http: the loopback proxy dials; https: libgit2 tunnels through it (CONNECT)."""
    url = f"{scheme}://localhost:{_port(http_git.base)}/app.git"
    scripted_dns(REBIND)
    with pytest.raises(UnsafeURLError, match="loopback"):
        _clone(url, strict)
    assert list((strict.git_cache_dir).iterdir()) == []


def test_a_git_protocol_clone_never_reaches_the_rebound_address(
    git_server: GitServer, small_repos: Path, strict: Settings, scripted_dns: Any
):
    target = git_server.base / "rebind-app.git"
    if not target.exists():
        target.symlink_to(small_repos / "app.git")
    url = f"git://localhost:{git_server.port}/rebind-app.git"
    scripted_dns(REBIND)
    with pytest.raises(UnsafeURLError, match="loopback"):
        _clone(url, strict)


def test_ssh_clones_are_refused_because_they_cannot_be_pinned(tmp_path: Path):
    loopback = Settings(git_cache_dir=tmp_path / "cache", allow_private_addresses=True)
    with pytest.raises(UnsafeURLError, match="only http, https and git://"):
        _clone("ssh://git@127.0.0.1:1/town/app.git", loopback)


def test_libgit2_dials_only_what_the_egress_resolved(
    http_git: HttpGit, tmp_path: Path, scripted_dns: Any
):
    """A name only this process can resolve: the clone works, so libgit2 did not look it up."""
    loopback = Settings(git_cache_dir=tmp_path / "cache", allow_private_addresses=True)
    dns = scripted_dns({"git.rebind.test": ["127.0.0.1"]})
    url = f"http://git.rebind.test:{_port(http_git.base)}/app.git"
    with open_source(url, settings=loopback, trusted=False, deadline=time.monotonic() + 30) as got:
        assert got.tip is not None and got.default_branch == "main"
    assert dns.lookups["git.rebind.test"] >= 2  # one per connection: refs, then the pack


def test_tls_is_verified_for_the_name_while_the_checked_address_is_dialled(scripted_dns: Any):
    """The egress dials 127.0.0.1; the Host header, SNI and certificate stay the name's."""
    issued = issue("registry-peer.test")
    with recording(issued.server) as server:
        dns = scripted_dns({"registry-peer.test": ["127.0.0.1", "127.0.0.2"],
                            "impostor.test": ["127.0.0.1"]})  # fmt: skip
        transport = EgressTransport(allow_private=True, verify=issued.client)
        with httpx.Client(transport=transport) as client:
            answer = client.get(f"https://registry-peer.test:{server.port}/x")
            with pytest.raises(httpx.ConnectError, match="certificate"):
                client.get(f"https://impostor.test:{server.port}/x")
    assert answer.status_code == 200
    assert server.requests[0][2]["host"] == f"registry-peer.test:{server.port}"
    assert dns.lookups["registry-peer.test"] == 1  # once, and 127.0.0.1 was dialled
