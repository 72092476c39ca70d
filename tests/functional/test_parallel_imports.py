"""A busy embedded registry still accepts work (issue 14, "also found": 25 of 32 were 503).

The attack: 32 members' submissions at once against a real ``registry serve``, while its
own worker imports the first ones. On SQLite every write waits for the one writer lock,
and a job that held it while cloning (or an enqueue that lost the race to upgrade its
read to a write) made the submissions fail with 503. Each is queued instead: 202 and a
job, or 409 for a true duplicate, never 503.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from registry.accounts import AccountService
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.httpgit import HttpGit, serving
from tests.fixtures.server import running_server

SUBMISSIONS = 32


@pytest.fixture(scope="module")
def many_repositories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpGit]:
    """``repo-0.git`` … ``repo-31.git`` (one sample repository, copied) over smart HTTP."""
    root = tmp_path_factory.mktemp("many-git")
    build_sample_repo(root / "repo-0.git")
    for n in range(1, SUBMISSIONS):
        shutil.copytree(root / "repo-0.git", root / f"repo-{n}.git")
    with serving(root) as server:
        yield server


@pytest.fixture
def publish_token(fresh_settings: Settings) -> tuple[str, str]:
    """A migrated database with one town, its member and a publish token."""
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(Organisation(slug="stadt-a", name="Stadt A", kind="municipality"))
        session.flush()
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a",
                        password="a long enough password")  # fmt: skip
        token = accounts.issue_token("a@example.org", scope="publish").token
    return fresh_settings.database_url, token


def test_parallel_submissions_are_all_queued_none_503(
    publish_token: tuple[str, str], many_repositories: HttpGit, tmp_path: Path
) -> None:
    database_url, token = publish_token
    urls = [many_repositories.url(f"repo-{n}.git") for n in range(SUBMISSIONS)]
    urls[-1] = urls[0]  # one true duplicate: 202 or 409, depending on who is first
    env = {"REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true",
           "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    with running_server(database_url, tmp_path, **env) as base:

        def submit(url: str) -> httpx.Response:
            return httpx.post(
                f"{base}/api/v1/imports", json={"organisation": "stadt-a", "url": url},
                headers={"Authorization": f"Bearer {token}"}, timeout=120,
            )  # fmt: skip

        with ThreadPoolExecutor(SUBMISSIONS) as pool:
            responses = list(pool.map(submit, urls))
    statuses = [r.status_code for r in responses]
    assert 503 not in statuses, [r.text for r in responses if r.status_code == 503][:1]
    assert statuses[1:-1] == [202] * (SUBMISSIONS - 2), statuses
    assert sorted((statuses[0], statuses[-1])) in ([202, 202], [202, 409]), statuses
    assert all(r.json()["status"] in {"queued", "running", "done", "failed"}
               for r in responses if r.status_code == 202)  # fmt: skip
