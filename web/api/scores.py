"""Scores, requirement profiles and badges over HTTP: thin handlers over ``ScoringService``.

GET /api/v1/solutions/{slug}/score?lang=de       current result, every check explained
GET /api/v1/profiles                              shipped funder profiles
GET /api/v1/profiles/{name}                       one profile as data
GET /api/v1/solutions/{slug}/profiles/{name}      pass/fail report (json, csv, html, text)
GET /badges/{slug}.svg | /badges/{slug}.json      README badge, shields.io endpoint
"""

from typing import Any, Literal

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from sqlalchemy.orm import Session

from registry.db import utcnow
from registry.errors import NotFound
from registry.scoring import (
    MEDIA_TYPES,
    ScoringService,
    badge_svg,
    render_reports,
    shields_only,
    shipped_profile,
    shipped_profiles,
    unknown_badge_svg,
)

TAGS = ["scores"]
Lang = Literal["de", "en"]
ReportFormat = Literal["json", "csv", "html", "text"]


def provide_scoring(db_session: NamedDependency[Session]) -> ScoringService:
    """The scoring service on this request's session."""
    return ScoringService(db_session)


@get("/solutions/{slug:str}/score", sync_to_thread=True, operation_id="GetSolutionScore")
def solution_score(
    scoring: NamedDependency[ScoringService], slug: FromPath[str], lang: FromQuery[Lang] = "en"
) -> dict[str, Any]:
    """The current score with every check (status, points, evidence, fix) and its history."""
    return scoring.explained(slug, lang=lang, now=utcnow())


@get("/profiles", sync_to_thread=False, operation_id="ListProfiles")
def list_profiles(lang: FromQuery[Lang] = "en") -> list[dict[str, Any]]:
    """The shipped funder requirement profiles."""
    return [
        {"name": p.profile, "version": p.version, "title": p.title.get(lang),
         "description": p.description.get(lang) if p.description else None,
         "unknown_as": p.unknown_as, "anchors": p.anchors}
        for p in shipped_profiles().values()
    ]  # fmt: skip


@get("/profiles/{name:str}", sync_to_thread=False, operation_id="GetProfile")
def get_profile(name: FromPath[str]) -> dict[str, Any]:
    """One profile as data (the same shape as its YAML)."""
    data: dict[str, Any] = msgspec.to_builtins(shipped_profile(name))
    return data


@get("/solutions/{slug:str}/profiles/{name:str}", sync_to_thread=True,
     operation_id="CheckSolutionProfile")  # fmt: skip
def check_profile(
    scoring: NamedDependency[ScoringService],
    slug: FromPath[str],
    name: FromPath[str],
    lang: FromQuery[Lang] = "en",
    format: FromQuery[ReportFormat] = "json",
) -> Response[Any]:
    """The pass/fail report of a solution against a profile, as JSON, CSV, HTML or text."""
    report = scoring.profile_report(slug, name, now=utcnow())
    if format == "json":
        return Response(report.to_json(lang))
    headers = {"Content-Disposition": f'attachment; filename="{slug}-{name}.csv"'}
    return Response(
        render_reports([report], format, lang),
        media_type=MEDIA_TYPES[format],
        headers=headers if format == "csv" else None,
    )


@get("/badges/{name:str}", sync_to_thread=True, tags=["badges"], operation_id="GetBadge")
def badge(
    scoring: NamedDependency[ScoringService],
    name: FromPath[str],
    lang: FromQuery[Lang] = "en",
    shields: FromQuery[bool] = False,
) -> Response[Any]:
    """``{slug}.svg`` (accessible badge) or ``{slug}.json`` (shields.io endpoint + explanation)."""
    slug, dot, kind = name.rpartition(".")
    if not dot or kind not in ("svg", "json"):
        raise NotFound(f"no badge {name!r}: use {{slug}}.svg or {{slug}}.json", field="name")
    try:
        data = scoring.badge(slug, lang=lang, now=utcnow())
    except NotFound:
        if kind == "json":
            raise
        # An embedded <img> must still show something: an SVG saying "unknown", with 404.
        return Response(
            unknown_badge_svg(lang),
            status_code=404,
            media_type="image/svg+xml",
            headers={"Cache-Control": "max-age=300"},
        )
    if kind == "json":
        return Response(shields_only(data) if shields else data)
    svg = badge_svg(data["label"], data["message"], data["color"])
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})


def router() -> Router:
    """Every scoring route, with the scoring service as a dependency."""
    api = Router(
        "/api/v1",
        tags=TAGS,
        route_handlers=[solution_score, list_profiles, get_profile, check_profile],
    )
    return Router(
        path="/",
        route_handlers=[api, badge],
        dependencies={"scoring": Provide(provide_scoring, sync_to_thread=False)},
    )
