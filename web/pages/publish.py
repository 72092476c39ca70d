"""Publishing for members: the form, its preview, and the page that follows the import."""

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

import anyio
from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
)
from sqlalchemy.orm import Session

from registry.accounts import AccountService, Principal
from registry.catalogue import CatalogueService
from registry.db import utcnow
from registry.errors import InvalidInput, RegistryError
from registry.imports import EntryTaken, Submission, preview_publiccode, publish_request
from registry.publiccode import DEFAULT_MAX_BYTES
from registry.scoring import explain_result
from web.api.imports import ImportIn, job_for, submit
from web.i18n import choose_language
from web.pages._context import page_context

__all__ = ["PublishForm", "import_page", "publish_page", "publish_submit"]

#: Seconds between reloads of a running import's page.
REFRESH_SECONDS = 3


@dataclass
class PublishForm:
    """The publish form (multipart: the publiccode.yml may be uploaded as a file)."""

    organisation: str = ""
    repository_url: str = ""
    organisation_url: str = ""
    publiccode: str = ""
    publiccode_file: UploadFile | None = None
    action: str = "preview"  # preview | publish


def _login() -> Redirect:
    return Redirect("/login?next=/publish", status_code=HTTP_303_SEE_OTHER)


def _form_page(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal, **extra: Any
) -> Template:
    status = extra.pop("status", 200)
    account = AccountService(db_session).get(viewer.email)
    organisations = [membership.organisation for membership in account.memberships]
    defaults: dict[str, Any] = {
        "values": {},
        "error": None,
        "error_values": {},
        "error_id": None,
        "preview": None,
    }
    context = page_context(request, organisations=organisations, **(defaults | extra))
    name = "publish_preview.html" if context["preview"] is not None else "publish.html"
    return Template(name, context=context, status_code=status)


@get("/publish", include_in_schema=False)
async def publish_page(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The publish form, for signed-in members."""
    # async with a worker thread: Litestar 2.25 wraps a sync GET twice when the same path
    # also carries a POST handler (see web/pages/manage.py).
    if viewer is None:
        return _login()
    return await anyio.to_thread.run_sync(partial(_form_page, request, db_session, viewer))


def _publiccode_text(form: PublishForm) -> str:
    upload = form.publiccode_file
    data = upload.file.read(DEFAULT_MAX_BYTES + 1) if upload is not None else b""
    if len(data) > DEFAULT_MAX_BYTES:
        raise InvalidInput(
            f"publiccode_file: larger than {DEFAULT_MAX_BYTES} bytes", field="publiccode_file"
        )
    if data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput("publiccode_file: not UTF-8 text", field="publiccode_file") from exc
    return form.publiccode


def _submission(form: PublishForm) -> tuple[Submission, str]:
    """The form as a submission, and the id of the control that holds its source."""
    text = _publiccode_text(form)
    given = [
        (name, value)
        for name, value in (("repository_url", form.repository_url.strip()),
                            ("organisation_url", form.organisation_url.strip()),
                            ("publiccode", text.strip()))
        if value
    ]  # fmt: skip
    if len(given) != 1:
        raise InvalidInput("publish.one_source", field="repository_url")
    name = given[0][0]
    if name == "publiccode":
        return Submission(publiccode=text), "publiccode"
    kind = "repository" if name == "repository_url" else "organisation"
    return Submission(url=given[0][1], kind=kind), name


def _preview(
    catalogue: CatalogueService, submission: Submission, organisation: str, email: str
) -> dict[str, Any]:
    publish_request(submission, organisation or "-", requested_by=email)  # checks the input
    if submission.publiccode is not None:
        result = preview_publiccode(submission.publiccode.encode("utf-8"), now=utcnow())
        return {"kind": "publiccode", "report": result.report, "score": result.score}
    known = None
    if submission.kind == "repository" and submission.url:
        try:
            known = catalogue.find_by_repository(submission.url)
        except RegistryError:
            known = None  # not a repository address the catalogue knows how to read
    return {"kind": submission.kind, "url": submission.url, "known": known}


@post("/publish", request_max_body_size=2 * DEFAULT_MAX_BYTES, include_in_schema=False)
async def publish_submit(
    request: Request[Any, Any, Any],
    data: Annotated[PublishForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    db_session: NamedDependency[Session],
    catalogue: NamedDependency[CatalogueService],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Preview (validation and score, nothing stored) or publish (queue, then follow the job)."""
    if viewer is None:
        return _login()
    values = {"organisation": data.organisation, "repository_url": data.repository_url,
              "organisation_url": data.organisation_url, "publiccode": data.publiccode}  # fmt: skip
    source_id = "repository_url"
    try:
        submission, source_id = _submission(data)
        background = data.action != "publish" and submission.kind == "repository"
        if data.action != "publish" and not background:
            preview = _preview(catalogue, submission, data.organisation, viewer.email)
            if preview.get("score") is not None:  # the failing checks with their fixes
                lang = choose_language(request, request.app.state.settings.languages)
                preview["explained"] = explain_result(preview["score"].to_json(), lang)
            return _form_page(request, db_session, viewer, values=values, preview=preview)
        form = ImportIn(organisation=data.organisation, url=submission.url,
                        publiccode=submission.publiccode, kind=submission.kind)  # fmt: skip
        status = await submit(request.app.state, db_session, viewer, form, preview=background)
    except EntryTaken as exc:
        return _form_page(
            request, db_session, viewer, values=values, error=exc.key, error_values=exc.values,
            error_id=source_id, status=HTTP_409_CONFLICT,
        )  # fmt: skip
    except InvalidInput as exc:
        error_id = source_id if exc.field in {"url", "kind", "publiccode"} else exc.field
        return _form_page(
            request, db_session, viewer, values=values, error=exc.message,
            error_id=error_id or source_id, status=HTTP_422_UNPROCESSABLE_ENTITY,
        )  # fmt: skip
    return Redirect(f"/imports/{status.id}", status_code=HTTP_303_SEE_OTHER)


@get("/imports/{job_id:str}", include_in_schema=False)
async def import_page(
    request: Request[Any, Any, Any],
    job_id: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """An import's (or a preview's) progress and result; reloads itself until it is finished.

    A finished preview shows what would be stored, the publiccode.yml findings and the
    score with the fixes of its failing checks, and the button that publishes it.
    """
    if viewer is None:
        target = quote(f"/imports/{job_id}", safe="/")
        return Redirect(f"/login?next={target}", status_code=HTTP_303_SEE_OTHER)
    status = await job_for(request.app.state, db_session, viewer, job_id)
    context = page_context(request, job=status, refresh=REFRESH_SECONDS)
    score = (status.preview or {}).get("score")
    context["score"] = explain_result(score, context["lang"]) if score else None
    return Template("import_status.html", context=context)
