"""Members edit what importers cannot know: offers, governance, funding, interfaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import patch
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlalchemy.orm import Session

from registry.accounts.authz import Principal, require_member
from registry.catalogue import CatalogueService
from registry.catalogue.curation import CURATED_FIELDS
from registry.db.base import utcnow
from registry.scoring import rescore
from web.auth import WRITE_SECURITY, acting


@dataclass
class EditOut:
    """The outcome of an edit and the member values now standing over imports."""

    slug: str
    action: str
    publisher_overrides: dict[str, Any]


@patch("/api/v1/solutions/{slug:str}", sync_to_thread=True, tags=["edits"],
       operation_id="EditSolution", security=WRITE_SECURITY,
       description=f"Editable fields: {', '.join(CURATED_FIELDS)}. A field set to null "
                   "drops the member's value.")  # fmt: skip
def edit_solution(
    slug: FromPath[str],
    data: JSONBody[dict[str, Any]],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> EditOut:
    """Members of the publishing organisation set values a re-import never overwrites."""
    solution = catalogue.get(slug)
    acting(db_session, require_member(principal, solution.publisher_id))
    outcome = catalogue.edit(slug, data)
    rescore(db_session, outcome.solution, now=utcnow())
    return EditOut(outcome.solution.slug, outcome.action, outcome.solution.publisher_overrides)
