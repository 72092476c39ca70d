"""Funder reports: the start page (a funder's programmes, the profiles explained) and a
requirement profile checked over the solutions one funder funds."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.orm import Session

from registry.accounts import Principal
from registry.db import utcnow
from registry.funding import grant_report
from registry.scoring import ScoringService, shipped_profile
from web.pages._context import page_context
from web.pages._funding_words import ReportWords
from web.pages.funding import index_context

MAX_SOLUTIONS = 200


@get("/reports", sync_to_thread=True, include_in_schema=False)
def reports_index(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Template:
    """A funder's programmes and the form for a new one; the profiles, explained."""
    context = index_context(request, db_session, viewer, profile=None, reports=None, funder="")
    return Template("reports.html", context=context)


@get("/reports/{name:str}", sync_to_thread=True, include_in_schema=False)
def report_page(
    request: Request[Any, Any, Any],
    name: FromPath[str],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Template:
    """Each solution's verdict and every rule; the funder is an organisation (any case)."""
    profile = shipped_profile(name)
    funder = request.query_params.get("funded_by", "").strip()[:300]
    slugs = request.query_params.getall("solution", [])
    if not funder and not slugs:
        context = index_context(
            request, db_session, viewer, profile=profile, reports=None, funder="",
            error=page_context(request)["t"]("reports.error.funded_by"), error_field="funded_by",
        )  # fmt: skip
        return Template("reports.html", context=context, status_code=HTTP_422_UNPROCESSABLE_ENTITY)
    scoring = ScoringService(db_session)
    solutions = scoring.solutions(slugs, funded_by=funder or None)[:MAX_SOLUTIONS]
    now = utcnow()
    reports = [
        grant_report(scoring.check_profile(solution, profile, now=now), reference=solution.slug,
                     source="entry", publisher=None, updated=None)
        for solution in solutions
    ]  # fmt: skip
    context = index_context(request, db_session, viewer, profile=profile, reports=reports,
                            funder=funder)  # fmt: skip
    context["words"] = ReportWords(context["t"], context["lang"])
    return Template("reports.html", context=context)
