"""The home page: what the registry is for, and the catalogue."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from registry.catalogue import CatalogueService
from web.i18n import LANG_COOKIE
from web.pages._context import page_context


@get("/", sync_to_thread=True, include_in_schema=False)
def home(request: Request[Any, Any, Any], catalogue: NamedDependency[CatalogueService]) -> Template:
    """List the catalogue."""
    entries = catalogue.list_entries()
    return Template(template_name="home.html", context=page_context(request, entries=entries))


@get("/lang/{code:str}", include_in_schema=False, sync_to_thread=False)
def switch_language(request: Request[Any, Any, Any], code: FromPath[str]) -> Response[None]:
    """Remember a language choice in a cookie and go back (works without JavaScript)."""
    languages = request.app.state.settings.languages
    chosen = code if code in languages else languages[0]
    back = request.query_params.get("next", "/")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    return Redirect(
        back,
        cookies=[Cookie(key=LANG_COOKIE, value=chosen, max_age=31_536_000, samesite="lax",
                        httponly=True)],
    )  # fmt: skip
