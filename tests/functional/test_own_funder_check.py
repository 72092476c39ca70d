"""The registry passes its own funder check, and CI (``make check``) runs that check."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from registry.licensing import identify_licence_text
from tests.fixtures.server import EXE, registry_env

ROOT = Path(__file__).resolve().parents[2]


def _registry(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command on the project's own tree (no database is needed: --repo)."""
    database = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    return subprocess.run(
        [EXE, *args], cwd=ROOT, env=registry_env(database),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_registry_passes_the_pmpc_profile_on_its_own_repository(tmp_path: Path) -> None:
    result = _registry(tmp_path, "check", "--profile", "pmpc", "--repo", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS (6 of 6 rules passed)" in result.stdout
    for rule in ("Licence file", "Code of conduct", "publiccode.yml"):
        assert f"PASS          {rule} = true" in result.stdout


def test_its_licence_text_is_the_licence_it_declares(tmp_path: Path) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    found = identify_licence_text((ROOT / "LICENSE").read_text(encoding="utf-8"))
    assert (found.kind, found.expression) == ("text", declared)
    assert found.matches[0].coverage == 1.0  # the whole text, the appendix included
    validated = _registry(tmp_path, "validate", "--format", "json", "publiccode.yml")
    assert validated.returncode == 0 and validated.stdout.strip() == '{"publiccode.yml": []}'


def test_make_check_runs_the_funder_check() -> None:
    planned = subprocess.run(
        ["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "registry check --profile pmpc --repo ." in planned
    assert "make check" in (ROOT / ".ci" / "run").read_text()
