"""Repository facts: raw findings with evidence, kept apart from any judgement.

``importers.git.analyse`` produces a ``RepoFacts``; it is stored as JSON
(``to_json``/``from_json``) so scoring can run again without re-reading repositories,
and ``draft_from_facts`` maps it to a ``SolutionDraft``. Pure: no git, no HTTP.
"""

from registry.facts.derive import draft_from_facts, name_from_source
from registry.facts.interfaces import EVIDENCE_KINDS, group_interfaces, strength
from registry.facts.interfaces import counts as counts_as_evidence
from registry.facts.model import (
    FACTS_VERSION,
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
    SkippedBlob,
    Symlink,
)
from registry.facts.versions import current_release, newer_version, parse_release_tag, same_version

__all__ = [
    "EVIDENCE_KINDS",
    "FACTS_VERSION",
    "Activity",
    "ActivityWindow",
    "Dependency",
    "InterfaceFinding",
    "LicenceDisagreement",
    "LicenceFacts",
    "LicenceFinding",
    "MetadataFile",
    "OperatingEvidence",
    "Release",
    "RepoFacts",
    "SkippedBlob",
    "Symlink",
    "counts_as_evidence",
    "current_release",
    "draft_from_facts",
    "group_interfaces",
    "name_from_source",
    "newer_version",
    "parse_release_tag",
    "same_version",
    "strength",
]
