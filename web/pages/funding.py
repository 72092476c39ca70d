"""Funding pages: a funder's programmes and grants, the programme and grant reports, and
their PDF and CSV downloads.

Write handlers do not call ``begin_writing``: the signed-in viewer is read first on the
same session (as on the edit pages); a lost SQLite race answers 503 with Retry-After.
Only members of the funder organisation (and registry admins) see a programme; anyone
else gets the same 404 as for a programme that does not exist. Form errors come back on
the same page in its language (422), never as a bare error page.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal
from registry.db import utcnow
from registry.errors import RegistryError
from registry.funding import (
    Change,
    FundingError,
    FundingService,
    NewGrant,
    NewProgramme,
    ProgrammeReport,
    ReportRun,
    compare_runs,
    snapshot,
)
from registry.scoring import shipped_profiles
from web.api._http import RowId, base_url
from web.auth import acting
from web.errors import status_for
from web.pages._context import page_context
from web.pages._funding_pdf import render_pdf
from web.pages._funding_words import ReportWords, report_csv

__all__ = ["funding_handlers"]


class ProgrammeForm(Struct, kw_only=True):
    """The programme form."""

    funder: Annotated[str, Meta(max_length=100)] = ""
    name: Annotated[str, Meta(max_length=1000)] = ""
    profile: Annotated[str, Meta(max_length=100)] = ""
    starts_on: Annotated[str, Meta(max_length=40)] = ""
    ends_on: Annotated[str, Meta(max_length=40)] = ""


class GrantForm(Struct, kw_only=True):
    """The grant form."""

    solution: Annotated[str, Meta(max_length=200)] = ""
    reference: Annotated[str, Meta(max_length=1000)] = ""


def _login(path: str) -> Redirect:
    return Redirect(f"/login?next={path}", status_code=HTTP_303_SEE_OTHER)


def _day(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FundingError(field, f"{field}: give the date as YYYY-MM-DD", field=field) from None


def _error(request: Request[Any, Any, Any], exc: RegistryError) -> str:
    """The error in the page's language."""
    context = page_context(request)
    if isinstance(exc, FundingError):
        text: str = context["t"](exc.key, **exc.values)
        return text
    message: str = context["in_lang"](exc.message)
    return message


def _words(context: dict[str, Any]) -> ReportWords:
    return ReportWords(context["t"], context["lang"])


def index_context(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal | None, **values: Any
) -> dict[str, Any]:
    """What the reports start page shows a signed-in funder: programmes and the form."""
    funding = FundingService(db_session)
    signed_in = viewer is not None
    shown = {"error": None, "error_field": None, "form": None} | values
    return page_context(
        request, programmes=funding.programmes(viewer) if signed_in else [],
        funders=funding.funders(viewer) if signed_in else [], signed_in=signed_in,
        profiles=shipped_profiles(), **shown,
    )  # fmt: skip


@post("/reports/programmes", sync_to_thread=True, include_in_schema=False)
def create_programme(
    request: Request[Any, Any, Any],
    data: URLEncodedBody[ProgrammeForm],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Record a programme, then show it."""
    if viewer is None:
        return _login("/reports")
    acting(db_session, viewer)
    try:
        new = NewProgramme(funder=data.funder, name=data.name, profile=data.profile,
                           starts_on=_day(data.starts_on, "starts_on"),
                           ends_on=_day(data.ends_on, "ends_on"))  # fmt: skip
        programme = FundingService(db_session).create_programme(viewer, new)
    except RegistryError as exc:
        db_session.rollback()
        context = index_context(request, db_session, viewer, error=_error(request, exc),
                                error_field=exc.field, form=data)  # fmt: skip
        return Template("reports.html", context=context, status_code=status_for(exc))
    return Redirect(f"/reports/programmes/{programme.id}", status_code=HTTP_303_SEE_OTHER)


def _report(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal | None,
    programme_id: int, grant_id: int | None = None,
) -> ProgrammeReport:  # fmt: skip
    return FundingService(db_session).report(
        viewer, programme_id, now=utcnow(), registry_url=base_url(request), grant_id=grant_id
    )


def _compared(
    funding: FundingService, viewer: Principal | None, report: ProgrammeReport,
    since: int | None,
) -> tuple[list[ReportRun], ReportRun | None, list[Change] | None]:  # fmt: skip
    """The kept runs, the one to compare with (``since``, else the newest) and the changes."""
    runs = funding.runs(viewer, report.programme_id)
    earlier = next((r for r in runs if r.id == since), runs[0] if runs else None)
    changes = compare_runs(earlier.verdicts, snapshot(report)) if earlier else None
    return runs, earlier, changes


def _programme_page(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal | None,
    programme_id: int, *, status: int = 200, since: int | None = None, **values: Any,
) -> Template:  # fmt: skip
    funding = FundingService(db_session)
    programme = funding.programme(viewer, programme_id)
    report = _report(request, db_session, viewer, programme_id)
    runs, earlier, changes = _compared(funding, viewer, report, since)
    shown = {"error": None, "error_field": None, "form": None, "taken": None} | values
    context = page_context(request, programme=programme, report=report, runs=runs,
                           earlier=earlier, changes=changes, grant=None, **shown)  # fmt: skip
    context["words"] = _words(context)
    return Template("funding_programme.html", context=context, status_code=status)


@get("/reports/programmes/{programme_id:int}", sync_to_thread=True, include_in_schema=False)
def programme_page(  # noqa: PLR0917 - Litestar passes what the handler declares
    request: Request[Any, Any, Any],
    programme_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
    since: FromQuery[int | None] = None,
    taken: FromQuery[int | None] = None,
) -> Response[Any]:
    """The programme: its grants, the forms, the overview and every grant's report."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}")
    return _programme_page(request, db_session, viewer, programme_id, since=since, taken=taken)


@post("/reports/programmes/{programme_id:int}/grants", sync_to_thread=True,
      include_in_schema=False)  # fmt: skip
def add_grant(
    request: Request[Any, Any, Any],
    programme_id: RowId,
    data: URLEncodedBody[GrantForm],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Record a grant in the programme."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}")
    acting(db_session, viewer)
    try:
        FundingService(db_session).add_grant(
            viewer, programme_id, NewGrant(data.solution, data.reference)
        )
    except FundingError as exc:
        db_session.rollback()
        return _programme_page(request, db_session, viewer, programme_id,
                               status=HTTP_422_UNPROCESSABLE_ENTITY, error=_error(request, exc),
                               error_field=exc.field, form=data)  # fmt: skip
    return Redirect(f"/reports/programmes/{programme_id}", status_code=HTTP_303_SEE_OTHER)


@post("/reports/programmes/{programme_id:int}/from-entries", sync_to_thread=True,
      include_in_schema=False)  # fmt: skip
def grants_from_entries(
    programme_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Redirect:
    """Take the grants the entries declare for this funder and programme."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}")
    acting(db_session, viewer)
    added = FundingService(db_session).grants_from_entries(viewer, programme_id)
    return Redirect(f"/reports/programmes/{programme_id}?taken={len(added)}",
                    status_code=HTTP_303_SEE_OTHER)  # fmt: skip


@post("/reports/programmes/{programme_id:int}/runs", sync_to_thread=True,
      include_in_schema=False)  # fmt: skip
def record_run(
    request: Request[Any, Any, Any],
    programme_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Redirect:
    """Keep the report as it is now, to compare later runs with it."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}")
    acting(db_session, viewer)
    funding = FundingService(db_session)
    run = funding.record_run(_report(request, db_session, viewer, programme_id))
    return Redirect(f"/reports/programmes/{programme_id}?since={run.id}",
                    status_code=HTTP_303_SEE_OTHER)  # fmt: skip


@get("/reports/programmes/{programme_id:int}/grants/{grant_id:int}", sync_to_thread=True,
     include_in_schema=False)  # fmt: skip
def grant_page(
    request: Request[Any, Any, Any],
    programme_id: RowId,
    grant_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """One grant's report, to attach to its decision."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}/grants/{grant_id}")
    report = _report(request, db_session, viewer, programme_id, grant_id)
    context = page_context(request, report=report, grant=report.grants[0],
                           grant_id=grant_id)  # fmt: skip
    context["words"] = _words(context)
    return Template("funding_grant.html", context=context)


def _filename(report: ProgrammeReport, grant_id: int | None, ext: str) -> str:
    day = report.generated_at.date().isoformat()
    which = f"grant-{grant_id}" if grant_id else f"programme-{report.programme_id}"
    return f"report-{which}-{day}.{ext}"


def _download(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal | None,
    programme_id: int, *, grant: int | None, ext: str,
) -> Response[Any]:  # fmt: skip
    """The programme report (or one grant's) as PDF or CSV, named with its date, to file."""
    if viewer is None:
        return _login(f"/reports/programmes/{programme_id}")
    report = _report(request, db_session, viewer, programme_id, grant)
    _, earlier, changes = _compared(FundingService(db_session), viewer, report, None)
    context = page_context(request, report=report, grant=report.grants[0] if grant else None,
                           earlier=None if grant else earlier, changes=changes)  # fmt: skip
    words = _words(context)
    disposition = {"Content-Disposition":
                   f'attachment; filename="{_filename(report, grant, ext)}"'}  # fmt: skip
    if ext == "csv":
        return Response(content=report_csv(report, words), media_type="text/csv; charset=utf-8",
                        headers=disposition)  # fmt: skip
    context["words"] = words
    engine = request.app.template_engine
    assert engine is not None  # the app always has its templates
    page = engine.get_template("funding_print.html").render(**context)
    return Response(content=render_pdf(page), media_type="application/pdf", headers=disposition)


@get("/reports/programmes/{programme_id:int}/report.pdf", sync_to_thread=True,
     include_in_schema=False)  # fmt: skip
def download_pdf(
    request: Request[Any, Any, Any],
    programme_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
    grant: FromQuery[int | None] = None,
) -> Response[Any]:
    """The report as PDF (made on the server with WeasyPrint)."""
    return _download(request, db_session, viewer, programme_id, grant=grant, ext="pdf")


@get("/reports/programmes/{programme_id:int}/report.csv", sync_to_thread=True,
     include_in_schema=False)  # fmt: skip
def download_csv(
    request: Request[Any, Any, Any],
    programme_id: RowId,
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
    grant: FromQuery[int | None] = None,
) -> Response[Any]:
    """The report as CSV: one row per rule per funded solution."""
    return _download(request, db_session, viewer, programme_id, grant=grant, ext="csv")


def funding_handlers() -> list[Any]:
    """The funding pages, for the app's route list."""
    return [create_programme, programme_page, add_grant, grants_from_entries, record_run,
            grant_page, download_pdf, download_csv]  # fmt: skip
