"""Funder reports as a printable page: a requirement profile over the solutions one funds."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from sqlalchemy.orm import Session

from registry.db.base import utcnow
from registry.errors import InvalidInput
from registry.scoring import ScoringService, shipped_profiles
from registry.scoring.profiles import shipped_profile
from web.pages._context import page_context

MAX_SOLUTIONS = 200


@get("/reports", sync_to_thread=True, include_in_schema=False)
def reports_index(request: Request[Any, Any, Any]) -> Template:
    """Choose a profile and the funder (or solutions) to report on."""
    profiles = shipped_profiles()
    return Template("reports.html", context=page_context(request, profiles=profiles, reports=None,
                                                          profile=None, funder=""))  # fmt: skip


@get("/reports/{name:str}", sync_to_thread=True, include_in_schema=False)
def report_page(
    request: Request[Any, Any, Any], name: FromPath[str], db_session: NamedDependency[Session]
) -> Template:
    """Each solution's verdict, every rule with its observed value, evidence and fix."""
    profile = shipped_profile(name)
    funder = request.query_params.get("funded_by", "").strip()
    slugs = request.query_params.getall("solution", [])
    if not funder and not slugs:
        raise InvalidInput("funded_by: name a funder or one or more solutions", field="funded_by")
    scoring = ScoringService(db_session)
    solutions = scoring.solutions(slugs, funded_by=funder or None)[:MAX_SOLUTIONS]
    now = utcnow()
    lang = page_context(request)["lang"]
    reports = []
    for solution in solutions:
        report = scoring.check_profile(solution, profile, now=now)
        reports.append({"report": report.to_json(lang),
                        "rules": [leaf.to_json(lang) for leaf in report.leaves()]})  # fmt: skip
    context = page_context(request, profiles=shipped_profiles(), profile=profile,
                           reports=reports, funder=funder)  # fmt: skip
    return Template("reports.html", context=context)
