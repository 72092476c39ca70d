"""The records the pages render: plain frozen data, complete when returned."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from registry.catalogue import models as m
from registry.imports import ImportLogEntry
from registry.organisations import Organisation

#: A text in several languages (``{"de": …, "en": …}``).
Text = dict[str, str]


@dataclass(frozen=True, slots=True)
class SolutionCard:
    """A solution in a list: enough to recognise it and decide whether to open it."""

    slug: str
    name: str
    short: Text
    licence: str | None
    publisher: str | None
    publisher_slug: str | None
    active: bool
    verified_adopters: int
    score: float | None = None
    silo: str | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One rubric check as shown on the page."""

    id: str
    status: str
    points: float | None
    maximum: float | None
    rule: Text
    observed: str | None
    evidence: tuple[str, ...]
    fix: Text


@dataclass(frozen=True, slots=True)
class SiloReason:
    """One silo indicator that fired, with its evidence and what would clear it."""

    id: str
    text: Text
    evidence: tuple[str, ...]
    fix: Text


@dataclass(frozen=True, slots=True)
class ScoreView:
    """The current score of an entry with its full breakdown."""

    total: float
    maximum: float
    percent: int
    coverage: float
    level: str | None
    silo: str
    silo_reasons: tuple[SiloReason, ...]
    checks: tuple[Check, ...]
    rubric_version: str
    computed_at: datetime
    commit: str | None


@dataclass(frozen=True, slots=True)
class LicenceConflict:
    """A statement about the project's licence and what contradicts it, both with paths."""

    path: str
    says: str
    other_paths: tuple[str, ...]
    other_says: str
    reason: str


@dataclass(frozen=True, slots=True)
class LicenceView:
    """The licence shown, where it is stated, what the texts say, and every conflict.

    ``stated_in`` names the file the shown licence comes from (publiccode.yml, a
    manifest, the licence files); ``differs`` is True when the shown and the detected
    licence name different licences (``GPL-3.0-only`` against ``-or-later`` does not).
    """

    declared: str | None
    source: str | None
    detected: str | None
    conflicts: tuple[LicenceConflict, ...] = ()
    stated_in: tuple[str, ...] = ()
    differs: bool = False

    @property
    def disagreements(self) -> tuple[str, ...]:
        """Each conflict as one line: ``path: says ≠ other path: other says``."""
        return tuple(
            f"{c.path}: {c.says} ≠ {', '.join(c.other_paths) or '?'}: {c.other_says}"
            for c in self.conflicts
        )

    @property
    def disagree(self) -> bool:
        """True when the shown and detected licences differ, or statements conflict."""
        return self.differs or bool(self.conflicts)


@dataclass(frozen=True, slots=True)
class CommitActivity:
    """One figure: commits and authors in the 365 days up to the last commit.

    Anchored at the last commit only (never added to a window ending today), with the
    date of that commit; ``quiet`` when it lies more than 365 days before now.
    """

    last_commit: datetime
    commits: int
    authors: int
    total_commits: int
    quiet: bool
    days: int = 365


@dataclass(frozen=True, slots=True)
class Activity:
    """Monthly values for the sparkline (oldest first) and the figures they come from."""

    kind: str  # commits | releases
    values: tuple[float, ...]
    figures: tuple[tuple[int, int], ...]  # (days, count), e.g. releases in the last 1095 days
    commits: CommitActivity | None = None


@dataclass(frozen=True, slots=True)
class VersionView:
    """The current version, the release tag and the declared version behind it, other tags.

    ``current`` is the entry's version; ``tag`` the newest release tag on the default
    branch; ``declared`` publiccode.yml's ``softwareVersion``. Tags that are not releases
    (dates, build numbers, placeholders, other products) are listed, never the version.
    """

    current: str | None
    tag: str | None = None
    tag_version: str | None = None
    tag_date: date | None = None
    declared: str | None = None
    disagree: bool = False
    other_tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Related:
    """A fork or variant relation between two entries."""

    slug: str
    name: str
    kind: str | None
    url: str


@dataclass(frozen=True, slots=True)
class SolutionPage:
    """Everything the solution page shows."""

    solution: m.Solution
    licence: LicenceView
    score: ScoreView | None
    activity: Activity | None
    version: VersionView
    based_on: tuple[Related, ...]
    variants: tuple[Related, ...]
    import_log: tuple[ImportLogEntry, ...]
    verified: tuple[m.Adoption, ...]
    claimed: tuple[m.Adoption, ...]
    logo: MediaView | None = None
    screenshots: tuple[MediaView, ...] = ()


@dataclass(frozen=True, slots=True)
class MediaView:
    """A stored picture of the entry as the page links it (``/media/{slug}/{name}``)."""

    name: str
    kind: str
    width: int
    height: int
    alt: Text


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """An organisation in the list, with how much it publishes and uses."""

    organisation: Organisation
    published: int
    adopted: int


@dataclass(frozen=True, slots=True)
class OrganisationPage:
    """What an organisation publishes, uses, operates and funds, and where its code lives."""

    organisation: Organisation
    published: tuple[SolutionCard, ...]
    adoptions: tuple[tuple[str, bool, SolutionCard], ...]  # role, verified, solution
    operates: tuple[tuple[str, SolutionCard], ...]  # offer kind, solution
    funds: tuple[tuple[str | None, SolutionCard], ...]  # programme, solution
    #: Funder requirement profiles (name, title) to report on the funded solutions.
    profiles: tuple[tuple[str, Text], ...] = ()


@dataclass(frozen=True, slots=True)
class StandardRow:
    """A standard in the list with how many entries provide and consume it."""

    standard: m.Standard
    provides: int
    consumes: int


@dataclass(frozen=True, slots=True)
class StandardPage:
    """A standard and the entries that implement it, with the evidence."""

    standard: m.Standard
    implementations: tuple[tuple[m.SolutionInterface, SolutionCard], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class DomainCount:
    """A field of municipal action and how many entries serve it."""

    key: str
    label: tuple[str, str]
    count: int


@dataclass(frozen=True, slots=True)
class AlternativeGroup:
    """A named (usually proprietary) product and the entries that declare to replace it."""

    product: str
    solutions: tuple[SolutionCard, ...]


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """What the search form offers beside the facets: standard names, towns to compare with."""

    standards: dict[str, str]  # slug -> name
    towns: tuple[tuple[str, str], ...]  # (slug, name) of municipalities and counties
