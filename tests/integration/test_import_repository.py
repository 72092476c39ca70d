"""``import_repository`` on SQLite and PostgreSQL, from real repositories.

Repositories are built with pygit2 and served by ``git daemon`` on 127.0.0.1, or opened
from a local path as the operator's command line does.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from importers.repository import import_repository
from registry.audit import AuditEvent
from registry.catalogue import CatalogueService
from registry.catalogue.models import Repository, Solution
from registry.imports import ImportLogEntry, import_publiccode
from registry.settings import Settings
from tests.fixtures.gitrepos import ALICE, NOW, RepoBuilder, SampleRepo, build_sample_repo
from tests.fixtures.gitrepos import licence_text as spdx_text
from tests.fixtures.gitserver import GitServer, git_server
from tests.unit.publiccode._paths import CORPUS

__all__ = ["git_server"]

DECLARED_URL = "https://example.org/maengelmelder"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Loopback allowed (the test server), small blobs so the huge one is skipped."""
    return Settings(
        git_cache_dir=tmp_path / "cache", git_max_blob_bytes=100_000, allow_private_addresses=True
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    return build_sample_repo(tmp_path_factory.mktemp("repos") / "sample.git")


def _serve(server: GitServer, repo: Path, name: str) -> str:
    target = server.base / name
    if not target.exists():
        target.symlink_to(repo)
    return server.url(name)


def _solution_events(session: Session, solution_id: int) -> int:
    query = select(func.count()).where(
        AuditEvent.entity_type == "solution", AuditEvent.entity_id == solution_id
    )
    return int(session.scalar(query) or 0)


def test_import_over_a_real_transport(
    db_session: Session, git_server: GitServer, sample: SampleRepo, settings: Settings
) -> None:
    url = _serve(git_server, sample.path, "sample-int.git")
    result = import_repository(db_session, url, settings=settings, now=NOW)

    assert result.action == "created", result.error
    assert result.solution is not None and result.repository is not None
    assert result.repository.url == f"https://127.0.0.1:{git_server.port}/sample-int"
    facts = result.repository.facts
    assert facts["head_commit"] == sample.head
    assert facts["licence"]["detected_expression"] == "AGPL-3.0-or-later"
    disagreements = facts["licence"]["disagreements"]
    assert any(d["path"] == "README.md" and "LICENSE" in d["other_paths"] for d in disagreements), (
        disagreements
    )
    assert result.repository.last_commit == sample.head
    assert result.repository.import_status == "invalid"  # its publiccode.yml breaks the rules
    entry = CatalogueService(db_session).get(result.solution.slug)
    assert entry.active is False and entry.publiccode_valid is False
    assert entry.licence == "AGPL-3.0-or-later" and entry.licence_source == "declared"
    assert entry.licence_detected == "AGPL-3.0-or-later"
    assert sorted(r.url for r in entry.repositories) == sorted(
        [DECLARED_URL, result.repository.url]
    )
    detected = {i.name: i for i in entry.interfaces if i.evidence_level == "detected"}
    assert detected["openapi"].evidence == "api/v1/openapi.yaml"
    assert {o.kind for o in entry.offers} == {"self-hosting"}
    assert {r.version for r in entry.releases} >= {"1.9.5", "2.0.0"}
    run = result.run
    assert (run.kind, run.status, run.stats) == ("repository", "ok", {"created": 1})
    assert run.entries[0].repository_id == result.repository.id
    assert run.entries[0].details["licence_disagreements"] == len(disagreements)


def test_reimport_of_an_unchanged_repository_changes_no_entry(
    db_session: Session, git_server: GitServer, sample: SampleRepo, settings: Settings
) -> None:
    url = _serve(git_server, sample.path, "sample-int.git")
    first = import_repository(db_session, url, settings=settings, now=NOW)
    assert first.solution is not None
    events = _solution_events(db_session, first.solution.id)
    later = NOW + timedelta(hours=1)
    again = import_repository(db_session, url, settings=settings, now=later)
    assert again.action == "unchanged" and again.solution is first.solution
    assert _solution_events(db_session, first.solution.id) == events
    assert again.repository is not None and again.repository.facts["analysed_at"] != (
        later.isoformat()
    )  # same facts apart from the clock: the stored JSON is kept as it was


def test_import_from_a_local_path(
    db_session: Session, sample: SampleRepo, settings: Settings
) -> None:
    result = import_repository(
        db_session, str(sample.path), settings=settings, now=NOW, trusted=True
    )

    assert result.action == "created", result.error
    assert result.repository is not None and result.repository.url == DECLARED_URL
    assert result.repository.facts["source"] == str(sample.path)
    assert result.repository.facts["licence"]["disagreements"]


@pytest.mark.parametrize(
    ("source", "trusted", "reason"),
    [
        ("ext::sh -c touch% /tmp/pwned", True, "command transports are refused"),
        ("file:///etc", False, "local paths and file:// URLs are refused"),
        ("/srv/repos/app.git", False, "local paths and file:// URLs are refused"),
        ("git://127.0.0.1:9/app.git", True, "loopback"),
        ("https://10.0.0.1/app.git", True, "private"),
    ],
)
def test_refused_sources_store_nothing(
    db_session: Session, tmp_path: Path, source: str, trusted: bool, reason: str
) -> None:
    strict = Settings(git_cache_dir=tmp_path / "cache")  # no private addresses
    before = db_session.scalar(select(func.count()).select_from(Solution))
    result = import_repository(db_session, source, settings=strict, now=NOW, trusted=trusted)

    assert result.action == "refused" and result.solution is None
    assert result.error is not None and reason in result.error
    assert db_session.scalar(select(func.count()).select_from(Solution)) == before
    assert result.run.status == "failed" and result.run.error == result.error
    assert not (tmp_path / "pwned").exists()


def test_a_failure_marks_the_repository_and_keeps_its_facts(
    db_session: Session, git_server: GitServer, sample: SampleRepo, settings: Settings
) -> None:
    url = _serve(git_server, sample.path, "flaky.git")
    first = import_repository(db_session, url, settings=settings, now=NOW)
    assert first.repository is not None
    (git_server.base / "flaky.git").unlink()  # the repository disappears from the host
    failed = import_repository(db_session, url, settings=settings, now=NOW)

    assert failed.action == "failed" and failed.error is not None
    assert failed.error.startswith("nicht lesbar / unreadable: cannot clone")
    repository = db_session.scalars(
        select(Repository).where(Repository.url == first.repository.url)
    ).one()
    assert repository.import_status == "failed" and repository.import_error == failed.error
    assert repository.facts["head_commit"] == sample.head
    log = db_session.scalars(
        select(ImportLogEntry).where(ImportLogEntry.run_id == failed.run.id)
    ).all()
    assert [(e.action, e.repository_id) for e in log] == [("failed", repository.id)]


def _plain_repo(path: Path) -> Path:
    RepoBuilder(path).commit(
        {"LICENSE": spdx_text("mit"), "README.md": "# Tool\n", "Dockerfile": "FROM scratch\n"},
        author=ALICE,
        when=NOW - timedelta(days=2),
    )
    return path


def test_a_local_path_needs_a_public_url(
    db_session: Session, tmp_path: Path, settings: Settings
) -> None:
    repo = _plain_repo(tmp_path / "plain.git")
    without = import_repository(db_session, str(repo), settings=settings, now=NOW, trusted=True)
    assert without.action == "failed" and without.error is not None
    assert "no repository URL" in without.error
    with_url = import_repository(
        db_session, str(repo), settings=settings, now=NOW, trusted=True,
        url="https://git.example.org/town/plain.git",
    )  # fmt: skip
    assert with_url.action == "created", with_url.error
    assert with_url.solution is not None and with_url.solution.name == "plain"
    assert with_url.solution.licence == "MIT" and with_url.solution.licence_source == "detected"
    assert with_url.solution.active is True and with_url.solution.publiccode_valid is None


def test_publiccode_and_repository_imports_keep_each_others_facts(
    db_session: Session, tmp_path: Path, settings: Settings
) -> None:
    valid = CORPUS / "ARPA-VdA__opas.yml"
    declared = import_publiccode(db_session, valid.read_bytes(), source=str(valid))
    assert declared.solution is not None
    repo = _plain_repo(tmp_path / "opas.git")
    url = "https://github.com/ARPA-VdA/opas"
    result = import_repository(
        db_session, str(repo), settings=settings, now=NOW, trusted=True, url=url
    )
    assert result.action == "updated" and result.solution is declared.solution
    entry = CatalogueService(db_session).get(declared.solution.slug)
    assert entry.texts and entry.texts[0].long_description  # from the stored publiccode.yml
    assert entry.licence == "GPL-3.0-or-later" and entry.licence_detected == "MIT"
    assert entry.active is True
    assert {o.kind for o in entry.offers} >= {"self-hosting"}
    again = import_publiccode(db_session, valid.read_bytes(), source=str(valid))
    assert again.action == "unchanged"  # the repository's facts are composed back in
    assert CatalogueService(db_session).get(entry.slug).licence_detected == "MIT"
