"""What a repository analysis found, as plain frozen data with evidence.

``RepoFacts`` is the boundary between reading a repository (``importers.git``) and
judging it (``registry.scoring``, ``derive.draft_from_facts``). It holds raw facts
only (paths, counts, dates, identifiers), never a verdict, so that the rubric can be
run again from the stored JSON without re-reading the repository. Every fact carries
the path, commit or tag that proves it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

__all__ = [
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
]

#: Bumped when a field changes meaning; stored JSON of older versions is re-analysed.
#: 3: interface findings carry their direction (``role``) and ``mention`` evidence.
FACTS_VERSION = 3


class LicenceFinding(msgspec.Struct, frozen=True):
    """One licence statement and where it was found.

    ``level`` is ``declared`` (a manifest, README or publiccode.yml says so) or
    ``detected`` (a licence text, ``LICENSES/`` file or SPDX header was found).
    ``source`` names the kind of place: licence-file, licenses-dir, spdx-header,
    reuse-toml, dep5, readme, manifest, publiccode. ``method`` tells how: text
    (similarity ``score``), expression, field, name or filename.
    """

    path: str
    source: str
    level: str
    expression: str | None
    ids: tuple[str, ...] = ()
    method: str = "text"
    score: float | None = None
    raw: str | None = None


class LicenceDisagreement(msgspec.Struct, frozen=True):
    """A statement about the project's licence that the licence texts (or, without texts,
    another statement) contradict: both sides with their paths, once per pair.

    ``expression`` is what the statement at ``path`` says (its raw words when they name
    no SPDX licence, e.g. ``UNLICENSED``); ``other_expression`` what the other side says.
    """

    path: str
    expression: str
    other_paths: tuple[str, ...]
    other_ids: tuple[str, ...]
    reason: str
    other_expression: str | None = None


class LicenceFacts(msgspec.Struct, frozen=True):
    """Every licence finding, the licence the texts establish, and the conflicts."""

    findings: tuple[LicenceFinding, ...] = ()
    detected_expression: str | None = None
    declared_expressions: tuple[str, ...] = ()
    #: The project's own declaration (publiccode.yml, a manifest, the README), best first:
    #: the licence shown when no licence text establishes one.
    declared_expression: str | None = None
    declared_path: str | None = None
    disagreements: tuple[LicenceDisagreement, ...] = ()
    spdx_header_files: int = 0
    files_scanned_for_headers: int = 0
    reuse_layout: bool = False
    corpus: str = ""


class MetadataFile(msgspec.Struct, frozen=True):
    """A community or project file: readme, contributing, security, ci, sbom, …"""

    kind: str
    path: str


class OperatingEvidence(msgspec.Struct, frozen=True):
    """Evidence that the solution can be run by others: dockerfile, compose, helm, …"""

    kind: str
    path: str
    detail: str | None = None


class InterfaceFinding(msgspec.Struct, frozen=True):
    """An interface standard recognised in the tree.

    ``how`` is document (a parsed OpenAPI/AsyncAPI/WSDL/XSD/GraphQL file), file (a
    file set such as GTFS), identifier (a namespace, URL or handler in code or
    configuration), dependency (a library in a manifest) or mention (an identifier in
    documentation, a changelog or an ``.env`` file: shown beside stronger evidence, never
    alone). ``role`` is provides or consumes (a client, a generated SDK, a consumed
    API's document). ``fragment`` marks partial documents; ``test_fixture`` files under tests.
    """

    standard: str
    path: str
    how: str
    title: str | None = None
    version: str | None = None
    spec_version: str | None = None
    operations: int | None = None
    fragment: bool = False
    test_fixture: bool = False
    detail: str | None = None
    role: str = "provides"


class Dependency(msgspec.Struct, frozen=True):
    """A dependency named in a manifest or an SBOM, with its licence where stated."""

    ecosystem: str
    name: str
    path: str
    version: str | None = None
    licence: str | None = None
    source: str = "manifest"


class ActivityWindow(msgspec.Struct, frozen=True):
    """Commits and distinct authors in the ``days`` before ``anchor`` (newest-commit or now)."""

    anchor: str
    days: int
    commits: int
    authors: int
    bus_factor: int


class Activity(msgspec.Struct, frozen=True):
    """History of the default branch; ``truncated`` when a limit or a shallow clone cut it."""

    commits: int = 0
    merges: int = 0
    authors: int = 0
    first_commit: datetime | None = None
    last_commit: datetime | None = None
    windows: tuple[ActivityWindow, ...] = ()
    #: Commits in twelve equal parts of the 365 days up to the newest commit, oldest first.
    months: tuple[int, ...] = ()
    bus_factor: int = 0
    mailmap: bool = False
    truncated: bool = False


class Release(msgspec.Struct, frozen=True):
    """A tag; ``date_source`` is tagger (annotated) or commit.

    ``version`` is set only for release tags (``registry.facts.versions``): other tags
    (dates, build numbers, placeholders, other products) keep ``None``.
    ``on_default_branch`` tells whether the tagged commit is in the default branch's history.
    """

    tag: str
    commit: str
    date: datetime
    date_source: str
    version: str | None = None
    annotated: bool = False
    signed: bool = False
    on_default_branch: bool = False


class Symlink(msgspec.Struct, frozen=True):
    """A symbolic link in the tree; ``inside`` is False when it points out of the tree."""

    path: str
    target: str
    inside: bool


class SkippedBlob(msgspec.Struct, frozen=True):
    """A file not read, and why: too-large, missing, binary or budget."""

    path: str
    reason: str
    size: int | None = None


class RepoFacts(msgspec.Struct, frozen=True):
    """Everything one analysis of one repository found."""

    source: str
    analysed_at: datetime
    default_branch: str | None = None
    head_commit: str | None = None
    head_date: datetime | None = None
    shallow: bool = False
    files_total: int = 0
    root_entries: tuple[str, ...] = ()
    licence: LicenceFacts = LicenceFacts()
    metadata_files: tuple[MetadataFile, ...] = ()
    operating: tuple[OperatingEvidence, ...] = ()
    interfaces: tuple[InterfaceFinding, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    activity: Activity = Activity()
    releases: tuple[Release, ...] = ()
    newest_release_by_date: str | None = None
    newest_release_by_version: str | None = None
    days_since_last_release: int | None = None
    #: The current release's tag (``versions.current_release``) and publiccode.yml's version.
    current_release: str | None = None
    declared_version: str | None = None
    signed_tags: int = 0
    publiccode_path: str | None = None
    publiccode_raw: bytes | None = None
    symlinks: tuple[Symlink, ...] = ()
    missing_objects: tuple[str, ...] = ()
    skipped_blobs: tuple[SkippedBlob, ...] = ()
    limits_hit: tuple[str, ...] = ()
    facts_version: int = FACTS_VERSION

    def to_json(self) -> dict[str, Any]:
        """A plain dict (str keys, JSON scalars, lists) for a JSON column: times in ISO 8601
        (RFC 3339), ``bytes`` in base64."""
        plain: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(self))
        return plain

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepoFacts:
        """The inverse of :meth:`to_json`, checked against the types (``msgspec``): unknown
        keys are ignored for forward compatibility, a wrong shape is a ``ValueError``."""
        return msgspec.convert(data, cls)
