"""The ``registry`` command: help everywhere, config, db, demo, and a real server."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.server import running_server

runner = CliRunner()
SUBCOMMANDS = [[], ["db"], ["db", "upgrade"], ["db", "downgrade"], ["db", "current"],
               ["db", "revision"], ["demo"], ["demo", "load"], ["serve"], ["config"],
               ["organisations"], ["organisations", "prune"], ["search"], ["search", "reindex"],
               ["organisations", "merge"]]  # fmt: skip


@pytest.mark.parametrize("args", SUBCOMMANDS, ids=lambda a: " ".join(a) or "registry")
def test_every_command_has_help(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_config_masks_secrets() -> None:
    env = {"REGISTRY_DATABASE_URL": "postgresql://u:pw@h/db", "REGISTRY_SECRET_KEY": "sss"}
    result = runner.invoke(app, ["config"], env=env)
    assert result.exit_code == 0
    assert "REGISTRY_DATABASE_URL=postgresql://u:****@h/db" in result.output
    assert "sss" not in result.output


def test_config_rejects_a_bad_variable() -> None:
    result = runner.invoke(app, ["config"], env={"REGISTRY_PORT": "x"})
    assert result.exit_code == 2
    assert "REGISTRY_PORT" in result.output


def test_db_upgrade_current_downgrade(fresh_settings: Settings) -> None:
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    assert "current: base" in runner.invoke(app, ["db", "current"], env=env).output
    up = runner.invoke(app, ["db", "upgrade"], env=env)
    assert up.exit_code == 0, up.output
    current = runner.invoke(app, ["db", "current"], env=env).output
    lines = dict(line.split(":", 1) for line in current.strip().splitlines())
    assert lines["current"].strip() == lines["head"].strip() != "base"
    down = runner.invoke(app, ["db", "downgrade", "base"], env=env)
    assert down.exit_code == 0 and "database at base" in down.output


def test_serve_migrates_and_answers(tmp_path: Path) -> None:
    """What the README's first command does, on a real socket."""
    with running_server(f"sqlite:///{tmp_path}/r.sqlite3", tmp_path, timeout=30) as base:
        response = httpx.get(f"{base}/health", timeout=5)
        assert response.status_code == 200
        assert response.json()["up_to_date"] is True
        home = httpx.get(f"{base}/", timeout=5)
        assert home.status_code == 200 and "<main" in home.text


def test_serve_demo_shows_the_catalogue_scored(tmp_path: Path) -> None:
    """`make run` (serve --demo): every demo entry has a score and a silo flag at once."""
    with running_server(f"sqlite:///{tmp_path}/r.sqlite3", tmp_path, "--demo", timeout=60) as base:
        listing = httpx.get(f"{base}/api/v1/solutions", params={"page[size]": 100}, timeout=10)
        assert listing.status_code == 200, listing.text
        items = listing.json()["data"]
        assert len(items) >= 25
        assert all(item["score"] is not None and item["silo"] for item in items)
        page = httpx.get(f"{base}/solutions/masterportal", timeout=10)
        assert page.status_code == 200
        assert "Noch nicht bewertet" not in page.text


def test_demo_load_scores_every_entry(fresh_settings: Settings) -> None:
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    result = runner.invoke(app, ["demo", "load"], env=env)
    assert result.exit_code == 0, result.output
    scored = int(result.output.split("solution scored: ")[1].split()[0])
    created = int(result.output.split("solution created: ")[1].split()[0])
    assert scored == created >= 25
