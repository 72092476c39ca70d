"""The analyser on real repositories: opened locally and cloned over git://127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.git import UnsafeURLError, analyse
from registry.facts import RepoFacts, draft_from_facts
from registry.settings import Settings
from tests.fixtures.gitrepos import NOW, SampleRepo, build_sample_repo


@pytest.fixture(scope="module")
def local_facts(tmp_path_factory: pytest.TempPathFactory) -> RepoFacts:
    repo = build_sample_repo(tmp_path_factory.mktemp("local") / "s.git", with_missing_object=True)
    settings = Settings(git_max_blob_bytes=100_000)
    return analyse(str(repo.path), settings=settings, now=NOW, trusted=True)


def test_licence_texts_beat_readme_and_disagreement_names_both_paths(
    local_facts: RepoFacts,
) -> None:
    licence = local_facts.licence
    # the text cannot say "or later"; publiccode.yml, pyproject.toml and the header do
    assert licence.detected_expression == "AGPL-3.0-or-later"
    readme = [d for d in licence.disagreements if d.path == "README.md"]
    assert any("LICENSE" in d.other_paths and d.expression == "MIT" for d in readme)
    # pyproject and publiccode agree with the LICENSE family: no disagreement for them
    assert not [
        d
        for d in licence.disagreements
        if d.path in {"pyproject.toml", "publiccode.yml"} and "LICENSE" in d.other_paths
    ]
    assert {f.source for f in licence.findings} >= {
        "licence-file",
        "readme",
        "manifest",
        "publiccode",
        "spdx-header",
    }


def test_metadata_operating_and_interfaces(local_facts: RepoFacts) -> None:
    kinds = {m.kind for m in local_facts.metadata_files}
    assert {
        "readme",
        "contributing",
        "security",
        "ci",
        "dependency-updates",
        "changelog",
        "publiccode",
    } <= kinds
    assert {o.kind for o in local_facts.operating} >= {
        "dockerfile",
        "compose",
        "helm",
        "install-docs",
    }
    docs = {(i.standard, i.path): i for i in local_facts.interfaces}
    full = docs[("openapi", "api/v1/openapi.yaml")]
    assert (full.title, full.version, full.operations, full.fragment) == (
        "Mängelmelder API",
        "2.1.0",
        2,
        False,
    )
    assert docs[("openapi", "api/parts/version.yaml")].fragment
    assert docs[("openapi", "tests/fixtures/petstore.json")].test_fixture
    assert docs[("asyncapi", "api/events/asyncapi.yaml")].operations == 1
    assert {"xoev", "oparl", "mqtt"} <= {i.standard for i in local_facts.interfaces}


def test_bounds_symlinks_and_missing_objects(local_facts: RepoFacts) -> None:
    assert local_facts.missing_objects == ("data/missing.txt",)
    assert [s.path for s in local_facts.skipped_blobs] == ["data/huge.bin"]
    assert "blob-size" in local_facts.limits_hit
    links = {s.path: s for s in local_facts.symlinks}
    assert not links["passwd"].inside
    assert links["docs/LICENSE.md"].inside
    assert local_facts.publiccode_raw is not None and b"AGPL" in local_facts.publiccode_raw


def test_activity_windows_mailmap_and_releases(local_facts: RepoFacts) -> None:
    activity = local_facts.activity
    assert activity.mailmap and activity.merges == 1
    assert activity.authors == 3  # alice's two addresses merged by .mailmap
    windows = {(w.anchor, w.days): w for w in activity.windows}
    assert windows[("now", 30)].commits == 5  # days 20, 10, 5, the feature (4) and the merge (3)
    assert windows[("newest-commit", 365)].commits == 11
    assert activity.bus_factor >= 1
    releases = {r.tag: r for r in local_facts.releases}
    assert releases["v1.0.0"].date_source == "commit" and not releases["v1.0.0"].annotated
    assert releases["v2.0.0"].date_source == "tagger"
    assert releases["v1.9.5"].signed and local_facts.signed_tags == 1
    assert local_facts.newest_release_by_date == "v1.9.5"
    assert local_facts.newest_release_by_version == "v2.0.0"
    assert local_facts.days_since_last_release == 2


def test_facts_round_trip_through_json(local_facts: RepoFacts) -> None:
    import json

    plain = json.loads(json.dumps(local_facts.to_json()))
    assert RepoFacts.from_json(plain) == local_facts


def test_draft_from_facts(local_facts: RepoFacts) -> None:
    draft = draft_from_facts(local_facts)
    assert draft.licence == "AGPL-3.0-or-later" and draft.licence_source == "detected"
    standards = {i.standard: i for i in draft.interfaces}
    assert standards["openapi"].evidence == "api/v1/openapi.yaml"
    assert standards["openapi"].evidence_level == "detected"
    assert draft.offers[0].kind == "self-hosting"
    # The newest release tag on the default branch by tag date, not the highest number.
    assert draft.software_version == "1.9.5"
    assert len(draft.releases) == 3


def test_clone_over_loopback_matches_local(
    served_sample: str, sample_repo: SampleRepo, git_settings: Settings
) -> None:
    facts = analyse(served_sample, settings=git_settings, now=NOW)
    assert facts.head_commit == sample_repo.head
    assert facts.default_branch == "main"
    assert facts.licence.detected_expression == "AGPL-3.0-or-later"
    assert facts.activity.commits == 13
    assert {r.tag for r in facts.releases} >= {"v1.9.5", "v2.0.0"}
    assert not list((git_settings.git_cache_dir).iterdir())  # the clone was discarded


def test_shallow_clone_is_marked_truncated(served_sample: str, tmp_path: Path) -> None:
    settings = Settings(git_cache_dir=tmp_path, git_depth=1, allow_private_addresses=True)
    facts = analyse(served_sample, settings=settings, now=NOW)
    assert facts.shallow and facts.activity.truncated and "shallow" in facts.limits_hit
    assert facts.activity.commits < 13


def test_loopback_refused_without_allow_private(served_sample: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafeURLError, match="loopback"):
        analyse(served_sample, settings=Settings(git_cache_dir=tmp_path), now=NOW)


def test_local_path_needs_trust(sample_repo: SampleRepo) -> None:
    with pytest.raises(UnsafeURLError, match="local"):
        analyse(str(sample_repo.path), settings=Settings(), now=NOW)


def test_limits_cut_files_and_commits(sample_repo: SampleRepo) -> None:
    settings = Settings(git_max_files=3, git_max_commits=5, allow_local_repositories=True)
    facts = analyse(str(sample_repo.path), settings=settings, now=NOW)
    assert {"max-files", "max-commits"} <= set(facts.limits_hit)
    assert facts.activity.commits == 5 and facts.activity.truncated
