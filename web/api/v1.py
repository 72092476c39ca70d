"""The JSON API, one router per resource: each carries its path prefix, tags, security,
CORS headers and dependencies once (``web.app.create_app`` registers the list)."""

from __future__ import annotations

from litestar import Router

from web.api import (
    adoptions,
    edits,
    exports,
    health,
    history,
    hooks,
    imports,
    members,
    opencatalog,
    organisations,
    publiccode,
    scores,
    solutions,
    standards,
    tokens,
    webhooks,
)

#: In registration order; a resource's read and write handlers may share a path.
RESOURCES = (
    health,
    hooks,
    scores,
    solutions,
    organisations,
    standards,
    exports,
    opencatalog,
    publiccode,
    adoptions,
    history,
    edits,
    members,
    tokens,
    webhooks,
    imports,
)


def api_routers() -> list[Router]:
    """A fresh router per resource (each app registers its own), and one for the path an
    entry's GET, PATCH and DELETE share (``web.api._http.ENTRY``)."""
    entry = Router(
        "/",
        route_handlers=[solutions.get_solution, edits.edit_solution, history.delete_solution],
    )
    return [*(resource.router() for resource in RESOURCES), entry]
