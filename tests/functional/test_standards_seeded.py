"""Issue 20 class 6: the migrations seed the standards catalogue, so a first import into a
fresh database links its interfaces to standards (no ``serve`` or ``demo load`` first)."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.catalogue import load_standards_data
from registry.cli import app
from registry.settings import Settings
from tests.fixtures.gitrepos import build_sample_repo
from web.app import create_app

runner = CliRunner()


def test_fresh_database_links_imported_interfaces(fresh_settings: Settings, tmp_path: Path) -> None:
    sample = build_sample_repo(tmp_path / "sample.git")
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url,
           "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    upgraded = runner.invoke(app, ["db", "upgrade"], env=env)
    assert upgraded.exit_code == 0, upgraded.output
    again = runner.invoke(app, ["db", "upgrade"], env=env)  # idempotent re-seed
    assert again.exit_code == 0, again.output
    result = runner.invoke(app, ["import", str(sample.path)], env=env)
    assert result.exit_code == 0, result.output

    with TestClient(app=create_app(fresh_settings)) as client:
        standards = client.get("/api/v1/standards").json()
        listed = standards["data"] if isinstance(standards, dict) else standards
        assert len(listed) == len(load_standards_data())
        body = client.get("/api/v1/solutions/maengelmelder").json()
        linked = [i for i in body["interfaces"] if i.get("standard")]
        assert any("openapi" in str(i["standard"]).lower() for i in linked), body["interfaces"]
        page = client.get("/solutions/maengelmelder?lang=en").text
        assert 'href="/standards/openapi"' in page
