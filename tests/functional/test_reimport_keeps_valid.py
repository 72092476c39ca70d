"""A bad re-import never downgrades a good entry (issue 20, class 10).

Importing an invalid publiccode.yml for a repository that already has a valid entry
used to turn the entry inactive, so it vanished from search. Now the entry keeps its
last valid data and stays active; the new file's findings are shown on it and in the
import log until a valid version arrives.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from tests.unit.publiccode._paths import CORPUS
from web.app import create_app

VALID = CORPUS / "ARPA-VdA__opas.yml"
SLUG = "opas-open-air-system"
runner = CliRunner()


def _env(settings: Settings) -> dict[str, str]:
    return {"REGISTRY_DATABASE_URL": settings.database_url,
            "REGISTRY_GIT_CACHE_DIR": str(settings.git_cache_dir)}  # fmt: skip


def _broken(tmp_path: Path) -> Path:
    data = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    data["developmentStatus"] = "half-finished"
    data["name"] = "Renamed by a broken file"
    target = tmp_path / "publiccode.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_an_invalid_reimport_keeps_the_valid_entry_findable_and_shows_the_findings(
    fresh_settings: Settings, tmp_path: Path
) -> None:
    migrate_to_head(fresh_settings)
    env = _env(fresh_settings)
    assert runner.invoke(app, ["import", "publiccode", str(VALID)], env=env).exit_code == 0
    bad = runner.invoke(app, ["import", "publiccode", str(_broken(tmp_path))], env=env)
    assert "kept" in bad.stdout, bad.output
    with TestClient(app=create_app(fresh_settings)) as client:
        entry = client.get(f"/api/v1/solutions/{SLUG}").json()
        assert entry["name"] == "OPAS (OPen Air System)"  # the last valid data
        assert entry.get("active", True) is True
        found = client.get("/api/v1/solutions", params={"q": "OPAS"}).json()["data"]
        assert [hit["slug"] for hit in found] == [SLUG]
        page = client.get(f"/solutions/{SLUG}?lang=en").text
        assert 'id="pc-kept"' in page and "developmentStatus" in page
        assert "Renamed by a broken file" not in page
        assert "&#39;description&#39;" not in page and "'type':" not in page  # no raw dicts
    fixed = runner.invoke(app, ["import", "publiccode", str(VALID)], env=env)
    assert fixed.exit_code == 0, fixed.output
    with TestClient(app=create_app(fresh_settings)) as client:
        assert 'id="pc-kept"' not in client.get(f"/solutions/{SLUG}").text
