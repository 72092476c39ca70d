"""Crawl state verbs: remember host repositories by id, record renames, archives, deletions.

The importer (``importers.crawl``) decides what changed; this service writes it. It never
commits. Renames keep the old URL as a ``RepositoryAlias`` so a lookup by the old URL
still finds the entry; a repository that disappeared is marked ``gone_at``, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue.models import Repository, RepositoryAlias
from registry.crawl.models import HostRepositoryState
from registry.entries import normalise_repository_url
from registry.errors import Conflict, InvalidInput
from registry.organisations import CodeSource

__all__ = ["CrawlStateService", "CrawlSummary", "HostFacts", "classify_fork"]


@dataclass(frozen=True, slots=True)
class HostFacts:
    """What the host says about one repository, in registry terms."""

    host_id: str
    full_name: str
    url: str
    fingerprint: str
    archived: bool = False
    fork_kind: str | None = None
    upstream_url: str | None = None
    forge: str = "git"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlSummary:
    """The end of a crawl: counts and the reason for every failure."""

    source: str
    seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    renamed: int = 0
    archived: int = 0
    gone: int = 0
    requests: int = 0
    not_modified: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None

    def fail(self, url: str, reason: str) -> None:
        """Count a failed repository with its reason."""
        self.failed += 1
        self.failures.append((url, reason))

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe, for ``ImportRun.stats`` and the job result."""
        data = {k: v for k, v in vars(self).items() if k != "failures"}
        data["failures"] = [{"url": url, "reason": reason} for url, reason in self.failures]
        return data


def classify_fork(
    *,
    url: str,
    is_fork: bool,
    parent_url: str | None,
    publiccode_url: str | None,
    is_based_on: tuple[str, ...] = (),
) -> str | None:
    """``technical`` (its publiccode.yml ``url`` points elsewhere, e.g. upstream),
    ``variant`` (``isBasedOn``), ``git-fork`` (a host fork and nothing more) or None."""
    own = _canonical(url)
    declared = _canonical(publiccode_url)
    if declared and declared != own:
        return "technical"
    if any(_canonical(base) not in (None, own) for base in is_based_on):
        return "variant"
    if is_fork or parent_url:
        return "git-fork"
    return None


def _canonical(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalise_repository_url(url)
    except InvalidInput:  # an unusable URL is simply not a match
        return None


class CrawlStateService:
    """Domain verbs on the crawl state. Never commits."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def states(self, source: CodeSource, api_base: str) -> dict[str, HostRepositoryState]:
        """The repositories this source showed before, by host id."""
        rows = self.db.scalars(
            select(HostRepositoryState).where(
                HostRepositoryState.source_id == source.id,
                HostRepositoryState.api_base == api_base,
            )
        )
        return {row.host_id: row for row in rows}

    def remember(
        self,
        source: CodeSource,
        api_base: str,
        facts: HostFacts,
        repository: Repository | None,
        *,
        now: datetime,
    ) -> HostRepositoryState:
        """Store what the host showed (after a successful import, or to confirm it)."""
        state = self.db.scalar(
            select(HostRepositoryState).where(
                HostRepositoryState.api_base == api_base,
                HostRepositoryState.host_id == facts.host_id,
            )
        )
        if state is None:
            state = HostRepositoryState(api_base=api_base, host_id=facts.host_id)
            self.db.add(state)
        if state.fingerprint != facts.fingerprint:
            state.last_changed_at = now
        state.source_id = source.id
        state.full_name, state.url, state.fingerprint = (
            facts.full_name,
            facts.url,
            facts.fingerprint,
        )
        state.status = "archived" if facts.archived else "active"
        state.last_seen_at = now
        if repository is not None:
            state.repository_id = repository.id
            self.apply_host_facts(repository, facts)
        self.db.flush()
        return state

    def apply_host_facts(self, repository: Repository, facts: HostFacts) -> None:
        """Archived flag, fork classification, forge and host metadata onto the repository."""
        values: dict[str, Any] = {
            "archived": facts.archived, "fork_kind": facts.fork_kind,
            "upstream_url": facts.upstream_url, "forge": facts.forge,
            "host_metadata": facts.metadata, "gone_at": None,
        }  # fmt: skip
        for name, value in values.items():
            if getattr(repository, name) != value:
                setattr(repository, name, value)

    def rename(
        self, state: HostRepositoryState, new_url: str, *, now: datetime
    ) -> Repository | None:
        """The repository moved: its URL becomes ``new_url``, the old one an alias."""
        new = normalise_repository_url(new_url)
        repository = self.repository_of(state)
        if repository is None or repository.url == new:
            return repository
        taken = self.db.scalar(select(Repository).where(Repository.url == new))
        if taken is not None:
            raise Conflict(f"url: {new} is already another repository's URL", field="url")
        old = repository.url
        repository.url = new
        if not self.db.scalar(select(RepositoryAlias).where(RepositoryAlias.url == old)):
            repository.aliases.append(RepositoryAlias(url=old, recorded_at=now))
        self.db.flush()
        return repository

    def mark_gone(self, state: HostRepositoryState, *, now: datetime) -> Repository | None:
        """The host no longer has the repository: marked, with the entry kept."""
        state.status = "gone"
        state.last_changed_at = now
        repository = self.repository_of(state)
        if repository is not None and repository.gone_at is None:
            repository.gone_at = now
        self.db.flush()
        return repository

    def repository_of(self, state: HostRepositoryState) -> Repository | None:
        """The catalogue repository a state belongs to."""
        if state.repository_id is None:
            return None
        return self.db.get(Repository, state.repository_id)
