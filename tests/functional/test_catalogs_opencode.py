"""OpenCoDE as a harvested catalogue: a GitLab instance whose groups are walked.

The GitLab API answers on loopback with GitLab's own example bodies
(``tests.fixtures.hostserver``); each project's publiccode.yml is read through the GitLab
driver of ``importers.hosts``, only when the listing shows the project changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from registry.catalogue import CatalogueService
from registry.cli import app
from registry.settings import Settings
from tests.fixtures.catalogserver import publiccode
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.hostserver import HostServer, host_server
from tests.functional.test_catalogs_harvest import _counts

__all__ = ["host_server"]

runner = CliRunner()
GROUP = "stadt-musterhausen"
NAMES = ("maengelmelder", "ratsinfo", "karten")


@pytest.fixture
def env(fresh_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    migrate_to_head(fresh_settings)
    values = {
        "REGISTRY_DATABASE_URL": fresh_settings.database_url,
        "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "git"),
        "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true",  # the GitLab runs on loopback
        "REGISTRY_HOST_MAX_RETRIES": "1",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return Settings.from_env(values)


@pytest.fixture
def opencode(host_server: HostServer) -> HostServer:
    """A group with a subgroup: two projects with a publiccode.yml, one without."""
    world = host_server.world
    world.owners[GROUP] = "group"
    for name in NAMES[:2]:
        url = host_server.url(f"{GROUP}/{name}")
        world.add(GROUP, name, publiccode=publiccode(name.title(), url, summary="Kommunal"))
    world.add(f"{GROUP}/intern", NAMES[2])  # no publiccode.yml: not a catalogue entry
    return host_server


def _harvest() -> tuple[int, str]:
    result = runner.invoke(app, ["catalogs", "harvest", "--interval", "0"])
    return result.exit_code, result.output


def _sources(env: Settings, url: str) -> list[Any]:
    from registry.federation.sources import entry_sources

    with committed(env) as session:
        found = CatalogueService(session).find_by_repository(url)
        assert found is not None, url
        return [(s.kind, s.catalogue) for s in entry_sources(session, found)]


def test_opencode_groups_are_walked_and_only_changed_projects_read_again(
    env: Settings, opencode: HostServer
) -> None:
    added = runner.invoke(app, ["catalogs", "add", "opencode", opencode.base,
                                "--kind", "gitlab", "--group", GROUP])  # fmt: skip
    assert added.exit_code == 0 and "[gitlab] (stadt-musterhausen)" in added.output, added.output
    code, first = _harvest()
    assert code == 0, first
    counts = _counts(first)
    assert counts["new"] == 2 and counts["failed"] == 0, first
    url = opencode.url(f"{GROUP}/maengelmelder")
    assert _sources(env, url) == [("catalogue", "opencode")]
    files = [p for p, _ in opencode.world.log if "/repository/files/" in p]
    assert len(files) == 3  # every project asked once, the one without a file too

    opencode.world.log.clear()
    code, again = _harvest()
    counts = _counts(again)
    assert code == 0 and counts["unchanged"] == 2 and counts["new"] == counts["changed"] == 0
    assert not [p for p, _ in opencode.world.log if "/repository/files/" in p]
    assert all(status == 304 for _, status in opencode.world.log), opencode.world.log

    project = opencode.world.find(f"{GROUP}/ratsinfo")
    assert project is not None
    project.publiccode = publiccode("Ratsinfo neu", opencode.url(f"{GROUP}/ratsinfo"))
    project.pushed_at = "2026-11-20T08:00:00Z"
    gone = opencode.world.find(f"{GROUP}/maengelmelder")
    assert gone is not None
    gone.deleted = True
    code, third = _harvest()
    counts = _counts(third)
    assert code == 0 and counts["changed"] == 1 and counts["removed"] == 1, third
    with committed(env) as session:
        service = CatalogueService(session)
        changed = service.find_by_repository(opencode.url(f"{GROUP}/ratsinfo"))
        removed = service.find_by_repository(url)
        assert changed is not None and changed.name == "Ratsinfo neu"
        assert removed is not None and removed.active is False
        assert "removed from catalogue opencode" in (removed.inactive_reason or "")


def test_a_gitlab_catalogue_needs_its_groups(env: Settings) -> None:
    bad = runner.invoke(app, ["catalogs", "add", "opencode", "https://gitlab.opencode.de",
                              "--kind", "gitlab"])  # fmt: skip
    assert bad.exit_code == 2 and "group" in bad.output
    bad = runner.invoke(app, ["catalogs", "add", "x", "https://example.org", "--kind", "ftp"])
    assert bad.exit_code == 2 and "kind" in bad.output
    bad = runner.invoke(app, ["catalogs", "add", "y", "https://example.org/v1", "--group", "a"])
    assert bad.exit_code == 2 and "group" in bad.output
