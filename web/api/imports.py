"""Background imports for members: ``POST /api/v1/imports`` and ``GET /api/v1/imports/{id}``.

A member with a ``publish`` token submits a repository URL, an organisation URL or a
publiccode.yml for one of their organisations; the import is queued (202 with the job
resource) and runs in a worker. Polling the job shows its status, its result and the
reasons of a failure. Anonymous requests are 401, other organisations' jobs 403, a
malformed body 422 naming the field, a URL already being imported 409, and a
repository that is another organisation's entry 409 naming its publisher
(``registry.imports.ownership``).
"""

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, Router, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_member, require_scope
from registry.errors import Conflict, NotFound
from registry.imports import (
    MAX_URL,
    ImportStatus,
    Submission,
    Writer,
    check_submission,
    import_status,
    publish_request,
    publishing_organisation,
)
from registry.publiccode import DEFAULT_MAX_BYTES
from registry.queue import JobQueue, make_queue
from web.auth import WRITE_SECURITY, acting

__all__ = ["ImportIn", "ImportOut", "create_import", "get_import", "job_queue", "router", "submit"]

TAGS = ["imports"]


class ImportIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """What to import (``url`` or ``publiccode``) and for which organisation (its slug).

    Values are checked by ``registry.imports.jobs`` (422 naming the field), not here.
    """

    organisation: str = ""
    url: Annotated[str | None, Meta(description=f"http(s), at most {MAX_URL} characters")] = None
    publiccode: Annotated[str | None, Meta(description="the file's text")] = None
    kind: Annotated[str | None, Meta(description="repository | organisation (guessed)")] = None


@dataclass
class ImportOut:
    """A publish job: ``status`` queued | running | done | failed; ``result`` when done."""

    id: str
    status: str
    kind: str
    source: str
    organisation: str | None
    action: str | None
    solution: str | None
    solutions: list[str]
    reasons: list[str]
    warnings: list[str]
    links: dict[str, str]


def job_queue(state: State) -> JobQueue:
    """One queue per app (shared with the webhooks), made on first use from its settings."""
    if "job_queue" not in state:
        state.job_queue = make_queue(state.settings, state.sessionmaker)
    queue: JobQueue = state.job_queue
    return queue


def to_out(status: ImportStatus) -> ImportOut:
    """The API's view of a job."""
    links = {"self": f"/api/v1/imports/{status.id}", "page": f"/imports/{status.id}"}
    if status.solution:
        links["solution"] = f"/api/v1/solutions/{status.solution}"
    return ImportOut(
        id=status.id, status=status.status, kind=status.kind, source=status.source,
        organisation=status.organisation, action=status.action, solution=status.solution,
        solutions=list(status.solutions), reasons=list(status.reasons),
        warnings=list(status.warnings), links=links,
    )  # fmt: skip


async def submit(
    state: State, db_session: Session, principal: Principal | None, data: ImportIn,
    *, preview: bool = False,
) -> ImportStatus:  # fmt: skip
    """Check, authorise and queue a submission (shared with the publish page, whose
    ``preview`` reads a repository in the background and stores nothing)."""
    require_scope(principal, "publish")
    org = publishing_organisation(db_session, data.organisation)
    actor = acting(db_session, require_member(principal, org.id))
    submission = Submission(url=data.url, publiccode=data.publiccode, kind=data.kind)
    request = publish_request(submission, org.slug, requested_by=actor.email,
                              admin=actor.is_admin, preview=preview)  # fmt: skip
    if request.kind in {"repository", "preview"}:
        writer = Writer(org.id, admin=actor.is_admin)
        check_submission(db_session, request.url, writer, log=state.sessionmaker)
    queue = job_queue(state)
    job_id = await queue.enqueue(request)
    if job_id is None:
        raise Conflict(f"url: {request.url} is being imported already", field="url")
    if "job_worker" in state:
        state.job_worker.wake()
    view = await queue.get(job_id)
    assert view is not None  # just queued
    return import_status(view)


async def job_for(
    state: State, db_session: Session, principal: Principal | None, job_id: str
) -> ImportStatus:
    """A job its reader may see: members of its organisation (and admins)."""
    require_scope(principal, "publish")
    view = await job_queue(state).get(job_id)
    if view is None:
        raise NotFound(f"id: no import {job_id!r}", field="id")
    status = import_status(view)
    org = publishing_organisation(db_session, status.organisation) if status.organisation else None
    require_member(principal, org.id if org else None)
    return status


@post("/", status_code=HTTP_202_ACCEPTED, operation_id="CreateImport",
      request_max_body_size=2 * DEFAULT_MAX_BYTES)  # fmt: skip
async def create_import(
    request: Request[Any, Any, Any],
    data: JSONBody[ImportIn],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> ImportOut:
    """Queue an import of a repository, an organisation or a publiccode.yml; poll the job."""
    return to_out(await submit(request.app.state, db_session, principal, data))


@get("/{job_id:str}", operation_id="GetImport")  # fmt: skip
async def get_import(
    request: Request[Any, Any, Any],
    job_id: FromPath[str],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> ImportOut:
    """A publish job's status, result and failure reasons."""
    return to_out(await job_for(request.app.state, db_session, principal, job_id))


def router() -> Router:
    """Queued imports and their jobs (members only)."""
    return Router(
        "/api/v1/imports",
        tags=TAGS,
        security=WRITE_SECURITY,
        route_handlers=[create_import, get_import],
    )
