"""Forms for members: edit what importers cannot know, and declare an adoption."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import anyio
from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.orm import Session

from registry.accounts import (
    AccountService,
    Principal,
    require_member,
    require_organisation_creator,
)
from registry.catalogue import (
    AdoptionService,
    CatalogueService,
    Declaration,
    UnknownStandard,
    catalogue_standards,
)
from registry.catalogue import models as m
from registry.db import utcnow
from registry.entries import (
    ADOPTION_ROLES,
    DOMAINS,
    GOVERNANCE,
    MAINTENANCE_TYPES,
    OFFER_KINDS,
    ORGANISATION_KINDS,
)
from registry.errors import InvalidInput, RegistryError
from registry.organisations import (
    NewOrganisation,
    OrganisationService,
    OrganisationTaken,
    UnknownOrganisation,
)
from web.auth import acting, api_throttle
from web.errors import status_for
from web.i18n import choose_language, translator
from web.pages._context import page_context

ROWS = {"offers": ("kind", "provider", "docs_url", "until", "region"),
        "funding": ("funder", "programme", "grant_reference"),
        "interfaces": ("standard", "role", "uncatalogued")}  # fmt: skip
BLANK_ROWS = 2
#: Organisations offered to choose from on the edit page (the search narrows them).
CHOICES = 200
#: Row columns that are selects or checkboxes: alone they are no entry.
SELECTS = frozenset({"kind", "role", "uncatalogued"})
#: Checkbox columns: sent as "1" when ticked, stored as true.
FLAGS = frozenset({"uncatalogued"})
ADOPT_FIELDS = ("organisation", "role", "since", "version", "instance_url", "public_contact",
                "contact_consent")  # fmt: skip


def field_id(path: str) -> str:
    """The form control's id for an error path: ``offers[0].kind`` → ``offers-0-kind``."""
    return re.sub(r"[^a-z0-9_]+", "-", path.lower()).strip("-")


def patch_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The edit form as an edit patch; rows without any typed text are left out."""

    def one(name: str) -> str:
        return str(form.get(name) or "").strip()

    patch: dict[str, Any] = {}
    for name in ("governance", "maintenance_type"):
        patch[name] = one(name) or None
    patch["domains"] = [key for key in DOMAINS if one(f"domain-{key}")] or None
    for relation, columns in ROWS.items():
        rows = []
        for i in range(50):
            if f"{relation}-{i}-{columns[0]}" not in form:
                break
            row: dict[str, Any] = {c: one(f"{relation}-{i}-{c}") for c in columns}
            # A row counts when its first field or any text is given; a select that is
            # always sent (the interface's direction) alone is no entry.
            if row[columns[0]] or any(row[c] for c in columns if c not in SELECTS):
                row |= {c: True for c in FLAGS if row.get(c)}
                rows.append({k: v for k, v in row.items() if v})
        patch[relation] = rows or None
    alternatives = [line.strip() for line in one("alternative_to").splitlines() if line.strip()]
    patch["alternative_to"] = alternatives or None
    return patch


def _shown(value: Any) -> str:
    """A row's value as the form shows it; an organisation by its slug (what it is chosen by)."""
    if isinstance(value, dict):
        return str(value.get("slug") or value.get("name") or "")
    if value is True:
        return "1"
    return str(value or "")


def _rows(solution: m.Solution) -> dict[str, list[dict[str, Any]]]:
    current = solution.publisher_overrides or {}
    rows: dict[str, list[dict[str, Any]]] = {}
    for relation, columns in ROWS.items():
        given = [{c: _shown(r.get(c)) for c in columns} for r in current.get(relation) or []]
        rows[relation] = given + [dict.fromkeys(columns, "") for _ in range(BLANK_ROWS)]
    return rows


def _editor(request: Request[Any, Any, Any], solution: m.Solution, orgs: OrganisationService,
            **extra: Any) -> Template:  # fmt: skip
    status = extra.pop("status", 200)
    overrides = solution.publisher_overrides or {}
    q = str(request.query_params.get("organisation_q") or "").strip()[:200]
    values: dict[str, Any] = {"error": None, "error_id": None, "new_org": None, "existing": None,
                              **extra}  # fmt: skip
    context = page_context(
        request, solution=solution, rows=_rows(solution), governance=GOVERNANCE,
        maintenance_types=MAINTENANCE_TYPES, offer_kinds=OFFER_KINDS, domains=DOMAINS,
        chosen_domains={t.value for t in solution.tags if t.kind == "domain"},
        standards=catalogue_standards(orgs.db),
        alternatives="\n".join(overrides.get("alternative_to") or []),
        organisation_q=q, choices=orgs.search(q, limit=CHOICES), kinds=ORGANISATION_KINDS,
        created=str(request.query_params.get("created") or "")[:100] or None, **values,
    )  # fmt: skip
    return Template("edit.html", context=context, status_code=status)


def _failed(request: Request[Any, Any, Any], solution: m.Solution, orgs: OrganisationService,
            exc: InvalidInput) -> Template:  # fmt: skip
    """The form again, with the error in the reader's language where a page text exists."""
    message = None
    if isinstance(exc, UnknownOrganisation | UnknownStandard):
        lang = choose_language(request, request.app.state.settings.languages)
        message = translator(lang)(exc.key, **exc.values)
    return _editor(
        request, solution, orgs, error=message or exc.message,
        error_id=field_id(exc.field or ""), status=HTTP_422_UNPROCESSABLE_ENTITY,
    )  # fmt: skip


def _login(slug: str, what: str) -> Redirect:
    return Redirect(f"/login?next=/solutions/{slug}/{what}", status_code=HTTP_303_SEE_OTHER)


@get("/solutions/{slug:str}/edit", include_in_schema=False)
async def edit_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The edit form for members of the publishing organisation."""
    # async with a worker thread: Litestar 2.25 wraps a sync GET twice when the same path
    # also carries a POST handler (see web/api/solutions.py).
    return await anyio.to_thread.run_sync(_edit_page, request, slug, catalogue, viewer)


def _edit_page(
    request: Request[Any, Any, Any], slug: str, catalogue: CatalogueService,
    viewer: Principal | None,
) -> Response[Any]:  # fmt: skip
    if viewer is None:
        return _login(slug, "edit")
    solution = catalogue.get(slug)
    require_member(viewer, solution.publisher_id)
    return _editor(request, solution, catalogue.orgs)


@post("/solutions/{slug:str}/edit", sync_to_thread=True, include_in_schema=False)
def edit_submit(
    *,
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: URLEncodedBody[dict[str, str]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Apply the edit; errors come back on the form, linked to the field."""
    patch = patch_from_form(data)
    if viewer is None:
        return _login(slug, "edit")
    solution = catalogue.get(slug)
    acting(db_session, require_member(viewer, solution.publisher_id))
    try:
        outcome = catalogue.edit(slug, patch)
    except InvalidInput as exc:
        db_session.rollback()
        return _failed(request, catalogue.get(slug), catalogue.orgs, exc)
    return Redirect(
        f"/solutions/{slug}?saved={outcome.action}#saved", status_code=HTTP_303_SEE_OTHER
    )


def _adopter(request: Request[Any, Any, Any], solution: m.Solution, viewer: Principal,
             db_session: Session, **extra: Any) -> Template:  # fmt: skip
    status = extra.pop("status", 200)
    orgs = [mb.organisation for mb in AccountService(db_session).get(viewer.email).memberships]
    values: dict[str, Any] = {"error": None, "error_id": None, "form": {}, **extra}
    context = page_context(request, solution=solution, organisations=orgs, roles=ADOPTION_ROLES,
                           **values)  # fmt: skip
    return Template("adopt.html", context=context, status_code=status)


@get("/solutions/{slug:str}/adopt", include_in_schema=False)
async def adopt_page(
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The declaration form: my organisation uses, operates, funds or co-develops this."""
    return await anyio.to_thread.run_sync(_adopt_page, request, slug, catalogue, db_session, viewer)


def _adopt_page(
    request: Request[Any, Any, Any], slug: str, catalogue: CatalogueService,
    db_session: Session, viewer: Principal | None,
) -> Response[Any]:  # fmt: skip
    if viewer is None:
        return _login(slug, "adopt")
    return _adopter(request, catalogue.get(slug), viewer, db_session)


@post("/solutions/{slug:str}/adopt", sync_to_thread=True, include_in_schema=False)
def adopt_submit(
    *,
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: URLEncodedBody[dict[str, str]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Record the declaration for one's own organisation (valid 24 months)."""
    values = {k: str(data.get(k) or "").strip() for k in ADOPT_FIELDS}
    if viewer is None:
        return _login(slug, "adopt")
    solution = catalogue.get(slug)
    service = AdoptionService(db_session)
    try:
        org = service.organisation(values["organisation"])
        acting(db_session, require_member(viewer, org.id))
        try:
            since = date.fromisoformat(values["since"]) if values["since"] else None
        except ValueError as exc:
            raise InvalidInput("since: expected a date YYYY-MM-DD", field="since") from exc
        declaration = Declaration(
            organisation=org.slug, role=values["role"] or "uses", since=since,
            version=values["version"] or None, instance_url=values["instance_url"] or None,
            public_contact=values["public_contact"] or None,
            contact_consent=bool(values["contact_consent"]),
        )  # fmt: skip
        service.declare(solution, declaration, account_id=viewer.account_id, now=utcnow())
    except InvalidInput as exc:
        db_session.rollback()
        return _adopter(
            request, catalogue.get(slug), viewer, db_session, error=exc.message,
            error_id=field_id(exc.field or ""), status=status_for(exc), form=values,
        )  # fmt: skip
    return Redirect(f"/solutions/{slug}?saved=adoption#adopters", status_code=HTTP_303_SEE_OTHER)


@post("/solutions/{slug:str}/claims/{adoption_id:int}/confirm", sync_to_thread=True,
      include_in_schema=False)  # fmt: skip
def confirm_claim_page(
    *,
    slug: FromPath[str],
    adoption_id: FromPath[int],
    data: URLEncodedBody[dict[str, str]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """One click: a member of the organisation a ``usedBy`` line names confirms it."""
    if viewer is None:
        return _login(slug, "")
    solution = catalogue.get(slug)
    service = AdoptionService(db_session)
    org = service.organisation(str(data.get("organisation") or ""))
    acting(db_session, require_member(viewer, org.id))
    service.confirm_claim(service.get(solution, adoption_id), org, account_id=viewer.account_id,
                          now=utcnow())  # fmt: skip
    return Redirect(f"/solutions/{slug}#adopters", status_code=HTTP_303_SEE_OTHER)


NEW_ORG_FIELDS = ("name", "kind", "identifier", "website")


@post("/solutions/{slug:str}/organisations", sync_to_thread=True, include_in_schema=False)
def create_organisation_page(
    *,
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    data: URLEncodedBody[dict[str, str]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The explicit step of adding an organisation that a search did not find; the edit
    form comes back with it found, to be picked (``OrganisationService.create`` refuses a
    duplicate, naming the existing one)."""
    values = {k: str(data.get(k) or "").strip()[:500] for k in NEW_ORG_FIELDS}
    if viewer is None:
        return _login(slug, "edit")
    solution = catalogue.get(slug)
    require_member(viewer, solution.publisher_id)
    actor = acting(db_session, require_organisation_creator(viewer))
    creations = api_throttle(request).organisation_creations
    try:
        creations.check(actor.account_id, "organisation")
        new = NewOrganisation(name=values["name"], kind=values["kind"] or "other-public-body",
                              identifier=values["identifier"] or None,
                              website=values["website"] or None)  # fmt: skip
        org = catalogue.orgs.create(new)
    except RegistryError as exc:
        db_session.rollback()
        existing = exc.existing.slug if isinstance(exc, OrganisationTaken) else None
        return _editor(
            request, catalogue.get(slug), catalogue.orgs, error=exc.message,
            error_id=f"new-org-{exc.field}" if exc.field in NEW_ORG_FIELDS else None,
            new_org=values, existing=existing, status=status_for(exc),
        )  # fmt: skip
    creations.hit(actor.account_id)
    target = f"/solutions/{slug}/edit?organisation_q={org.slug}&created={org.slug}"
    return Redirect(target + "#organisation-results", status_code=HTTP_303_SEE_OTHER)
