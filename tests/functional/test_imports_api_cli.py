"""``registry import URL --driver …``: an owner on a host the URL does not name."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.cli import app
from tests.fixtures.hostserver import HostServer, host_server

__all__ = ["host_server"]

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, host_server: HostServer, monkeypatch: pytest.MonkeyPatch) -> None:
    host_server.world.owners.update({"jane": "user"})
    host_server.world.add("jane", "notizen")
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("REGISTRY_ALLOW_PRIVATE_ADDRESSES", "true")
    monkeypatch.setenv("REGISTRY_GIT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.usefixtures("env")
def test_the_driver_option_reaches_the_host_drivers(host_server: HostServer) -> None:
    url = host_server.url("jane")
    guessed = runner.invoke(app, ["import", url])  # 127.0.0.1 names no host: one repository
    assert guessed.exit_code == 1 and "cannot clone" in guessed.output
    assert url not in runner.invoke(app, ["sources", "list"]).output
    named = runner.invoke(app, ["import", url, "--driver", "github"])
    # the GitHub driver listed the user's one repository (its clone URL is not served here)
    assert "seen / gesehen 1" in named.output, named.output
    assert f"{url}/notizen" in named.output
    listed = runner.invoke(app, ["sources", "list"]).output
    assert f"jane\t{url}\tgithub" in listed
    wrong = runner.invoke(app, ["import", url, "--driver", "bitbucket"])
    assert wrong.exit_code == 2 and "driver: must be one of" in wrong.output
