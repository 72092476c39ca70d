"""Members edit what importers cannot know: offers, governance, funding, interfaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Router, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK
from msgspec import Meta, Struct
from sqlalchemy.orm import Session

from registry.accounts import Principal, require_member, require_transfer
from registry.catalogue import CURATED_FIELDS, CatalogueService, transfer_entry
from registry.errors import InvalidInput, NotFound
from registry.organisations import OrganisationService
from web.api._http import ENTRY
from web.auth import WRITE_SECURITY, acting


@dataclass
class EditOut:
    """The outcome of an edit and the member values now standing over imports."""

    slug: str
    action: str
    publisher_overrides: dict[str, Any]


@patch(ENTRY, sync_to_thread=True, tags=["edits"],
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
    return EditOut(outcome.solution.slug, outcome.action, outcome.solution.publisher_overrides)


class TransferIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """The organisation that becomes the entry's publisher."""

    organisation: Annotated[str, Meta(min_length=1, max_length=100)]


@dataclass
class TransferOut:
    """The entry's publisher after the transfer, and whether it changed."""

    slug: str
    publisher: str
    changed: bool


@post("/transfer", sync_to_thread=True,
      operation_id="TransferSolution", status_code=HTTP_200_OK,
      description="Move an entry to another publishing organisation: the admins of both "
                  "organisations, or a registry admin. Imports never move an entry.")  # fmt: skip
def transfer_solution(
    slug: FromPath[str],
    data: JSONBody[TransferIn],
    catalogue: NamedDependency[CatalogueService],
    db_session: NamedDependency[Session],
    principal: NamedDependency[Principal | None],
) -> TransferOut:
    """An explicit, audited transfer (``registry.catalogue.transfer``)."""
    solution = catalogue.get(slug)
    try:
        target = OrganisationService(db_session).get(data.organisation)
    except NotFound as exc:
        raise InvalidInput(f"organisation: no organisation {data.organisation!r}",
                           field="organisation") from exc  # fmt: skip
    acting(db_session, require_transfer(principal, solution.publisher_id, target.id))
    changed = transfer_entry(db_session, solution, target.id)
    return TransferOut(solution.slug, target.slug, changed)


def router() -> Router:
    """Members' edits and transfers of an entry (every one a write)."""
    return Router(
        "/api/v1/solutions/{slug:str}",
        tags=["edits"],
        security=WRITE_SECURITY,
        route_handlers=[transfer_solution],
    )
