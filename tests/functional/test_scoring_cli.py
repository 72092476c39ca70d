"""``registry score`` and ``registry check``: output, files and exit codes (0 / 1 / 2)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.gitrepos import ALICE, BOB, OPENAPI, RepoBuilder, licence_text

runner = CliRunner()
README = "# Ratsinfo\n\nCouncil information.\n\n## Installation\n\nRun `docker compose up`.\n"
PUBLICCODE = textwrap.dedent("""\
    publiccodeYmlVersion: "0"
    name: Ratsinfo
    url: https://git.example.org/city/ratsinfo.git
    platforms: [web]
    categories: [document-management]
    developmentStatus: stable
    softwareType: standalone/web
    description:
      en:
        shortDescription: Council information
        longDescription: >-
          Council information for citizens, with papers, meetings and decisions,
          searchable and mapped for everyone who wants to follow the city council closely.
        features: [Search]
    legal:
      license: EUPL-1.2
    maintenance:
      type: internal
      contacts:
        - name: City IT
          email: it@example.org
    localisation:
      localisationReady: true
      availableLanguages: [de, en]
    """)  # fmt: skip


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A SQLite database with the demo catalogue, loaded once for this module."""
    path = tmp_path_factory.mktemp("scoring-cli") / "registry.sqlite3"
    env = {"REGISTRY_DATABASE_URL": f"sqlite:///{path}"}
    loaded = runner.invoke(app, ["demo", "load"], env=env)
    assert loaded.exit_code == 0, loaded.output
    return env


def _repo(path: Path, files: dict[str, str]) -> Path:
    builder = RepoBuilder(path)
    now = datetime.now(UTC)
    first = builder.commit(files, author=ALICE, when=now.replace(microsecond=0))
    builder.annotated_tag("v1.0.0", first, when=now)
    builder.commit({**files, "NOTES.md": "more\n"}, author=BOB, when=now.replace(microsecond=0))
    return path


@pytest.mark.parametrize("args", [["score"], ["check"]])
def test_help(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_score_all_prints_score_and_silo(demo_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["score", "--all"], env=demo_env)
    assert result.exit_code == 0, result.output
    lines = {line.split(":", 1)[0]: line for line in result.output.splitlines()}
    assert "/100" in lines["masterportal"] and "silo: no" in lines["masterportal"]
    assert "silo: risk (SI-IF, SI-OP)" in lines["os2iot"]
    again = runner.invoke(app, ["score", "masterportal"], env=demo_env)
    assert again.exit_code == 0 and "[unchanged]" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score"], "give solution slugs or --all"),
        (["score", "--all", "qgis"], "give solution slugs or --all"),
        (["score", "no-such-slug"], "no-such-slug"),
        (["check", "--profile", "pmpc"], "choose one of"),
        (["check", "--profile", "no-such-profile", "qgis"], "known: dpg-automatable"),
        (["check", "--profile", "pmpc", "--format", "pdf", "qgis"], "--format must be"),
        (["check", "--profile", "pmpc", "no-such-slug"], "no-such-slug"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(demo_env: dict[str, str], args: list[str], message: str) -> None:
    result = runner.invoke(app, args, env=demo_env)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_bad_profile_file_names_the_field(demo_env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("profile: x\nversion: '1'\ntitle: {de: X, en: X}\n"
                   "rules: {all: [{fact: docs.readme, op: like, value: 1}]}\n")  # fmt: skip
    result = runner.invoke(app, ["check", "--profile", str(bad), "qgis"], env=demo_env)
    assert result.exit_code == 2
    assert "$.rules.all[0].op" in result.output and "like" in result.output


def test_failing_profile_exits_1(demo_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["check", "--profile", "smart-city-mpsc", "masterportal"],
                           env=demo_env)  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Profile smart-city-mpsc" in result.output and "→ FAIL" in result.output
    assert "PASS          Open source licence = true" in result.output


def test_passing_profile_exits_0_and_writes_csv(demo_env: dict[str, str], tmp_path: Path) -> None:
    own = tmp_path / "open.yml"
    own.write_text("profile: open\nversion: '1'\ntitle: {de: Offen, en: Open}\n"
                   "rules: {all: [{fact: licence.open, op: eq, value: true},"
                   " {fact: silo, op: ne, value: silo}]}\n")  # fmt: skip
    out = tmp_path / "report.csv"
    args = ["check", "--profile", str(own), "--funded-by", "bmbf", "--format", "csv",
            "--lang", "de", "--output", str(out)]  # fmt: skip
    result = runner.invoke(app, args, env=demo_env)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][0] == "Lösung"
    assert {row[0] for row in rows[1:]} >= {"meine-stadt-transparent"}
    assert {row[2] for row in rows[1:]} == {"pass"}


def test_check_json_for_an_organisation(demo_env: dict[str, str]) -> None:
    args = ["check", "--profile", "dpg-automatable", "--organisation", "osgeo", "--format", "json"]
    result = runner.invoke(app, args, env=demo_env)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {d["solution"] for d in data} == {"geoserver", "qgis", "mapbender"}


def test_check_a_repository_outside_the_catalogue(tmp_path: Path) -> None:
    good = _repo(tmp_path / "good.git", {
        "LICENSE": licence_text("eupl-1.2"), "README.md": README, "publiccode.yml": PUBLICCODE,
        "api/openapi.yaml": OPENAPI,
    })  # fmt: skip
    env = {"REGISTRY_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    result = runner.invoke(app, ["check", "--profile", "smart-city-mpsc", "--repo", str(good)],
                           env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "→ PASS (6 of 7 rules passed)" in result.output  # one alternative of an any fails
    assert "api/openapi.yaml" in result.output  # evidence from the analysed tree
    assert not (tmp_path / "unused.sqlite3").exists()  # nothing stored

    bare = _repo(tmp_path / "bare.git", {"main.py": "print('hi')\n"})
    result = runner.invoke(app, ["check", "--profile", "pmpc", "--repo", str(bare),
                                 "--format", "json"], env=env)  # fmt: skip
    assert result.exit_code == 1
    (report,) = json.loads(result.output)
    verdicts = {r["id"]: r["verdict"] for r in report["rules"]["children"]}
    assert verdicts == {"licence-file": "fail", "open-licence": "unknown", "contributing": "fail",
                        "code-of-conduct": "fail", "security-policy": "fail",
                        "publiccode": "fail"}  # fmt: skip


def test_unreadable_repository_is_a_usage_error(tmp_path: Path, fresh_settings: Settings) -> None:
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["check", "--profile", "pmpc", "--repo", str(tmp_path / "empty")],
                           env=env)  # fmt: skip
    assert result.exit_code == 2
    assert "cannot read repository" in result.output
