"""Crawl an organisation's code source incrementally: only what changed is fetched and analysed.

    summary = crawl_source(session, source, settings=settings, now=now,
                           analyser=git_analyser(settings, now))

1. *List* the owner's repositories (conditional requests: an unchanged page is a ``304``
   and its stored body is reused).
2. *Compare* each with what the last crawl saw, by the host's own id: same fingerprint →
   ``unchanged`` (no further request); new or changed → fetch details and analyse; a new
   URL for a known id → a rename (the old URL becomes an alias).
3. *Check* repositories that vanished from the listing: ``404`` → marked gone; found
   elsewhere → moved.
4. *Record* every repository's outcome on the import run and return a ``CrawlSummary``.

A repository that fails is logged with its reason and the crawl goes on; a listing that
fails marks the source ``failed`` with the reason. Nothing is silent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.hosts import (
    HostDriver,
    HostError,
    HostNotFound,
    HostRepository,
    locate,
    make_driver,
    make_host_client,
)
from importers.repository import import_repository
from registry.catalogue import CatalogueService, SolutionDraft
from registry.catalogue.models import Repository
from registry.crawl import (
    CrawlStateService,
    CrawlSummary,
    HostFacts,
    HostRepositoryState,
    HttpCacheStore,
    classify_fork,
)
from registry.entries import normalise_repository_url
from registry.errors import RegistryError
from registry.imports import ImportRecorder, mark_failed
from registry.organisations import CodeSource
from registry.publiccode import read_untrusted
from registry.settings import Settings

_log = logging.getLogger("importers.crawl")

__all__ = [
    "Analyser",
    "AnalysisOutcome",
    "Progress",
    "crawl_source",
    "git_analyser",
    "host_only_analyser",
]

DETAIL_CONCURRENCY = 4


@dataclass(frozen=True, slots=True)
class AnalysisOutcome:
    """What analysing one changed repository did (``created``/``updated``/… or ``failed``)."""

    action: str
    repository: Repository | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the entry was written or confirmed."""
        return self.action in {"created", "updated", "unchanged"}


Analyser = Callable[[Session, HostRepository, ImportRecorder], AnalysisOutcome]
Progress = Callable[[int, int, str], None]


def git_analyser(settings: Settings, now: datetime) -> Analyser:
    """Clone and analyse with part 1's ``import_repository`` (it logs on the run itself)."""

    def analyse(
        session: Session, repo: HostRepository, recorder: ImportRecorder
    ) -> AnalysisOutcome:
        result = import_repository(
            session, repo.clone_url, settings=settings, now=now, trusted=False,
            url=repo.web_url, recorder=recorder,
        )  # fmt: skip
        return AnalysisOutcome(result.action, result.repository, result.error)

    return analyse


def host_only_analyser() -> Analyser:
    """Write an entry from the host's metadata alone (``--no-clone``, benchmarks)."""

    def analyse(
        session: Session, repo: HostRepository, recorder: ImportRecorder
    ) -> AnalysisOutcome:
        draft = SolutionDraft(
            name=repo.full_name.rsplit("/", 1)[-1], url=repo.web_url, licence=repo.licence,
            licence_source="host", keywords=tuple(t[:100] for t in repo.topics[:20]),
        )  # fmt: skip
        try:
            with session.begin_nested():
                outcome = CatalogueService(session).upsert_draft(draft)
        except RegistryError as exc:
            recorder.log("failed", url=repo.web_url, message=exc.message)
            return AnalysisOutcome("failed", None, exc.message)
        key = normalise_repository_url(repo.web_url)
        repository = session.scalar(select(Repository).where(Repository.url == key))
        recorder.log(outcome.action, url=repo.web_url, solution_id=outcome.solution.id,
                     repository_id=repository.id if repository else None)  # fmt: skip
        return AnalysisOutcome(outcome.action, repository)

    return analyse


@dataclass
class _Plan:
    listed: list[HostRepository]
    details: dict[str, HostRepository | HostError]
    vanished: dict[str, HostRepository | HostError | None]


def _changed(repo: HostRepository, state: HostRepositoryState | None) -> bool:
    return state is None or state.status == "gone" or state.fingerprint != repo.fingerprint()


async def _discover(driver: HostDriver, owner: str, known: dict[str, HostRepositoryState]) -> _Plan:
    listed = await driver.list_repositories(owner)
    gate = asyncio.Semaphore(DETAIL_CONCURRENCY)

    async def detail(repo: HostRepository) -> HostRepository | HostError:
        async with gate:
            try:
                return await driver.details(repo)
            except HostError as exc:
                return exc

    async def recheck(state: HostRepositoryState) -> HostRepository | HostError | None:
        async with gate:
            try:
                return await driver.repository(state.full_name)
            except HostNotFound:
                return None
            except HostError as exc:
                return exc

    changed = [r for r in listed if _changed(r, known.get(r.host_id))]
    seen = {r.host_id for r in listed}
    missing = [s for s in known.values() if s.host_id not in seen and s.status != "gone"]
    details = await asyncio.gather(*(detail(r) for r in changed))
    rechecked = await asyncio.gather(*(recheck(s) for s in missing))
    return _Plan(
        listed,
        {r.host_id: d for r, d in zip(changed, details, strict=True)},
        {s.host_id: r for s, r in zip(missing, rechecked, strict=True)},
    )


def host_facts(repo: HostRepository) -> HostFacts:
    """The registry's view of a repository the host described."""
    declared_url, based_on = _publiccode_links(repo.publiccode)
    kind = classify_fork(
        url=repo.web_url, is_fork=repo.fork, parent_url=repo.fork_parent,
        publiccode_url=declared_url, is_based_on=based_on,
    )  # fmt: skip
    upstream = repo.fork_parent or (declared_url if kind == "technical" else None)
    return HostFacts(
        host_id=repo.host_id, full_name=repo.full_name,
        url=normalise_repository_url(repo.web_url), fingerprint=repo.fingerprint(),
        archived=repo.archived, fork_kind=kind, upstream_url=upstream, forge=repo.driver,
        metadata=repo.to_metadata(),
    )  # fmt: skip


def _publiccode_links(text: str | None) -> tuple[str | None, tuple[str, ...]]:
    if not text:
        return None, ()
    data = read_untrusted(text)
    if not isinstance(data, dict):
        return None, ()
    url = data.get("url") if isinstance(data.get("url"), str) else None
    based = data.get("isBasedOn") or ()
    based = (based,) if isinstance(based, str) else tuple(str(b) for b in based if b)
    return url, based


class _Applier:
    """Writes a plan: one log line per repository, counts into the summary."""

    def __init__(
        self, session: Session, source: CodeSource, api_base: str, *, analyser: Analyser,
        recorder: ImportRecorder, summary: CrawlSummary, now: datetime,
    ) -> None:  # fmt: skip
        self.db = session
        self.source = source
        self.api_base = api_base
        self.analyser = analyser
        self.recorder = recorder
        self.summary = summary
        self.now = now
        self.state = CrawlStateService(session)

    def run(
        self, plan: _Plan, known: dict[str, HostRepositoryState], progress: Progress | None
    ) -> None:
        """Every listed repository, then every vanished one, in order."""
        total = len(plan.listed) + len(plan.vanished)
        done = 0
        for repo in plan.listed:
            self.listed(repo, known.get(repo.host_id), plan)
            done += 1
            if progress:
                progress(done, total, repo.web_url)
        for host_id, found in plan.vanished.items():
            self.vanished(known[host_id], found)
            done += 1
            if progress:
                progress(done, total, known[host_id].url)

    def listed(self, repo: HostRepository, state: HostRepositoryState | None, plan: _Plan) -> None:
        self.summary.seen += 1
        if not _changed(repo, state):
            assert state is not None
            state.last_seen_at = self.now
            self.summary.unchanged += 1
            self.recorder.log("unchanged", url=repo.web_url, repository_id=state.repository_id)
            return
        detail = plan.details[repo.host_id]
        if isinstance(detail, HostError):
            self._failed(repo.web_url, detail.message)
            return
        if state is not None and state.url != normalise_repository_url(detail.web_url):
            self._renamed(state, detail)
        # The listing's fingerprint is kept: the next listing is compared with it.
        self._analyse(detail, repo.fingerprint(), is_new=state is None,
                      was_archived=_archived(state))  # fmt: skip

    def _renamed(self, state: HostRepositoryState, repo: HostRepository) -> None:
        old = state.url
        try:
            repository = self.state.rename(state, repo.web_url, now=self.now)
        except RegistryError as exc:
            self._failed(repo.web_url, exc.message)
            return
        self.summary.renamed += 1
        self.recorder.log(
            "renamed", url=repo.web_url, repository_id=repository.id if repository else None,
            message=f"umbenannt / renamed: {old} → {repo.web_url}", details={"from": old},
        )  # fmt: skip

    def _analyse(
        self, repo: HostRepository, fingerprint: str, *, is_new: bool, was_archived: bool
    ) -> None:
        try:
            with self.db.begin_nested():
                outcome = self.analyser(self.db, repo, self.recorder)
        except Exception as exc:  # one repository's surprise must not end the whole crawl
            _log.exception("crawl: analysing %s failed", repo.web_url)
            reason = f"Analyse fehlgeschlagen / analysis failed: {type(exc).__name__}"
            repository = mark_failed(self.db, repo.web_url, reason)
            self.recorder.log("failed", url=repo.web_url, message=reason,
                              repository_id=repository.id if repository else None)  # fmt: skip
            self.summary.fail(repo.web_url, reason)
            return
        if not outcome.ok:
            self.summary.fail(repo.web_url, outcome.error or outcome.action)
            return
        facts = replace(host_facts(repo), fingerprint=fingerprint)
        self.state.remember(self.source, self.api_base, facts, outcome.repository, now=self.now)
        if is_new:
            self.summary.new += 1
        else:
            self.summary.updated += 1
        if facts.archived and not was_archived:
            self.summary.archived += 1
            repository_id = outcome.repository.id if outcome.repository else None
            self.recorder.log("archived", url=repo.web_url, repository_id=repository_id,
                              message="archiviert / archived")  # fmt: skip

    def vanished(
        self, state: HostRepositoryState, found: HostRepository | HostError | None
    ) -> None:
        if isinstance(found, HostError):
            self._failed(state.url, found.message)
            return
        if found is None:
            repository = self.state.mark_gone(state, now=self.now)
            self.summary.gone += 1
            self.recorder.log(
                "gone", url=state.url, repository_id=repository.id if repository else None,
                message="beim Host gelöscht / deleted on the host",
            )  # fmt: skip
            return
        self._renamed(state, found)
        state.status = "moved"
        self.recorder.log(
            "moved", url=found.web_url, message=f"{state.full_name} → {found.full_name}"
        )

    def _failed(self, url: str, reason: str) -> None:
        self.summary.fail(url, reason)
        self.recorder.log("failed", url=url, message=reason)


def _archived(state: HostRepositoryState | None) -> bool:
    return state is not None and state.status == "archived"


def crawl_source(
    session: Session,
    source: CodeSource,
    *,
    settings: Settings,
    now: datetime,
    analyser: Analyser,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
) -> CrawlSummary:
    """Crawl one registered code source; see the module docstring.

    Args:
        session: the caller's unit of work (never committed here).
        source: the organisation's registered GitHub org, GitLab group or Forgejo org.
        settings: tokens, limits and the address policy for the host client.
        now: the crawl's clock (state times, ``gone_at``, aliases).
        analyser: what runs for new and changed repositories (``git_analyser``).
        transport: an httpx transport (tests); by default real HTTP.
        progress: called with (done, total, url) after each repository.

    Returns the summary; the run (kind ``crawl``) holds one log line per repository.
    """
    _lock_source(session, source)
    location = locate(source.url, driver=source.driver)
    summary = CrawlSummary(source=source.url)
    recorder = ImportRecorder(session, kind="crawl", source=source.url)
    known = CrawlStateService(session).states(source, location.api_base)
    client = make_host_client(settings, cache=HttpCacheStore(session), transport=transport)

    async def run() -> _Plan:
        async with client:
            return await _discover(make_driver(location, client), location.path, known)

    try:
        plan = asyncio.run(run())
    except RegistryError as exc:
        summary.error = exc.message
    summary.requests, summary.not_modified = client.stats.sent, client.stats.not_modified
    if summary.error is None:
        applier = _Applier(
            session, source, location.api_base, analyser=analyser, recorder=recorder,
            summary=summary, now=now,
        )  # fmt: skip
        applier.run(plan, known, progress)
    _finish(source, recorder, summary, now)
    return summary


def _lock_source(session: Session, source: CodeSource) -> None:
    """Crawls of one source run one after the other: two workers crawling it at once
    would both insert its repositories. PostgreSQL: the source row's lock (held until
    the caller commits; the second crawl then reads the first one's state and finds
    everything unchanged). SQLite has no row locks; its writer lock serialises instead."""
    session.flush()
    session.execute(select(CodeSource.id).where(CodeSource.id == source.id).with_for_update()).one()


def _finish(
    source: CodeSource, recorder: ImportRecorder, summary: CrawlSummary, now: datetime
) -> None:
    run = recorder.finish(error=summary.error)
    run.stats = summary.as_dict()
    source.last_crawled_at = now
    if summary.error:
        source.last_status, source.last_error = "failed", summary.error
    elif summary.failed:
        source.last_status = "partial"
        source.last_error = "; ".join(f"{url}: {reason}" for url, reason in summary.failures[:20])
    else:
        source.last_status, source.last_error = "ok", None
