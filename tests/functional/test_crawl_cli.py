"""``registry sources add``, ``registry crawl`` and organisation URLs in ``registry import``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.cli import app
from registry.cli._crawl import import_owner, is_owner_url
from tests.fixtures.hostserver import HostServer, host_server

__all__ = ["host_server"]

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, host_server: HostServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    host_server.world.owners.update({"acme": "org", "jane": "user"})
    for name in ("portal", "ratsinfo", "karten"):
        host_server.world.add("acme", name)
    host_server.world.add("jane", "notizen")
    values = {
        "REGISTRY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true",
        "REGISTRY_HOST_PAGE_SIZE": "2",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def test_sources_add_needs_a_driver_for_unknown_hosts(env: dict[str, str], host_server: HostServer):
    result = runner.invoke(app, ["sources", "add", "acme", host_server.url("acme")])
    assert result.exit_code == 2
    assert "driver" in result.output and "--driver" in result.output


def test_add_then_crawl_twice(env: dict[str, str], host_server: HostServer):
    added = runner.invoke(
        app, ["sources", "add", "acme", host_server.url("acme"), "--driver", "github"]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["sources", "list"])
    assert host_server.url("acme") in listed.output and "never" in listed.output
    first = runner.invoke(app, ["crawl", "acme", "--no-clone"])
    assert first.exit_code == 0, first.output
    assert "new / neu 3" in first.output and "failed / fehlgeschlagen 0" in first.output
    second = runner.invoke(app, ["crawl", "--no-clone"])
    assert second.exit_code == 0, second.output
    assert "unchanged / unverändert 3" in second.output and "(304: 2)" in second.output


def test_crawl_of_an_unknown_organisation_names_it(env: dict[str, str]):
    result = runner.invoke(app, ["crawl", "nobody"])
    assert result.exit_code == 2 and "nobody" in result.output


def test_a_failing_source_ends_with_exit_1(env: dict[str, str], host_server: HostServer):
    runner.invoke(app, ["sources", "add", "ghost", host_server.url("ghost"), "--driver", "gitea"])
    result = runner.invoke(app, ["crawl", "ghost", "--no-clone"])
    assert result.exit_code == 1 and "HTTP 404" in result.output


def test_owner_urls_go_to_the_drivers(env: dict[str, str], host_server: HostServer):
    assert is_owner_url("https://github.com/stadt-ulm") is True
    assert is_owner_url("https://github.com/stadt-ulm/app") is False
    assert is_owner_url("git://example.org/x.git") is False
    assert import_owner(host_server.url("jane"), driver="github", clone=False) == 0
    again = runner.invoke(app, ["sources", "list"])
    assert host_server.url("jane") in again.output and "ok" in again.output


def test_forgejo_is_a_driver_the_command_line_takes(env: dict[str, str], host_server: HostServer):
    host_server.world.owners["kommune"] = "org"
    host_server.world.add("kommune", "formulare")
    url = host_server.url("kommune")
    added = runner.invoke(app, ["sources", "add", "kommune", url, "--driver", "forgejo"])
    assert added.exit_code == 0, added.output
    assert f"{url} (gitea)" in added.output
    crawled = runner.invoke(app, ["crawl", "kommune", "--no-clone"])
    assert crawled.exit_code == 0, crawled.output
    assert "new / neu 1" in crawled.output and "failed / fehlgeschlagen 0" in crawled.output


def test_import_of_an_owner_takes_driver_forgejo(env: dict[str, str], host_server: HostServer):
    host_server.world.owners["verband"] = "org"
    host_server.world.add("verband", "wahlen")
    result = runner.invoke(app, ["import", host_server.url("verband"), "--driver", "forgejo"])
    # The Forgejo API was asked (the fake host has no git to clone, so the one clone fails).
    assert "seen / gesehen 1" in result.output, result.output
    listed = runner.invoke(app, ["sources", "list"])
    assert host_server.url("verband") in listed.output and "\tgitea\t" in listed.output


def test_a_driver_nobody_knows_is_refused_naming_the_choices(env: dict[str, str]):
    result = runner.invoke(app, ["sources", "add", "acme", "https://git.example.org/acme",
                                 "--driver", "svn"])  # fmt: skip
    assert result.exit_code == 2
    assert "driver: must be one of github, gitlab, gitea, forgejo" in result.output
