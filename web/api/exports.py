"""Exports for harvesters: the catalogue as JSON and CSV, an Atom feed, a DCAT-AP catalogue.

publiccode.yml per entry is served at ``/solutions/{slug}/publiccode.yml`` (see
``web.api.publiccode``); every export links to it instead of repeating it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

import msgspec
from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from rdflib import Graph
from sqlalchemy.orm import Session

from registry.catalogue import catalogue_graph, jsonld, turtle
from registry.catalogue import models as m
from registry.entries import in_language
from registry.pages import OpenCatalog
from registry.search import DirectoryService, InvalidQuery, is_osi_approved
from web.api._http import CORS_HEADERS, base_url, cached, page_url
from web.api._models import SolutionDetail, solution_detail
from web.api.organisations import DIRECTORY

TAGS = ["exports"]
CSV_COLUMNS = (
    "slug",
    "name",
    "publisher",
    "licence",
    "osi_approved",
    "development_status",
    "maintenance_type",
    "domains",
    "categories",
    "standards",
    "offers",
    "verified_adopters",
    "claimed_adopters",
    "repository",
    "landing_url",
    "description_de",
    "description_en",
    "updated_at",
    "html_url",
    "publiccode_url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
ATOM = "http://www.w3.org/2005/Atom"


def safe_cell(value: object) -> str:
    """A CSV cell that spreadsheets show as text, never run as a formula (OWASP advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _short(solution: m.Solution, lang: str) -> str:
    return next((t.short_description or "" for t in solution.texts if t.lang == lang), "")


def csv_row(solution: m.Solution, base: str) -> list[str]:
    """One entry as a CSV row (lists joined with ``|``)."""
    tags = {
        kind: sorted(t.value for t in solution.tags if t.kind == kind)
        for kind in ("domain", "category")
    }
    standards = sorted({i.standard.slug for i in solution.interfaces if i.standard})
    values = [
        solution.slug,
        solution.name,
        solution.publisher.slug if solution.publisher else "",
        solution.licence,
        "" if not solution.licence else is_osi_approved(solution.licence),
        solution.development_status,
        solution.maintenance_type,
        "|".join(tags["domain"]),
        "|".join(tags["category"]),
        "|".join(standards),
        "|".join(sorted({o.kind for o in solution.offers})),
        sum(1 for a in solution.adoptions if a.verified),
        sum(1 for a in solution.adoptions if not a.verified),
        solution.url,
        solution.landing_url,
        _short(solution, "de"),
        _short(solution, "en"),
        solution.updated_at.isoformat(),
        f"{base}/solutions/{solution.slug}",
        f"{base}/solutions/{solution.slug}/publiccode.yml",
    ]
    return [safe_cell(v) for v in values]


@get(
    "/api/v1/export/solutions.csv",
    sync_to_thread=True,
    media_type="text/csv",
    operation_id="ExportSolutionsCsv",
    summary="The whole catalogue as CSV (UTF-8, formula-safe cells)",
)
def export_csv(
    request: Request[Any, Any, Any], directory: NamedDependency[DirectoryService]
) -> Response[str]:
    """Every visible entry, one row each; cells that look like formulas are quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    base = base_url(request)
    writer.writerows(csv_row(solution, base) for solution in directory.entries())
    body = out.getvalue().encode("utf-8")
    return cached(request, body, media_type="text/csv", modified=directory.last_change())


@get(
    "/api/v1/export/solutions.json",
    sync_to_thread=True,
    operation_id="ExportSolutionsJson",
    summary="The whole catalogue as JSON (every entry as in GetSolution)",
)
def export_json(
    request: Request[Any, Any, Any], directory: NamedDependency[DirectoryService]
) -> Response[list[SolutionDetail]]:
    """Every visible entry, whole."""
    base = base_url(request)
    body = msgspec.json.encode([solution_detail(s, base) for s in directory.entries()])
    return cached(request, body, modified=directory.last_change())


def atom_feed(entries: list[m.Solution], base: str, updated: datetime) -> bytes:
    """An Atom 1.0 feed of new and updated entries (escaping by ElementTree)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    for tag, text in (
        ("id", f"{base}/feed.atom"),
        ("title", "Registry: new and updated solutions"),
        ("updated", updated.isoformat()),
    ):
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/feed.atom")
    for solution in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = f"{base}/solutions/{solution.slug}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = solution.name
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = solution.updated_at.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}published").text = solution.created_at.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        publisher = solution.publisher.name if solution.publisher else "unknown"
        ET.SubElement(author, f"{{{ATOM}}}name").text = publisher
        # the feed speaks the registry's language first, then the one fallback order
        summary = in_language({t.lang: t.short_description for t in solution.texts}, "de")
        if summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


@get(
    "/feed.atom",
    sync_to_thread=True,
    media_type="application/atom+xml",
    operation_id="FeedAtom",
    summary="Atom feed of new and updated solutions",
)
def feed(
    request: Request[Any, Any, Any], directory: NamedDependency[DirectoryService]
) -> Response[str]:
    """The 50 most recently created or changed entries."""
    entries = directory.recently_changed()
    updated = entries[0].updated_at if entries else datetime(2026, 1, 1, tzinfo=UTC)
    body = atom_feed(entries, base_url(request), updated)
    return cached(request, body, media_type="application/atom+xml; charset=utf-8", modified=updated)


def _catalogue_page(request: Request[Any, Any, Any], db_session: Session) -> Graph:
    """One page of DCAT-AP records (``page[size]`` 1-100, ``page[after]`` a slug)."""
    params = request.query_params
    unknown = sorted(set(params) - {"page[size]", "page[after]"})
    if unknown:
        raise InvalidQuery(unknown[0], "unknown parameter")
    raw = params.get("page[size]", "25")
    if not raw.isdigit():
        raise InvalidQuery("page[size]", "a whole number")
    size, after = int(raw), params.get("page[after]") or None
    page = OpenCatalog(db_session).records(size=size, after=after)
    here = [("page[size]", str(size))] + ([("page[after]", after)] if after else [])
    following = (
        page_url(request, [("page[size]", str(size)), ("page[after]", page.next_after)])
        if page.next_after
        else None
    )
    modified = max((s.updated_at for s in page.items), default=None)
    return catalogue_graph(
        page.items, base_url(request), modified=modified, page_url=page_url(request, here),
        next_url=following, first_page=after is None,
    )  # fmt: skip


@get(
    "/api/v1/catalog",
    sync_to_thread=True,
    media_type="application/ld+json",
    operation_id="DcatCatalogJsonLd",
    summary="DCAT-AP 3 records, one dcat:Dataset per solution (JSON-LD, paged); "
    "Turtle at /api/v1/catalog.ttl",
)
def dcat_jsonld(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[dict[str, Any]]:
    """For open-data portals and the EU OSS catalogue: each solution a DCAT-AP dataset."""
    body: dict[str, Any] = json.loads(jsonld(_catalogue_page(request, db_session)))
    return cached(request, body, media_type="application/ld+json")


@get(
    "/api/v1/catalog.ttl",
    sync_to_thread=True,
    media_type="text/turtle",
    operation_id="DcatCatalogTurtle",
)
def dcat_turtle(
    request: Request[Any, Any, Any], db_session: NamedDependency[Session]
) -> Response[str]:
    """The same DCAT-AP records as Turtle."""
    body = turtle(_catalogue_page(request, db_session)).encode("utf-8")
    return cached(request, body, media_type="text/turtle")


def router() -> Router:
    """The whole catalogue for harvesters: CSV, JSON, Atom, DCAT-AP."""
    return Router(
        "/",
        tags=TAGS,
        response_headers=CORS_HEADERS,
        dependencies=DIRECTORY,
        route_handlers=[export_csv, export_json, feed, dcat_jsonld, dcat_turtle],
    )
