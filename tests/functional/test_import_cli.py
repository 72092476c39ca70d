"""``registry import URL_OR_PATH`` end to end: a fixture repository, served or local."""

from __future__ import annotations

from pathlib import Path

import pygit2
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from registry.catalogue.models import Repository
from registry.cli import app
from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.gitrepos import SampleRepo, build_licence_repo, build_sample_repo
from tests.fixtures.gitserver import GitServer, git_server

__all__ = ["git_server"]

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    return build_sample_repo(tmp_path_factory.mktemp("repos") / "sample.git")


def _env(settings: Settings, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "REGISTRY_DATABASE_URL": settings.database_url,
        "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }


def _facts(settings: Settings, url: str) -> dict[str, object]:
    engine = make_engine(settings)
    with make_sessionmaker(engine)() as session:
        facts = session.scalars(select(Repository.facts).where(Repository.url == url)).one()
    engine.dispose()
    return dict(facts)


def test_import_a_local_path(fresh_settings: Settings, sample: SampleRepo, tmp_path: Path) -> None:
    env = _env(fresh_settings, tmp_path)
    result = runner.invoke(app, ["import", str(sample.path)], env=env)

    assert result.exit_code == 0, result.output
    assert "created: maengelmelder (https://example.org/maengelmelder)" in result.stdout
    assert "licence detected / Lizenz erkannt: AGPL-3.0-or-later" in result.stdout
    assert "licence disagreement / Lizenzwiderspruch: README.md" in result.stdout
    assert "publiccode.yml invalid / ungültig" in result.stdout
    assert _facts(fresh_settings, "https://example.org/maengelmelder")["head_commit"] == sample.head
    again = runner.invoke(app, ["import", "repository", str(sample.path)], env=env)
    assert again.exit_code == 0 and "unchanged: maengelmelder" in again.stdout


def test_import_over_loopback_needs_the_setting(
    fresh_settings: Settings, sample: SampleRepo, git_server: GitServer, tmp_path: Path
) -> None:
    target = git_server.base / "cli-sample.git"
    if not target.exists():
        target.symlink_to(sample.path)
    url = git_server.url("cli-sample.git")
    refused = runner.invoke(app, ["import", url], env=_env(fresh_settings, tmp_path))
    assert refused.exit_code == 2
    assert "abgelehnt / refused" in refused.output and "loopback" in refused.output
    env = _env(fresh_settings, tmp_path, REGISTRY_ALLOW_PRIVATE_ADDRESSES="true")
    allowed = runner.invoke(app, ["import", url], env=env)
    assert allowed.exit_code == 0, allowed.output
    assert "created: maengelmelder" in allowed.stdout


def test_import_refuses_command_transports_and_reports_missing_repos(
    fresh_settings: Settings, tmp_path: Path
) -> None:
    env = _env(fresh_settings, tmp_path)
    ext = runner.invoke(app, ["import", f"ext::sh -c touch% {tmp_path}/pwned"], env=env)
    assert ext.exit_code == 2 and "command transports are refused" in ext.output
    assert not (tmp_path / "pwned").exists()
    missing = runner.invoke(app, ["import", str(tmp_path / "nothing")], env=env)
    assert missing.exit_code == 1
    assert "nicht lesbar / unreadable: no git repository at" in missing.output


def test_a_local_checkout_is_named_and_linked_after_its_origin_remote(
    fresh_settings: Settings, tmp_path: Path
) -> None:
    """Issue 20, class 7: imports of local checkouts were all named after their folder
    ("repo", "repo-2"); the origin remote gives the public URL and so the name."""
    env = _env(fresh_settings, tmp_path)
    made = []
    for folder, origin in (
        ("repo", "https://deploy:s3cret@gitlab.example.org/stadt/Abfall-Kalender.git"),
        ("checkout", "git@github.example.org:land/ratsinfo.git"),
    ):
        path = build_licence_repo(tmp_path / folder / "repo", {"README.md": "# Tool\n"})
        pygit2.Repository(str(path)).remotes.create("origin", origin)
        made.append(runner.invoke(app, ["import", str(path)], env=env))
    assert made[0].exit_code == 0, made[0].output
    assert "created: abfall-kalender (https://gitlab.example.org/stadt/abfall-kalender)" in (
        made[0].stdout
    )
    assert "s3cret" not in made[0].stdout
    assert made[1].exit_code == 0, made[1].output
    assert "created: ratsinfo (https://github.example.org/land/ratsinfo)" in made[1].stdout
    engine = make_engine(fresh_settings)
    with make_sessionmaker(engine)() as session:
        urls = set(session.scalars(select(Repository.url)))
    engine.dispose()
    assert urls == {"https://gitlab.example.org/stadt/abfall-kalender",
                    "https://github.example.org/land/ratsinfo"}  # fmt: skip
    named = runner.invoke(
        app, ["import", str(tmp_path / "repo" / "repo"), "--url", "https://code.example/x/y"],
        env=env,
    )  # fmt: skip
    assert "created: y (https://code.example/x/y)" in named.stdout  # --url still wins
