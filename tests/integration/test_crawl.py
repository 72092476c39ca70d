"""Crawling an organisation on both databases: new, unchanged, renamed, archived, deleted.

The host is the replay server on loopback; the clone URLs it returns point at the
loopback git daemon, so the changed repositories go through part 1's real analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.crawl import crawl_source, git_analyser, host_only_analyser
from registry.catalogue import CatalogueService
from registry.catalogue.models import Repository
from registry.entries import normalise_repository_url
from registry.imports import ImportLogEntry
from registry.organisations import CodeSource, Organisation
from registry.settings import Settings
from tests.fixtures.gitrepos import RepoBuilder, licence_text
from tests.fixtures.gitserver import GitServer, git_server
from tests.fixtures.hostserver import HostServer, host_server

__all__ = ["git_server", "host_server"]

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NAMES = ("portal", "ratsinfo", "karten")


@dataclass
class Scene:
    """A fake GitHub organisation whose repositories are served by the git daemon."""

    host: HostServer
    source: CodeSource
    settings: Settings

    def url(self, name: str) -> str:
        return normalise_repository_url(self.host.url(f"acme/{name}"))


def _serve(git_server: GitServer, name: str) -> str:
    target = git_server.base / f"{name}.git"
    if not target.exists():
        builder = RepoBuilder(target)
        builder.commit(
            {"README.md": f"# {name}\n\nEin Fachverfahren.\n", "LICENSE": licence_text("mit")},
            author=("Ada", "ada@example.org"), when=datetime(2026, 9, 1, tzinfo=UTC),
        )  # fmt: skip
    return git_server.url(f"{name}.git")


@pytest.fixture
def scene(
    db_session: Session, host_server: HostServer, git_server: GitServer, tmp_path: Path
) -> Scene:
    host_server.world.owners["acme"] = "org"
    for name in NAMES:
        host_server.world.add("acme", name, clone_url=_serve(git_server, name))
    org = Organisation(slug="acme", name="Stadt Acme")
    source = CodeSource(organisation=org, url=host_server.url("acme"), driver="github")
    db_session.add_all([org, source])
    db_session.flush()
    settings = Settings(
        allow_private_addresses=True, git_cache_dir=tmp_path / "cache", host_page_size=2
    )
    return Scene(host_server, source, settings)


def _crawl(db_session: Session, scene: Scene, now: datetime = NOW):
    return crawl_source(
        db_session, scene.source, settings=scene.settings, now=now,
        analyser=git_analyser(scene.settings, now),
    )  # fmt: skip


def _actions(db_session: Session, run_id: int) -> list[str]:
    query = select(ImportLogEntry.action).where(ImportLogEntry.run_id == run_id)
    return sorted(db_session.scalars(query))


def _last_run_id(db_session: Session) -> int:
    return max(db_session.scalars(select(ImportLogEntry.run_id)))


def test_first_crawl_imports_every_repository(db_session: Session, scene: Scene):
    summary = _crawl(db_session, scene)
    assert (summary.seen, summary.new, summary.failed, summary.error) == (3, 3, 0, None)
    assert _actions(db_session, _last_run_id(db_session)) == ["created"] * 3
    repo = db_session.scalar(select(Repository).where(Repository.url == scene.url("portal")))
    assert repo is not None and repo.forge == "github" and repo.import_status == "ok"
    assert repo.host_metadata["licence"] == "EUPL-1.2" and repo.facts  # host + git facts
    assert scene.source.last_status == "ok" and scene.source.last_crawled_at == NOW


def test_unchanged_recrawl_costs_only_304_listing_pages(db_session: Session, scene: Scene):
    first = _crawl(db_session, scene)
    second = _crawl(db_session, scene, LATER)
    assert (second.seen, second.unchanged, second.new, second.updated) == (3, 3, 0, 0)
    assert second.requests == 2 and second.not_modified == 2  # two listing pages, both 304
    assert first.requests == 2 + 3 * 4
    assert _actions(db_session, _last_run_id(db_session)) == ["unchanged"] * 3


def test_rename_archive_and_delete_are_recorded(db_session: Session, scene: Scene):
    _crawl(db_session, scene)
    world = scene.host.world
    portal, ratsinfo, karten = world.repos
    world.rename(portal, "portal-neu")
    ratsinfo.deleted = True
    karten.archived = True
    summary = _crawl(db_session, scene, LATER)
    assert (summary.renamed, summary.archived, summary.gone, summary.updated) == (1, 1, 1, 2)
    assert summary.failed == 0
    found = CatalogueService(db_session).find_by_repository(scene.url("portal"))
    assert found is not None
    assert scene.url("portal-neu") in [r.url for r in found.repositories]
    by_url = {r.url: r for r in db_session.scalars(select(Repository))}
    assert by_url[scene.url("karten")].archived is True
    assert by_url[scene.url("ratsinfo")].gone_at == LATER
    actions = _actions(db_session, _last_run_id(db_session))
    assert {"renamed", "archived", "gone"} <= set(actions)


def test_a_failing_repository_is_reported_and_the_crawl_goes_on(
    db_session: Session, scene: Scene, git_server: GitServer
):
    scene.host.world.add("acme", "kaputt", clone_url=git_server.url("missing.git"))
    summary = _crawl(db_session, scene)
    assert (summary.new, summary.failed) == (3, 1)
    (url, reason) = summary.failures[0]
    assert url.endswith("/acme/kaputt") and reason
    assert scene.source.last_status == "partial" and "kaputt" in (scene.source.last_error or "")
    again = _crawl(db_session, scene, LATER)  # a failed repository is tried again
    assert again.failed == 1 and again.unchanged == 3


def test_a_failing_listing_marks_the_source(db_session: Session, scene: Scene):
    scene.source.url = scene.host.url("nobody")
    summary = _crawl(db_session, scene)
    assert summary.error and "404" in summary.error and summary.seen == 0
    assert scene.source.last_status == "failed" and scene.source.last_error == summary.error


def test_metadata_only_crawl_and_fork_classification(db_session: Session, scene: Scene):
    world = scene.host.world
    world.repos[0].fork_of = "https://github.com/upstream/portal"
    world.repos[1].publiccode = "publiccodeYmlVersion: '0.4'\nurl: https://github.com/up/rat\n"
    world.repos[2].publiccode = "isBasedOn: https://github.com/up/karten\n"
    summary = crawl_source(
        db_session, scene.source, settings=scene.settings, now=NOW,
        analyser=host_only_analyser(),
    )  # fmt: skip
    assert summary.new == 3
    kinds = {r.url.rsplit("/", 1)[1]: (r.fork_kind, r.upstream_url)
             for r in db_session.scalars(select(Repository))}  # fmt: skip
    assert kinds["portal"] == ("git-fork", "https://github.com/upstream/portal")
    assert kinds["ratsinfo"] == ("technical", "https://github.com/up/rat")
    assert kinds["karten"] == ("variant", None)


@pytest.mark.parametrize("driver", ["gitlab", "gitea"])
def test_unchanged_recrawl_on_gitlab_and_forgejo(db_session: Session, scene: Scene, driver: str):
    scene.host.world.owners["acme"] = "group" if driver == "gitlab" else "org"
    scene.source.driver = driver
    first = crawl_source(db_session, scene.source, settings=scene.settings, now=NOW,
                         analyser=host_only_analyser())  # fmt: skip
    second = crawl_source(db_session, scene.source, settings=scene.settings, now=LATER,
                          analyser=host_only_analyser())  # fmt: skip
    assert first.new == 3 and (second.unchanged, second.updated) == (3, 0)
    assert second.requests == 2  # the listing pages only
    assert second.not_modified == (2 if driver == "gitlab" else 0)  # Forgejo sends no ETag


def _serve_deep(git_server: GitServer) -> str:
    """A repository whose structured files nest far deeper than any real one (attack)."""
    target = git_server.base / "tief.git"
    if not target.exists():
        deep_yaml = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 1_200))
        deep_flow = "[" * 100_000 + "]" * 100_000
        RepoBuilder(target).commit(
            {
                "README.md": "# tief\n",
                "LICENSE": licence_text("mit"),
                "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Tief\nlegal:\n"
                + "  x:\n" + "".join("  " * (i + 2) + "- \n" for i in range(1_200)),
                "openapi.yaml": "openapi: 3.0.0\npaths:\n" + deep_yaml,
                "api/openapi.json": '{"openapi": "3.0.0", "paths": ' + deep_flow + "}",
                "package.json": '{"license": "MIT", "x": ' + deep_flow + "}",
                "pyproject.toml": "[project]\nx = " + deep_flow + "\n",
            },
            author=("Ada", "ada@example.org"), when=datetime(2026, 9, 1, tzinfo=UTC),
        )  # fmt: skip
    return git_server.url("tief.git")


def test_files_nested_thousands_deep_do_not_end_the_crawl(
    db_session: Session, scene: Scene, git_server: GitServer
):
    scene.host.world.add("acme", "tief", clone_url=_serve_deep(git_server))
    summary = _crawl(db_session, scene)
    assert summary.error is None and summary.seen == 4
    assert summary.new + summary.failed == 4 and summary.new >= 3
    deep = db_session.scalar(select(Repository).where(Repository.url == scene.url("tief")))
    assert deep is not None and deep.import_status in {"ok", "invalid", "failed"}


def test_an_unexpected_failure_is_recorded_on_its_repository_and_the_crawl_goes_on(
    db_session: Session, scene: Scene
):
    """Whatever one repository's analysis raises, the others are still imported."""
    real = git_analyser(scene.settings, NOW)

    def analyser(session: Session, repo, recorder):  # type: ignore[no-untyped-def]
        if repo.web_url.endswith("/ratsinfo"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(session, repo, recorder)

    summary = crawl_source(db_session, scene.source, settings=scene.settings, now=NOW,
                           analyser=analyser)  # fmt: skip
    assert summary.error is None and (summary.new, summary.failed) == (2, 1)
    (url, reason) = summary.failures[0]
    assert url.endswith("/acme/ratsinfo") and "RecursionError" in reason
    assert "failed" in _actions(db_session, _last_run_id(db_session))
