"""``GET /health``: database reachable and migrated to head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request, Response, Router, get
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE
from sqlalchemy.exc import SQLAlchemyError

from registry.db import migrate


@dataclass
class Health:
    """Liveness and readiness in one answer."""

    status: str
    database: str
    migration_current: str | None
    migration_head: str | None
    up_to_date: bool


@get("/health", sync_to_thread=True, operation_id="GetHealth")
def health(request: Request[Any, Any, Any]) -> Response[Health]:
    """Answer 200 when the database is reachable and at the migration head, else 503."""
    settings = request.app.state.settings
    head = migrate.head_revision(settings)
    try:
        current = migrate.current_revision(request.app.state.engine)
        database = "ok"
    except SQLAlchemyError as exc:
        current, database = None, f"unreachable: {type(exc).__name__}"
    ok = database == "ok" and current == head
    body = Health("ok" if ok else "degraded", database, current, head, current == head)
    return Response(body, status_code=HTTP_200_OK if ok else HTTP_503_SERVICE_UNAVAILABLE)


def router() -> Router:
    """Liveness and readiness."""
    return Router(
        "/",
        tags=["health"],
        route_handlers=[health],
    )
