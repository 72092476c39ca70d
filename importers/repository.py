"""Import one git repository into the catalogue: ``registry import URL_OR_PATH``.

    result = import_repository(session, "https://git.example.org/town/app.git",
                               settings=settings, now=datetime.now(UTC), trusted=False)
    result.action      # created | updated | unchanged | failed | refused

The repository is read first (bare, bounded clone or a local repository, through
``importers.git.analyse``), before anything is written, so that a slow clone never
holds a database write lock. Then ``registry.imports.repository.store_repository``
composes the repository's publiccode.yml (declared) with the facts (detected), writes
the entry, keeps the raw facts on the repository and calls the after-import hook.

Errors never escape for a single repository: a refused source (``ext::``, ``file://``
or a local path from a user, a private address without
``REGISTRY_ALLOW_PRIVATE_ADDRESSES``) gives ``refused``, an unreadable one ``failed``,
both recorded on the run, and a known repository is marked failed with the reason while
its stored facts stay. Host drivers (organisation crawls) call this once per repository
and pass their own ``recorder`` so that one run holds the whole crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from importers.git import Analysis, GitSourceError, UnsafeURLError, analyse_with_media, origin_url
from importers.media import import_media
from registry.catalogue.models import Repository, Solution
from registry.entries import normalise_repository_url
from registry.errors import InvalidInput
from registry.facts import RepoFacts
from registry.imports import ImportRecorder, ImportRun, mark_failed, store_repository
from registry.publiccode import ValidationReport
from registry.settings import Settings

__all__ = ["RepositoryImport", "import_repository"]


@dataclass(frozen=True, slots=True)
class RepositoryImport:
    """The outcome of one ``import_repository`` call.

    ``action``: ``created``, ``updated``, ``unchanged`` (entry written; ``solution`` and
    ``repository`` set), ``refused`` (the source is not allowed; nothing read) or
    ``failed`` (``error`` says why). ``publiccode`` is the verdict on the repository's
    publiccode.yml when it has one.
    """

    source: str
    action: str
    run: ImportRun
    solution: Solution | None = None
    repository: Repository | None = None
    facts: RepoFacts | None = None
    publiccode: ValidationReport | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the entry was written (or already held exactly this)."""
        return self.action in {"created", "updated", "unchanged"}


def import_repository(
    session: Session,
    source: str,
    *,
    settings: Settings,
    now: datetime,
    trusted: bool = False,
    url: str | None = None,
    recorder: ImportRecorder | None = None,
) -> RepositoryImport:
    """Analyse the repository at ``source`` and write what it shows into the catalogue.

    Args:
        session: the caller's unit of work (not committed here; the run is flushed).
        source: a git URL (https, http, git, ssh) or, for trusted callers, a local path.
        settings: limits (``git_*``), the cache folder and the address policy.
        now: the clock for activity windows, release ages and the after-import hook.
        trusted: True only for the operator's command line: admits local paths and
            ``file://`` (as does ``settings.allow_local_repositories``).
        url: the public URL of a local repository (else its ``origin`` remote, else its
            publiccode.yml's ``url``).
        recorder: an open run to log on (host drivers); by default a run of kind
            ``repository`` is opened and finished here.

    Returns the outcome; it raises only for programming errors.
    """
    own = recorder is None
    url = url or _public_origin(source)
    facts: RepoFacts | None = None
    analysis: Analysis | None = None
    action, error = "failed", None
    try:
        analysis = analyse_with_media(source, settings=settings, now=now, trusted=trusted)
        facts = analysis.facts
    except UnsafeURLError as exc:
        action, error = "refused", f"abgelehnt / refused: {exc.message}"
    except GitSourceError as exc:
        error = f"nicht lesbar / unreadable: {exc}"
    recorder = recorder or ImportRecorder(session, kind="repository", source=source)
    if facts is None:
        repository = mark_failed(session, url or source, error or action)
        recorder.log("failed", url=source, message=error, repository_id=_id(repository))
        run = recorder.finish(error=error) if own else recorder.run
        return RepositoryImport(source, action, run, repository=repository, error=error)
    stored = store_repository(session, facts, recorder=recorder, now=now, url=url)
    written = stored.written
    if written.solution is not None and analysis is not None:
        import_media(session, written.solution, settings=settings, now=now, recorder=recorder,
                     blobs=analysis.media, refused=analysis.media_refused)  # fmt: skip
    failure = written.message if written.solution is None else None
    run = recorder.finish(error=failure) if own else recorder.run
    return RepositoryImport(
        source, written.action, run, written.solution, stored.repository, facts,
        stored.publiccode, written.message,
    )  # fmt: skip


def _public_origin(source: str) -> str | None:
    """A local checkout's public URL from its ``origin`` remote, when that is a web or
    git URL (credentials in it are dropped by the canonical form)."""
    remote = origin_url(source)
    if remote is None:
        return None
    try:
        return normalise_repository_url(remote)
    except InvalidInput:  # a local path or an unknown transport: not a public URL
        return None


def _id(repository: Repository | None) -> int | None:
    return repository.id if repository is not None else None
