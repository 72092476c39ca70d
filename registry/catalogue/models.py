"""Solutions and everything a municipality needs to judge whether it can take one over."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.db import Base, TimestampMixin
from registry.organisations import Organisation


class Solution(TimestampMixin, Base):
    """A reusable piece of software, possibly spread over several repositories."""

    __tablename__ = "solution"
    #: Audited as a whole entry by CatalogueService (see registry.audit.listener).
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    publisher_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(500))  # main repository URL as declared
    landing_url: Mapped[str | None] = mapped_column(String(500))
    logo: Mapped[str | None] = mapped_column(String(500))
    software_type: Mapped[str | None] = mapped_column(String(40))
    development_status: Mapped[str | None] = mapped_column(String(20))
    software_version: Mapped[str | None] = mapped_column(String(100))
    release_date: Mapped[date | None]
    platforms: Mapped[list[str]] = mapped_column(default=list)
    languages: Mapped[list[str]] = mapped_column(default=list)
    countries: Mapped[list[str]] = mapped_column(default=list)
    keywords: Mapped[list[str]] = mapped_column(default=list)
    alternative_to: Mapped[list[str]] = mapped_column(default=list)
    #: SPDX expression and where it came from (vocab.LICENCE_SOURCES).
    licence: Mapped[str | None] = mapped_column(String(300))
    licence_source: Mapped[str | None] = mapped_column(String(20))
    licence_detected: Mapped[str | None] = mapped_column(String(300))
    main_copyright_owner: Mapped[str | None] = mapped_column(String(300))
    #: Organisation model: vocab.MAINTENANCE_TYPES and vocab.GOVERNANCE.
    maintenance_type: Mapped[str | None] = mapped_column(String(20))
    governance: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    inactive_reason: Mapped[str | None] = mapped_column(Text)
    #: The publiccode.yml as received and the validator's verdict on it.
    publiccode_raw: Mapped[str | None] = mapped_column(Text)
    publiccode_valid: Mapped[bool | None]
    publiccode_issues: Mapped[list[Any]] = mapped_column(default=list)
    #: Where each fact came from when it was written by the publisher (kept apart from imports).
    publisher_overrides: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted_at: Mapped[datetime | None]
    #: Optimistic locking: a stale edit raises instead of silently overwriting.
    version_id: Mapped[int] = mapped_column(default=1)

    publisher: Mapped[Organisation | None] = relationship()
    texts: Mapped[list[SolutionText]] = relationship(
        back_populates="solution", cascade="all, delete-orphan", order_by="SolutionText.lang"
    )
    tags: Mapped[list[SolutionTag]] = relationship(
        back_populates="solution", cascade="all, delete-orphan"
    )
    repositories: Mapped[list[Repository]] = relationship(
        back_populates="solution",
        cascade="all, delete-orphan",
        foreign_keys="Repository.solution_id",
        order_by="Repository.id",
    )
    offers: Mapped[list[OperatingOffer]] = relationship(cascade="all, delete-orphan")
    contacts: Mapped[list[Contact]] = relationship(cascade="all, delete-orphan")
    interfaces: Mapped[list[SolutionInterface]] = relationship(cascade="all, delete-orphan")
    dependencies: Mapped[list[Dependency]] = relationship(cascade="all, delete-orphan")
    adoptions: Mapped[list[Adoption]] = relationship(
        back_populates="solution", cascade="all, delete-orphan"
    )
    funding: Mapped[list[Funding]] = relationship(cascade="all, delete-orphan")
    releases: Mapped[list[Release]] = relationship(
        cascade="all, delete-orphan", order_by="Release.released_on.desc()"
    )

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012 - SQLAlchemy mapper config

    @classmethod
    def live(cls) -> ColumnElement[bool]:
        """Not soft-deleted: the one spelling of the filter every query of live rows uses."""
        return cls.deleted_at.is_(None)


class SolutionText(Base):
    """Name and descriptions in one language (BCP 47 key); searched full-text."""

    __tablename__ = "solution_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(35))
    localised_name: Mapped[str | None] = mapped_column(String(300))
    generic_name: Mapped[str | None] = mapped_column(String(100))
    short_description: Mapped[str | None] = mapped_column(String(500))
    long_description: Mapped[str | None] = mapped_column(Text)
    features: Mapped[list[str]] = mapped_column(default=list)
    documentation: Mapped[str | None] = mapped_column(String(500))
    api_documentation: Mapped[str | None] = mapped_column(String(500))

    solution: Mapped[Solution] = relationship(back_populates="texts")

    __table_args__ = (UniqueConstraint("solution_id", "lang"),)


class SolutionTag(Base):
    """A faceted value: domain, publiccode category or scope. A table because facets query it."""

    __tablename__ = "solution_tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # domain | category | scope
    value: Mapped[str] = mapped_column(String(100))

    solution: Mapped[Solution] = relationship(back_populates="tags")

    __table_args__ = (
        UniqueConstraint("solution_id", "kind", "value"),
        Index("ix_solution_tag_kind_value", "kind", "value"),
    )


class Repository(TimestampMixin, Base):
    """A git repository of a solution, with its analysed facts kept apart from judgement."""

    __tablename__ = "repository"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    #: The canonical URL, normalised (one per repository: unique).
    url: Mapped[str] = mapped_column(String(500), unique=True)
    forge: Mapped[str] = mapped_column(String(20), default="git")  # vocab.FORGES
    default_branch: Mapped[str | None] = mapped_column(String(200))
    #: vocab.FORK_KINDS, with the upstream it forks and the solution it is based on.
    fork_kind: Mapped[str | None] = mapped_column(String(20))
    upstream_url: Mapped[str | None] = mapped_column(String(500))
    based_on_solution_id: Mapped[int | None] = mapped_column(
        ForeignKey("solution.id", ondelete="SET NULL"), index=True
    )
    archived: Mapped[bool] = mapped_column(default=False)
    gone_at: Mapped[datetime | None]  # deleted on the host: marked, never dropped
    last_commit_at: Mapped[datetime | None]
    last_commit: Mapped[str | None] = mapped_column(String(64))
    import_status: Mapped[str] = mapped_column(String(20), default="pending")
    import_error: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime | None]
    #: Raw facts from the git analysis (RepoFacts.to_json()) and from the host API.
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    host_metadata: Mapped[dict[str, Any]] = mapped_column(default=dict)

    solution: Mapped[Solution] = relationship(
        back_populates="repositories", foreign_keys=[solution_id]
    )
    aliases: Mapped[list[RepositoryAlias]] = relationship(cascade="all, delete-orphan")


class RepositoryAlias(Base):
    """An earlier URL of a repository (a rename); lookups by it find the entry."""

    __tablename__ = "repository_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    repository_id: Mapped[int] = mapped_column(
        ForeignKey("repository.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(500), unique=True)
    recorded_at: Mapped[datetime | None]


class OperatingOffer(Base):
    """How the solution can be run: self-hosting, hosted, support (vocab.OFFER_KINDS)."""

    __tablename__ = "operating_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    provider_name: Mapped[str | None] = mapped_column(String(300))
    docs_url: Mapped[str | None] = mapped_column(String(500))
    until: Mapped[date | None]
    region: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    #: declared (publiccode/publisher) or detected (repository evidence).
    source: Mapped[str] = mapped_column(String(20), default="declared")

    provider: Mapped[Organisation | None] = relationship()


class Contact(Base):
    """A maintainer, contact or contractor (the organisation model's people)."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))  # vocab.CONTACT_ROLES
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(100))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))
    until: Mapped[date | None]


class Standard(Base):
    """An interface standard from the catalogue in ``schemas/standards.yml``."""

    __tablename__ = "standard"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    steward: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[str | None] = mapped_column(String(60))
    open: Mapped[bool] = mapped_column(default=True)
    royalty_free: Mapped[bool] = mapped_column(default=True)
    url: Mapped[str | None] = mapped_column(String(500))
    domains: Mapped[list[str]] = mapped_column(default=list)
    aliases: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SolutionInterface(Base):
    """An interface a solution provides or consumes, with how we know."""

    __tablename__ = "solution_interface"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    standard_id: Mapped[int | None] = mapped_column(
        ForeignKey("standard.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))  # as given, kept when no standard matched
    role: Mapped[str] = mapped_column(String(20))  # vocab.INTERFACE_ROLES
    evidence_level: Mapped[str] = mapped_column(String(20))  # vocab.EVIDENCE_LEVELS
    evidence: Mapped[str | None] = mapped_column(String(1000))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    standard: Mapped[Standard | None] = relationship()

    __table_args__ = (UniqueConstraint("solution_id", "name", "role", "evidence_level"),)

    @property
    def evidence_items(self) -> list[dict[str, Any]]:
        """Every piece of evidence, strongest first; ``evidence`` is the first one's path.

        A detected interface lists them in ``details["evidence"]`` (each with ``path`` and
        ``how``: document, file, identifier, dependency, mention); a declared one has its
        single ``evidence`` link or path.
        """
        details = self.details if isinstance(self.details, dict) else {}
        items = details.get("evidence")
        if isinstance(items, list):
            listed = [i for i in items if isinstance(i, dict) and isinstance(i.get("path"), str)]
            if listed:
                return listed
        return [{"path": self.evidence, "how": self.evidence_level}] if self.evidence else []


class Dependency(Base):
    """An open, proprietary or hardware dependency (vocab.DEPENDENCY_KINDS)."""

    __tablename__ = "dependency"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    version: Mapped[str | None] = mapped_column(String(100))
    version_min: Mapped[str | None] = mapped_column(String(100))
    version_max: Mapped[str | None] = mapped_column(String(100))
    optional: Mapped[bool] = mapped_column(default=False)
    licence: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20), default="declared")


class Adoption(TimestampMixin, Base):
    """An organisation uses, operates, funds or co-develops a solution.

    Verified when the adopting organisation declared it itself; a ``usedBy`` line in the
    publisher's file is only a claim (``organisation_id`` may then be unknown).
    """

    __tablename__ = "adoption"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))  # vocab.ADOPTION_ROLES
    verified: Mapped[bool] = mapped_column(default=False)
    claim_text: Mapped[str | None] = mapped_column(String(500))
    since: Mapped[date | None]
    until: Mapped[date | None]
    version: Mapped[str | None] = mapped_column(String(100))
    instance_url: Mapped[str | None] = mapped_column(String(500))
    public_contact: Mapped[str | None] = mapped_column(String(300))
    declared_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime | None]
    reconfirmed_at: Mapped[datetime | None]
    #: When both sides were last told that the declaration runs out (reset on renewal).
    reminded_at: Mapped[datetime | None]

    solution: Mapped[Solution] = relationship(back_populates="adoptions")
    organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (
        UniqueConstraint("solution_id", "organisation_id", "role"),
        UniqueConstraint("solution_id", "claim_text"),
    )


class Funding(Base):
    """A grant or programme that paid for the solution."""

    __tablename__ = "funding"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    funder_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    funder_name: Mapped[str] = mapped_column(String(300))
    programme: Mapped[str | None] = mapped_column(String(300))
    grant_reference: Mapped[str | None] = mapped_column(String(200))
    start: Mapped[date | None]
    end: Mapped[date | None]

    funder: Mapped[Organisation | None] = relationship()


class Release(Base):
    """A released version of the solution."""

    __tablename__ = "release"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[str] = mapped_column(String(100))
    released_on: Mapped[date | None]
    commit: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("solution_id", "version"),)


class ScoreResult(Base):
    """One judgement of a solution: kept, so a score has a history."""

    __tablename__ = "score_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    rubric_version: Mapped[str] = mapped_column(String(40))
    total: Mapped[float]
    maximum: Mapped[float]
    coverage: Mapped[float]
    level: Mapped[str | None] = mapped_column(String(40))
    silo: Mapped[str] = mapped_column(String(20), default="no")  # no | risk | silo
    silo_reasons: Mapped[list[Any]] = mapped_column(default=list)
    checks: Mapped[list[Any]] = mapped_column(default=list)
    commit: Mapped[str | None] = mapped_column(String(64))
    computed_at: Mapped[datetime]
    current: Mapped[bool] = mapped_column(default=True, index=True)


class SolutionMedia(Base):
    """A logo or screenshot of an entry, re-encoded and served by the registry itself.

    Never hot-linked: the bytes came through the guarded fetch (or from the imported
    repository), were decoded and re-encoded (``registry.catalogue.media``), and only the
    re-encoded image is kept. ``alt`` is the alternative text by language.
    """

    __tablename__ = "solution_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(
        ForeignKey("solution.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))  # logo.png, screenshot-1.webp
    kind: Mapped[str] = mapped_column(String(20))  # logo | screenshot
    position: Mapped[int] = mapped_column(default=0)
    media_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int]
    height: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    alt: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The publiccode.yml value it came from and a digest of the bytes read there.
    source: Mapped[str] = mapped_column(String(500))
    digest: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("solution_id", "name"),)


class ReadGeneration(Base):
    """One counter, raised by every committed write to a table the reader's pages show.

    Cached read models (``registry.catalogue.readcache``) are keyed by it: one small read
    tells every worker process whether what it rendered is still current.
    """

    __tablename__ = "read_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
