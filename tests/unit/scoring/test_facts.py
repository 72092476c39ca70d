"""Building facts from a plain entry snapshot and stored repository facts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from registry.facts import (
    Activity,
    ActivityWindow,
    Dependency,
    InterfaceFinding,
    LicenceDisagreement,
    LicenceFacts,
    LicenceFinding,
    MetadataFile,
    OperatingEvidence,
    Release,
    RepoFacts,
)
from registry.scoring import build_facts
from tests.unit.scoring._helpers import NOW, healthy_entry

ANALYSED = datetime(2026, 11, 20, tzinfo=UTC)


def repo_facts(**changes: Any) -> RepoFacts:
    base: dict[str, Any] = {
        "source": "https://git.example.org/city/good", "analysed_at": ANALYSED,
        "head_commit": "a" * 40,
        "licence": LicenceFacts(
            findings=(LicenceFinding("LICENSE", "licence-file", "detected", "EUPL-1.2",
                                     ("EUPL-1.2",), "text", 0.99),),
            detected_expression="EUPL-1.2", spdx_header_files=9, files_scanned_for_headers=10,
        ),
        "metadata_files": (MetadataFile("readme", "README.md"),
                           MetadataFile("contributing", "CONTRIBUTING.md"),
                           MetadataFile("security", ".github/SECURITY.md"),
                           MetadataFile("ci", ".github/workflows/ci.yml")),
        "operating": (OperatingEvidence("install-docs", "README.md#installation"),
                      OperatingEvidence("dockerfile", "Dockerfile")),
        "interfaces": (InterfaceFinding("openapi", "api/openapi.yaml", "document"),
                       InterfaceFinding("openapi", "tests/petstore.json", "document",
                                        test_fixture=True)),
        "activity": Activity(
            commits=120, authors=3, first_commit=datetime(2023, 1, 1, tzinfo=UTC),
            last_commit=datetime(2026, 11, 1, tzinfo=UTC),
            windows=(ActivityWindow("now", 365, 42, 3, 2),), bus_factor=2,
        ),
        "releases": (Release("v1.0", "b" * 40, datetime(2026, 9, 1, tzinfo=UTC), "tagger",
                             "1.0", True, True),),
    }  # fmt: skip
    base.update(changes)
    return RepoFacts(**base)


def _entry_with(repo: RepoFacts, **overrides: Any) -> dict[str, Any]:
    row = {"url": repo.source, "facts": repo.to_json(), "host_metadata": {}}
    return healthy_entry(repositories=[row], **overrides)


def test_repository_facts_carry_path_commit_and_date() -> None:
    facts = build_facts(_entry_with(repo_facts()), now=NOW)
    assert facts.commit == "a" * 40
    readme = facts.get("docs.readme")
    assert readme.value is True
    assert (readme.evidence[0].path, readme.evidence[0].commit) == ("README.md", "a" * 40)
    assert readme.evidence[0].date == "2026-11-20" and readme.evidence[0].level == "detected"
    assert facts.value("docs.install") == "instructions"
    assert facts.value("licence.text_status") == "consistent"
    assert facts.value("licence.reuse_share") == 0.9
    assert facts.value("interfaces.described_in_repo") == 1  # the test fixture does not count
    assert facts.value("activity.commits_365d") == 42
    assert facts.value("activity.bus_factor") == 2
    assert facts.value("activity.days_since_activity") == 21
    assert facts.value("security.signed_release_share") == 1.0
    assert facts.value("governance.code_of_conduct") is False


def test_without_repository_the_repository_facts_are_unknown() -> None:
    facts = build_facts(healthy_entry(), now=NOW)
    for name in ("docs.readme", "licence.text_status", "activity.commits_365d", "security.ci",
                 "interfaces.described_in_repo", "governance.contributing"):  # fmt: skip
        assert facts.value(name) is None, name
    assert facts.commit is None
    assert facts.value("docs.install") == "instructions"  # declared self-hosting docs


def test_host_facts_are_not_applicable_unless_the_host_was_asked() -> None:
    repo = repo_facts()
    facts = build_facts(_entry_with(repo), now=NOW)
    assert not facts.get("security.branch_protection").applicable
    row = {"url": repo.source, "facts": repo.to_json(), "host_metadata": {"has_issues": True}}
    asked = build_facts(healthy_entry(repositories=[row]), now=NOW)
    assert asked.value("governance.issue_tracker") is True
    assert asked.get("governance.issue_tracker").evidence[0].level == "verified"


def test_licence_text_disagreeing_with_the_declaration_is_inconsistent() -> None:
    repo = repo_facts()
    mit = build_facts(_entry_with(repo, licence="MIT"), now=NOW)
    assert mit.value("licence.text_status") == "inconsistent"
    conflict = LicenceFacts(
        findings=repo.licence.findings, detected_expression="EUPL-1.2",
        disagreements=(LicenceDisagreement("README.md", "MIT", ("LICENSE",), ("EUPL-1.2",), "x"),),
    )  # fmt: skip
    flagged = build_facts(_entry_with(repo_facts(licence=conflict)), now=NOW)
    assert flagged.value("licence.text_status") == "inconsistent"
    missing = build_facts(_entry_with(repo_facts(licence=LicenceFacts())), now=NOW)
    assert missing.value("licence.text_status") == "missing"
    assert missing.value("licence.file_present") is False


def test_detected_licence_counts_when_nothing_is_declared() -> None:
    facts = build_facts(_entry_with(repo_facts(), licence=None), now=NOW)
    assert facts.value("licence.open") is True
    assert facts.value("licence.declared_valid") is False
    assert facts.value("licence.expression") == "EUPL-1.2"


def test_adoptions_count_other_current_organisations_only() -> None:
    adoptions = [
        {"organisation_id": 1, "role": "uses", "verified": True},  # the publisher itself
        {"organisation_id": 2, "role": "uses", "verified": True},
        {"organisation_id": 2, "role": "operates", "verified": True},  # same organisation
        {"organisation_id": 3, "role": "uses", "verified": True, "until": "2025-01-01"},
        {"organisation_id": 4, "role": "uses", "verified": True,
         "expires_at": "2026-01-01T00:00:00+00:00"},
        {"organisation_id": None, "role": "uses", "verified": False, "claim_text": "Stadt A"},
        {"organisation_id": None, "role": "uses", "verified": False, "claim_text": "Stadt B"},
        {"organisation_id": 2, "role": "uses", "verified": False},  # already verified
        {"organisation_id": 6, "role": "funds", "verified": True},
    ]  # fmt: skip
    facts = build_facts(healthy_entry(adoptions=adoptions), now=NOW)
    assert facts.value("adoption.other_orgs_verified") == 1
    assert facts.value("adoption.other_orgs_claimed") == 2


def test_interfaces_open_closed_and_conformance() -> None:
    interfaces = [
        {"name": "OParl", "standard": "oparl", "standard_open": True, "evidence_level": "declared",
         "details": {"conformance": "https://validator.example/report"}},
        {"name": "Shape", "standard": "shapefile", "standard_open": False,
         "evidence_level": "declared", "details": {}},
        {"name": "Homegrown", "standard": None, "standard_open": None,
         "evidence_level": "declared", "details": {}},
    ]  # fmt: skip
    facts = build_facts(healthy_entry(interfaces=interfaces), now=NOW)
    assert facts.value("interfaces.open_standards") == 1
    assert facts.value("interfaces.closed_standards") == 1
    assert facts.value("conformance.validated") == 0
    assert facts.value("conformance.claimed") == 1


def test_repository_standards_count_when_the_catalogue_marks_them_open() -> None:
    facts = build_facts(_entry_with(repo_facts(), interfaces=[]), now=NOW)
    assert facts.value("interfaces.open_standards") == 1
    assert facts.get("interfaces.open_standards").evidence[0].path == "api/openapi.yaml"


def test_dependency_licence_conflicts_name_the_rule() -> None:
    deps = (Dependency("pypi", "gpl-lib", "pyproject.toml", licence="GPL-3.0-only"),
            Dependency("pypi", "mit-lib", "pyproject.toml", licence="MIT"))  # fmt: skip
    entry = _entry_with(repo_facts(dependencies=deps), licence="Apache-2.0", dependencies=[])
    facts = build_facts(entry, now=NOW)
    fact = facts.get("licence.dependency_conflicts")
    assert fact.value == 1
    assert "gpl-lib" in (fact.evidence[0].path or "") and "C11" in (fact.evidence[0].path or "")
    fine = build_facts(_entry_with(repo_facts(dependencies=deps), dependencies=[]), now=NOW)
    assert fine.value("licence.dependency_conflicts") == 0  # EUPL-1.2 takes GPL-3.0 (C05)
    assert (
        build_facts(healthy_entry(dependencies=[]), now=NOW).value("licence.dependency_conflicts")
        is None
    )


def test_archived_or_gone_repositories_are_archived() -> None:
    gone = healthy_entry(repositories=[{"url": "https://x.example/r", "gone": True}])
    assert build_facts(gone, now=NOW).value("activity.archived") is True
    assert build_facts(healthy_entry(), now=NOW).value("activity.archived") is False


def test_unreadable_repository_facts_count_as_unknown() -> None:
    broken = healthy_entry(repositories=[{"url": "https://x.example/r", "facts": {"nonsense": 1}}])
    facts = build_facts(broken, now=NOW)
    assert facts.value("docs.readme") is None and facts.commit is None


def test_expired_contacts_do_not_count() -> None:
    contacts = [{"role": "contractor", "email": "a@example.org", "until": "2025-12-31"}]
    facts = build_facts(healthy_entry(contacts=contacts, maintenance_type="contract"), now=NOW)
    assert facts.value("operating.reachable_contacts") == 0
