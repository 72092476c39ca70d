"""Fixtures for the git importer tests: built repositories and a loopback git server."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.settings import Settings
from tests.fixtures.gitrepos import SampleRepo, build_sample_repo
from tests.fixtures.gitserver import GitServer, git_server

__all__ = ["git_server"]


@pytest.fixture
def git_settings(tmp_path: Path) -> Settings:
    """Small limits so the huge blob is skipped; loopback allowed for the test server."""
    return Settings(
        git_cache_dir=tmp_path / "cache", git_max_blob_bytes=100_000, allow_private_addresses=True
    )


@pytest.fixture(scope="session")
def sample_repo(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    """The kitchen-sink repository, complete (it can be served)."""
    return build_sample_repo(tmp_path_factory.mktemp("repos") / "sample.git")


@pytest.fixture(scope="session")
def served_sample(git_server: GitServer, sample_repo: SampleRepo) -> str:
    """The sample repository's URL on the loopback git daemon."""
    target = git_server.base / "sample.git"
    if not target.exists():
        target.symlink_to(sample_repo.path)
    return git_server.url("sample.git")
