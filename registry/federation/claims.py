"""Claiming a harvested entry: the organisation that publishes the repository takes it over.

    reason = claim_refusal(session, solution, organisation)   # None: it may
    claim(session, solution, organisation)                     # publisher set, harvest yields

An entry a harvest created (no local publisher, or only an organisation the harvest made
from a catalogue's publisher list, with no members) can be claimed with the same proof as
publishing it (``registry.imports.ownership.proves``: a verified code source or a verified
domain holding the repository). After the claim the organisation is the publisher and no
catalogue writes the entry again: its members' edits and imports win over every re-harvest;
the catalogues stay listed as sources.
"""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from registry.accounts import Membership
from registry.catalogue import HarvestedEntry, entry_changed
from registry.catalogue import models as m
from registry.db import utcnow
from registry.errors import Conflict, Forbidden, RegistryError
from registry.imports import proves
from registry.organisations import Organisation

__all__ = ["claim", "claim_refusal", "claimable_for"]


def _held_by_harvest(session: Session, solution: m.Solution) -> list[HarvestedEntry]:
    return list(session.scalars(
        select(HarvestedEntry).where(HarvestedEntry.solution_id == solution.id,
                                     HarvestedEntry.kind == "software",
                                     HarvestedEntry.owner.is_(True))
    ))  # fmt: skip


def _harvest_made(session: Session, organisation_id: int) -> bool:
    """An organisation a harvest made from a publisher list, nobody's account in it."""
    made = session.scalar(
        select(exists().where(HarvestedEntry.kind == "publisher",
                              HarvestedEntry.organisation_id == organisation_id))
    )  # fmt: skip
    members = session.scalar(
        select(func.count()).select_from(Membership)
        .where(Membership.organisation_id == organisation_id)
    )  # fmt: skip
    return bool(made) and not members


def _refusal(
    session: Session, solution: m.Solution, organisation: Organisation
) -> RegistryError | None:
    if not _held_by_harvest(session, solution):
        return Conflict(
            "Dieser Eintrag stammt nicht (mehr) aus einem geernteten Katalog. / "
            "This entry is not (or no longer) held by a harvested catalogue.",
            field="organisation",
        )
    publisher = solution.publisher_id
    if publisher == organisation.id:
        return Conflict(
            "Der Eintrag gehört schon Ihrer Organisation. / The entry is already yours.",
            field="organisation",
        )
    if publisher is not None and not _harvest_made(session, publisher):
        return Conflict(
            "Der Eintrag hat einen Herausgeber in diesem Register; eine Übertragung beantragen "
            "Sie bei dessen Administratoren. / The entry has a publisher here; ask its admins "
            "for a transfer.",
            field="organisation",
        )
    if not proves(session, organisation, solution):
        return Forbidden(
            "Übernehmen kann ihn eine Organisation, deren bestätigte Code-Quelle oder Domain "
            "das Repository enthält. / An organisation whose verified code source or domain "
            "holds the repository can claim it.",
            field="organisation",
        )
    return None


def claim_refusal(session: Session, solution: m.Solution, organisation: Organisation) -> str | None:
    """Why ``organisation`` may not claim ``solution`` (None: it may)."""
    refused = _refusal(session, solution, organisation)
    return refused.message if refused else None


def claimable_for(
    session: Session, solution: m.Solution, organisation_ids: frozenset[int]
) -> list[Organisation]:
    """The viewer's organisations that may claim ``solution`` (for the page's button)."""
    if not organisation_ids or not _held_by_harvest(session, solution):
        return []
    orgs = session.scalars(
        select(Organisation)
        .where(Organisation.id.in_(organisation_ids))
        .order_by(Organisation.name)
    )
    return [o for o in orgs if claim_refusal(session, solution, o) is None]


def claim(session: Session, solution: m.Solution, organisation: Organisation) -> None:
    """Make ``organisation`` the publisher; no catalogue writes the entry from now on.
    The entry's derived steps (its score) follow at once, as after every service verb.

    Raises ``Forbidden`` without proof, ``Conflict`` when there is nothing to claim.
    """
    refused = _refusal(session, solution, organisation)
    if refused is not None:
        raise refused
    solution.publisher_id = organisation.id
    for row in _held_by_harvest(session, solution):
        row.owner = False
        row.details = {**row.details, "claimed_by": organisation.slug}
    session.flush()
    entry_changed(session, solution, now=utcnow())
