"""The publiccode.yml editor: a form with the standard's help that writes the file.

The form is read into ``registry.publiccode.authoring.Authored``; its per-field checks and
then the project's validator judge the text it renders. "Check" shows the problems (each
at its field, in the page's language) or the score the file earns; "Download" hands out
the valid file; "Publish" queues it as the publish page does (``web.api.imports.submit``).
"""

from functools import partial
from typing import Any

import anyio
from litestar import Request, Response, get, post
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.orm import Session

from registry.accounts import AccountService, Principal
from registry.db import utcnow
from registry.errors import InvalidInput
from registry.imports import preview_publiccode
from registry.publiccode import (
    LANGUAGES,
    PLATFORMS,
    Authored,
    FieldProblem,
    LanguageText,
    check_authored,
    field_of_issue,
    render_publiccode,
    validate,
    vocabulary,
)
from registry.scoring import explain_result
from web.api.imports import ImportIn, submit
from web.pages._context import page_context

__all__ = ["editor_page", "editor_submit"]

#: The longest a single field may be (the long description's own limit is lower in the rules).
MAX_FIELD = 20_000
_TEXT_FIELDS = ("name", "url", "landing_url", "software_version", "development_status",
                "software_type", "licence", "maintenance_type", "contact_name", "contact_email",
                "contractor_name", "contractor_until")  # fmt: skip


def _lines(value: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in value.splitlines() if line.strip())


def _words(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(";", ",").split(",") if part.strip())


def _text(form: FormMultiDict, name: str) -> str:
    value = form.get(name)
    return value.strip()[:MAX_FIELD] if isinstance(value, str) else ""


def read_form(form: FormMultiDict) -> Authored:
    """The editor's fields as ``Authored`` (unknown fields ignored, each value bounded)."""
    texts = {
        lang: LanguageText(
            short=_text(form, f"{lang}_short"), long=_text(form, f"{lang}_long"),
            features=_lines(_text(form, f"{lang}_features")),
            documentation=_text(form, f"{lang}_documentation"),
        )
        for lang in LANGUAGES
    }  # fmt: skip
    values = {name: _text(form, name) for name in _TEXT_FIELDS}
    return Authored(
        **values,
        platforms=tuple(p for p in form.getall("platforms", []) if isinstance(p, str))[:20],
        categories=tuple(c for c in form.getall("categories", []) if isinstance(c, str))[:50],
        localisation_ready=_text(form, "localisation_ready") == "yes",
        available_languages=_words(_text(form, "available_languages")),
        texts=texts,
    )


def _raw_values(form: FormMultiDict | None) -> dict[str, Any]:
    """What the person typed, to refill the form (multi-valued fields as lists)."""
    if form is None:
        return {}
    values: dict[str, Any] = {key: _text(form, key) for key in form}
    values["platforms"] = form.getall("platforms", [])
    values["categories"] = form.getall("categories", [])
    return values


def _organisations(db_session: Session, viewer: Principal) -> list[Any]:
    account = AccountService(db_session).get(viewer.email)
    return [membership.organisation for membership in account.memberships]


def _page(
    request: Request[Any, Any, Any], db_session: Session, viewer: Principal, **extra: Any
) -> Template:
    status = extra.pop("status", 200)
    vocab = vocabulary()
    defaults: dict[str, Any] = {"values": {}, "problems": [], "score": None, "text": None}
    context = page_context(
        request, organisations=_organisations(db_session, viewer), languages_offered=LANGUAGES,
        platforms=PLATFORMS, categories=sorted(vocab.categories),
        statuses=vocab.development_statuses, software_types=vocab.software_types,
        maintenance_types=vocab.maintenance_types, **(defaults | extra),
    )  # fmt: skip
    context["problem_of"] = {p.field: p for p in reversed(context["problems"])}
    return Template("editor.html", context=context, status_code=status)


def _login() -> Redirect:
    return Redirect("/login?next=/publish/editor", status_code=HTTP_303_SEE_OTHER)


@get("/publish/editor", include_in_schema=False)
async def editor_page(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """The empty editor (a repository URL and organisation may be passed in the query)."""
    if viewer is None:
        return _login()
    values = {"url": request.query_params.get("repository_url", "")[:500],
              "organisation": request.query_params.get("organisation", "")[:100],
              "localisation_ready": "yes", "available_languages": "de"}  # fmt: skip
    return await anyio.to_thread.run_sync(partial(_page, request, db_session, viewer,
                                                  values=values))  # fmt: skip


def _problems(authored: Authored, text: str) -> list[FieldProblem]:
    problems = check_authored(authored)
    if problems:
        return problems
    report = validate(text.encode("utf-8"), filename="publiccode.yml")
    return [
        FieldProblem(
            field_of_issue(issue.key), "editor.err.standard", {"detail": issue.description}
        )
        for issue in report.errors
    ]


@post("/publish/editor", include_in_schema=False, request_max_body_size=256 * 1024)
async def editor_submit(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[Session],
    viewer: NamedDependency[Principal | None],
) -> Response[Any]:
    """Check (problems or score), download (the valid file) or publish (queue it)."""
    if viewer is None:
        return _login()
    form = await request.form()
    authored = read_form(form)
    text = render_publiccode(authored)
    problems = _problems(authored, text)
    action = _text(form, "action")
    page = partial(_page, request, db_session, viewer, values=_raw_values(form), text=text)
    if problems:
        return page(problems=problems, status=HTTP_422_UNPROCESSABLE_ENTITY)
    if action == "download":
        disposition = {"Content-Disposition": 'attachment; filename="publiccode.yml"'}
        return Response(text, status_code=HTTP_200_OK, headers=disposition,
                        media_type="application/yaml; charset=utf-8")  # fmt: skip
    if action == "publish":
        data = ImportIn(organisation=_text(form, "organisation"), publiccode=text)
        try:
            status = await submit(request.app.state, db_session, viewer, data)
        except InvalidInput as exc:
            problem = FieldProblem(exc.field or "organisation", "editor.err.organisation")
            return page(problems=[problem], status=HTTP_422_UNPROCESSABLE_ENTITY)
        return Redirect(f"/imports/{status.id}", status_code=HTTP_303_SEE_OTHER)
    preview = preview_publiccode(text.encode("utf-8"), now=utcnow())
    lang = page_context(request)["lang"]
    score = explain_result(preview.score.to_json(), lang) if preview.score else None
    return page(score=score)
