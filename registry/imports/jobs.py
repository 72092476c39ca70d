"""Publishing: a member asks for a repository, an organisation or a publiccode.yml to be imported.

    org = publishing_organisation(session, "stadt-a")      # InvalidInput naming the field
    require_member(principal, org.id)                      # registry.accounts.authz decides
    request = publish_request(Submission(url=url), org.slug, requested_by=principal.email)
    job_id = await queue.enqueue(request)                  # registry.queue, any backend
    status = import_status(await queue.get(job_id))        # what the member polls

The job itself runs in a worker (``registry worker``, or the in-process worker below on
the embedded default). ``registry.cli._publish`` imports the repository or crawls the
organisation (it may use the importers); a publiccode.yml needs none and runs here
(``run_publiccode``). Afterwards ``assign_publisher`` makes the publishing organisation
the entry's publisher, so that its members may edit it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from registry.audit import record_event
from registry.catalogue.models import Solution
from registry.errors import ImportFailed, InvalidInput
from registry.imports.errors import ImportProblem, explain_failure
from registry.imports.models import ImportLogEntry
from registry.imports.ownership import current_writer
from registry.imports.publiccode import import_publiccode
from registry.organisations import Organisation, live_organisation
from registry.publiccode import DEFAULT_MAX_BYTES
from registry.queue import ClaimedJob, DatabaseQueue, JobRequest, JobView, worker_name
from registry.settings import Settings

__all__ = [
    "MAX_URL",
    "SOURCE_KINDS",
    "ImportStatus",
    "InProcessWorker",
    "JobRunner",
    "Submission",
    "assign_publisher",
    "assign_publisher_of_run",
    "guess_kind",
    "import_status",
    "in_process_worker",
    "publish_request",
    "publishing_organisation",
    "run_publiccode",
]

log = logging.getLogger("registry.jobs")

MAX_URL = 500
#: What a member can submit.
SOURCE_KINDS = ("repository", "organisation", "publiccode")
#: The queue's job kind for each submission kind.
_JOB_KIND = {"repository": "repository", "organisation": "source", "publiccode": "publiccode",
             "preview": "preview"}  # fmt: skip
_SUBMITTED = {job: kind for kind, job in _JOB_KIND.items()}

#: Runs one claimed job; returns its result or raises with the reason.
JobRunner = Callable[[ClaimedJob], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Submission:
    """What a member submitted: a URL (repository or organisation) or a publiccode.yml."""

    url: str | None = None
    publiccode: str | None = None
    kind: str | None = None  # repository | organisation; guessed from the URL when None


def guess_kind(url: str) -> str:
    """``organisation`` for a URL naming only an owner (``https://host/owner``), else repository.

    GitLab subgroups look like repositories; a member names them with ``kind``.
    """
    parts = [p for p in urlsplit(url).path.split("/") if p]
    owner_only = len(parts) == 1 and not parts[0].endswith(".git")
    return "organisation" if owner_only else "repository"


def _checked_url(url: str) -> str:
    url = url.strip()
    if len(url) > MAX_URL:
        raise InvalidInput(f"url: longer than {MAX_URL} characters", field="url")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput("url: an http(s) URL with a host name is needed", field="url")
    if parts.username or parts.password:
        raise InvalidInput("url: credentials in the URL are not accepted", field="url")
    return url


def _checked(submission: Submission) -> tuple[str, str | None, str | None]:
    """(kind, url, publiccode) of a well-formed submission; ``InvalidInput`` naming the field."""
    url = (submission.url or "").strip() or None
    text = (
        submission.publiccode if submission.publiccode and submission.publiccode.strip() else None
    )
    if (url is None) == (text is None):
        raise InvalidInput("url: give either a URL or a publiccode.yml (one of them)", field="url")
    if text is not None:
        if len(text.encode("utf-8")) > DEFAULT_MAX_BYTES:
            raise InvalidInput(
                f"publiccode: larger than {DEFAULT_MAX_BYTES} bytes", field="publiccode"
            )
        return "publiccode", None, text
    assert url is not None
    url = _checked_url(url)
    kind = submission.kind or guess_kind(url)
    if kind not in {"repository", "organisation"}:
        raise InvalidInput("kind: must be 'repository' or 'organisation'", field="kind")
    return kind, url, None


def publishing_organisation(session: Session, slug: str) -> Organisation:
    """The organisation a member publishes for (``InvalidInput`` on ``organisation``)."""
    org = live_organisation(session, slug)
    if org is None:
        raise InvalidInput(f"organisation: no organisation {slug!r}", field="organisation")
    return org


def publish_request(
    submission: Submission, organisation: str, *, requested_by: str, admin: bool = False,
    preview: bool = False,
) -> JobRequest:  # fmt: skip
    """The queue request for a submission; checked first (``InvalidInput`` naming the field).

    One attempt only: a member sees a failure with its reason at once and may publish
    again, rather than watching a job wait for retries. With ``preview`` a repository is
    only read and judged (job kind ``preview``): nothing is stored until it is published.
    """
    kind, url, text = _checked(submission)
    if preview:
        if kind != "repository":
            raise InvalidInput("kind: only a repository is previewed in the background",
                               field="kind")  # fmt: skip
        kind = "preview"
    options: dict[str, Any] = {"organisation": organisation, "requested_by": requested_by}
    if admin:
        options["admin"] = True  # a registry admin's import may update any entry
    if text is not None:
        options["publiccode"] = text
        url = "upload:sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert url is not None
    return JobRequest(
        kind=_JOB_KIND[kind], url=url, requested_by=requested_by, reason="publish",
        max_attempts=1, options=options,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportStatus:
    """A publish job as its member sees it."""

    id: str
    status: str  # queued | running | done | failed
    kind: str  # repository | organisation | publiccode
    source: str
    organisation: str | None
    action: str | None = None  # created | updated | unchanged (done jobs)
    solution: str | None = None  # the entry's slug
    solutions: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    attempts: int = 0
    problems: tuple[ImportProblem, ...] = ()  # the reasons, explained (registry.imports.errors)
    preview: dict[str, Any] | None = None  # a preview job's verdict (registry.imports.preview)

    @property
    def finished(self) -> bool:
        """Done or failed: nothing will change any more."""
        return self.status in {"done", "failed"}


def import_status(view: JobView) -> ImportStatus:
    """What a poller sees of a job (the submitted publiccode.yml itself is not repeated)."""
    result = view.result
    kind = _SUBMITTED.get(view.kind, view.kind)
    source = "publiccode.yml" if kind == "publiccode" else str(view.key.partition(":")[2])
    reasons = (view.error,) if view.error else ()
    warnings = tuple(str(w) for w in result.get("warnings") or ())
    return ImportStatus(
        id=view.id, status=view.status, kind=kind, source=source,
        organisation=view.options.get("organisation"), action=result.get("action"),
        solution=result.get("solution"), solutions=tuple(result.get("solutions") or ()),
        reasons=reasons, warnings=warnings, attempts=view.attempts,
        problems=tuple(explain_failure(reason) for reason in reasons),
        preview=result.get("preview") if kind == "preview" else None,
    )  # fmt: skip


def assign_publisher(session: Session, solution: Solution, organisation: Organisation) -> None:
    """Make ``organisation`` the entry's publisher (its members may then edit it).

    The import's guard (``registry.imports.ownership``) let a member write only an entry
    that is new, its own or provably its own. An admin's import may update anyone's entry,
    but never moves it: that is a transfer (``registry.catalogue.transfer``).
    """
    if solution.publisher_id == organisation.id:
        return
    writer = current_writer(session)
    if writer is not None and writer.admin and solution.publisher_id is not None:
        return
    before = solution.publisher_id
    solution.publisher_id = organisation.id
    session.flush()
    record_event(
        session, entity_type="solution", entity_id=solution.id, action="update",
        before={"publisher_id": before}, after={"publisher_id": organisation.id},
    )  # fmt: skip


def assign_publisher_of_run(session: Session, run_id: int, organisation: Organisation) -> list[str]:
    """Publisher for every entry an import run wrote (an organisation's crawl); their slugs."""
    ids = session.scalars(
        select(ImportLogEntry.solution_id)
        .where(ImportLogEntry.run_id == run_id, ImportLogEntry.solution_id.is_not(None))
        .distinct()
    ).all()
    slugs = []
    for solution_id in ids:
        solution = session.get_one(Solution, solution_id)
        assign_publisher(session, solution, organisation)
        slugs.append(solution.slug)
    return sorted(slugs)


def run_publiccode(session: Session, options: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    """Import a submitted publiccode.yml for its organisation; ``ImportFailed`` with the reason.

    A file that is YAML but breaks the rules is stored as an inactive entry (as every
    import does), and the job is done with the validator's findings as warnings.
    """
    organisation = publishing_organisation(session, str(options.get("organisation", "")))
    data = str(options.get("publiccode", "")).encode("utf-8")
    source = f"publish:{organisation.slug}:publiccode.yml"
    result = import_publiccode(session, data, source=source, now=now)
    if result.action == "refused":
        return {"refused": result.message}
    if result.solution is None:
        raise ImportFailed(result.message or result.action)
    assign_publisher(session, result.solution, organisation)
    warnings = [result.message] if result.message else []
    return {"action": result.action, "solution": result.solution.slug, "run": result.run.id,
            "valid": result.report.valid, "warnings": warnings}  # fmt: skip


@dataclass
class InProcessWorker:
    """Runs the database queue's jobs in a thread of the web process (the embedded default).

    ``start``/``stop`` fit the web app's startup and shutdown hooks; ``wake`` after an
    enqueue runs the job at once instead of at the next poll. With Redis configured,
    ``registry worker`` does this instead. Jobs are claimed as by any worker, so a
    separate ``registry worker`` on the same database may share the work.
    """

    queue: DatabaseQueue
    run: JobRunner
    name: str = field(default_factory=lambda: worker_name("in-process"))
    poll_seconds: float = 2.0
    stop_seconds: float = 10.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _wake: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="registry-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the running job (one still running after ``stop_seconds`` is left to
        its thread and claimed again by a worker when its lease runs out)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.stop_seconds)
            self._thread = None

    def wake(self) -> None:
        """Look for work now."""
        self._wake.set()

    def run_pending(self) -> int:
        """Run queued jobs until none is left (or the worker is stopped); how many ran."""
        done = 0
        while not self._stop.is_set() and self.queue.runnable():
            job = self.queue.claim(self.name)
            if job is None:
                return done
            try:
                with self.queue.holding(job, self.name):
                    result = self.run(job)
            except Exception as exc:
                self.queue.fail(job.id, str(exc) or type(exc).__name__)
            else:
                self.queue.complete(job.id, result)
            done += 1
        return done

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_pending()
            except Exception:  # a database hiccup must not end the worker for good
                log.exception("in-process worker: claiming jobs failed")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()


def in_process_worker(
    settings: Settings, factory: sessionmaker[Session], run: JobRunner
) -> InProcessWorker | None:
    """The web process's own worker on the embedded default; None when a Redis queue is set
    (then ``registry worker`` runs the jobs)."""
    if settings.queue_url:
        return None
    return InProcessWorker(
        DatabaseQueue(factory, lease=timedelta(seconds=settings.job_lease_seconds)), run
    )
