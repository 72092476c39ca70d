"""Cleaning up organisations: remove the ones nothing links to, merge duplicates.

Edits once created an organisation for every new provider or funder name typed in, so a
registry may hold unverified organisations no one uses, some of them duplicates of real
ones. ``prune`` removes those without any link (members, published or adopted entries,
offers, funding, code sources, child organisations); ``merge`` moves every link of one
organisation to another, then removes it. Both are audited (the listener records each
removed organisation and moved row; entries get a whole-entry event) and never commit:
``registry organisations prune|merge`` owns the unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from registry.accounts import Membership
from registry.audit import record_event
from registry.catalogue import models as m
from registry.catalogue.curation import ORGANISATION_COLUMNS
from registry.catalogue.services import LOAD_ENTRY
from registry.catalogue.snapshots import entry_snapshot
from registry.errors import InvalidInput, NotFound
from registry.organisations import CodeSource, Organisation

__all__ = ["Links", "links", "merge", "prune", "unlinked"]


@dataclass(frozen=True, slots=True)
class Links:
    """How many rows name an organisation, by kind."""

    members: int = 0
    publishes: int = 0
    adoptions: int = 0
    offers: int = 0
    funding: int = 0
    sources: int = 0
    children: int = 0

    @property
    def total(self) -> int:
        """All links together: 0 means nothing would notice the organisation gone."""
        return sum(getattr(self, f.name) for f in fields(self))


def links(session: Session, org: Organisation) -> Links:
    """Every link to ``org``, counted."""

    def count(column: Any) -> int:
        return int(session.scalar(select(func.count()).where(column == org.id)) or 0)

    return Links(
        members=count(Membership.organisation_id),
        publishes=count(m.Solution.publisher_id),
        adoptions=count(m.Adoption.organisation_id),
        offers=count(m.OperatingOffer.provider_id),
        funding=count(m.Funding.funder_id),
        sources=count(CodeSource.organisation_id),
        children=count(Organisation.parent_id),
    )


def unlinked(session: Session) -> list[Organisation]:
    """Unverified organisations, outside any hierarchy and without a verified domain,
    that nothing links to."""
    candidates = session.scalars(
        select(Organisation)
        .where(Organisation.verified.is_(False), Organisation.parent_id.is_(None))
        .order_by(Organisation.slug)
    )
    return [o for o in candidates if not o.verified_domains and links(session, o).total == 0]


def prune(session: Session, *, dry_run: bool = False) -> list[Organisation]:
    """Remove every ``unlinked`` organisation (only list them with ``dry_run``)."""
    junk = unlinked(session)
    if not dry_run:
        for org in junk:
            session.delete(org)
        session.flush()
    return junk


def merge(session: Session, source_slug: str, target_slug: str) -> Links:
    """Move every link of ``source_slug`` to ``target_slug``, then remove the source.

    Members, adoptions, entries' publisher, offers and funding, code sources and child
    organisations move; so do members' edits that named the source. Where the target
    already has the same membership or adoption, the source's copy is dropped. The target
    keeps its own identifier and website and takes the source's where it has none.
    """
    source = _organisation(session, source_slug, "from")
    target = _organisation(session, target_slug, "into")
    if source.id == target.id:
        raise InvalidInput("into: an organisation cannot be merged into itself", field="into")
    moved = links(session, source)
    _move_entries(session, source, target)
    _move_adoptions(session, source, target)
    _move_members(session, source, target)
    for src in list(source.sources):
        src.organisation = target
    for child in session.scalars(select(Organisation).where(Organisation.parent_id == source.id)):
        child.parent_id = target.id
    carried = {k: getattr(source, k) for k in ("identifier", "website")
               if getattr(target, k) is None and getattr(source, k)}  # fmt: skip
    domains = sorted({*(target.verified_domains or []), *(source.verified_domains or [])})
    record_event(
        session, entity_type="organisation", entity_id=target.id, action="update",
        before={"slug": target.slug}, after={"merged_from": source.slug, **carried,
                                             "moved": {f.name: getattr(moved, f.name)
                                                       for f in fields(moved)}},
    )  # fmt: skip
    session.flush()
    session.delete(source)
    session.flush()  # the identifier is unique: free it before the target takes it
    for key, value in carried.items():
        setattr(target, key, value)
    if domains != (target.verified_domains or []):
        target.verified_domains = domains
    session.flush()
    return moved


def _organisation(session: Session, slug: str, field: str) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.slug == slug))
    if org is None:
        raise NotFound(f"{field}: no organisation {slug!r}", field=field)
    return org


def _names(value: Any, source: Organisation) -> bool:
    """Whether an edit's provider or funder value names ``source``."""
    if isinstance(value, dict):
        if value.get("slug"):
            return str(value["slug"]).lower() == source.slug.lower()
        value = value.get("name")
    text = str(value or "").strip().lower()
    return bool(text) and text in {source.slug.lower(), source.name.strip().lower()}


def _move_entries(session: Session, source: Organisation, target: Organisation) -> None:
    """Publisher, offers, funding and members' edits of every entry naming the source."""
    linked = select(m.Solution.id).where(or_(
        m.Solution.publisher_id == source.id,
        m.Solution.id.in_(select(m.OperatingOffer.solution_id)
                          .where(m.OperatingOffer.provider_id == source.id)),
        m.Solution.id.in_(select(m.Funding.solution_id).where(m.Funding.funder_id == source.id)),
    ))  # fmt: skip
    ids = set(session.scalars(linked))
    for sid, overrides in session.execute(select(m.Solution.id, m.Solution.publisher_overrides)):
        if _overrides_moved(overrides or {}, source, target) != (overrides or {}):
            ids.add(sid)
    for solution in session.scalars(
        select(m.Solution).where(m.Solution.id.in_(ids)).options(*LOAD_ENTRY)
    ):
        before = entry_snapshot(solution)
        # through the relationships (loaded with the entry), so none still points at the source
        if solution.publisher_id == source.id:
            solution.publisher = target
        for offer in solution.offers:
            if offer.provider_id == source.id:
                offer.provider, offer.provider_name = target, target.name
        for grant in solution.funding:
            if grant.funder_id == source.id:
                grant.funder, grant.funder_name = target, target.name
        overrides = solution.publisher_overrides or {}
        changed = _overrides_moved(overrides, source, target)
        if changed != overrides:
            solution.publisher_overrides = changed
        session.flush()
        after = entry_snapshot(solution)
        if before != after or changed != overrides:
            record_event(
                session, entity_type="solution", entity_id=solution.id, action="update",
                before={**before, "publisher_overrides": overrides},
                after={**after, "publisher_overrides": changed},
            )  # fmt: skip


def _overrides_moved(
    overrides: dict[str, Any], source: Organisation, target: Organisation
) -> dict[str, Any]:
    """The members' edits with every provider or funder naming the source pinned to the
    target (the same dict when none does)."""
    result = dict(overrides)
    for key, column in ORGANISATION_COLUMNS.items():
        rows = overrides.get(key)
        if not isinstance(rows, list):
            continue
        new = [
            {**row, column: {"name": target.name, "slug": target.slug}}
            if isinstance(row, dict) and _names(row.get(column), source) else row
            for row in rows
        ]  # fmt: skip
        if new != rows:
            result[key] = new
    return result if result != overrides else overrides


def _move_adoptions(session: Session, source: Organisation, target: Organisation) -> None:
    held = {
        (row.solution_id, row.role)
        for row in session.execute(
            select(m.Adoption.solution_id, m.Adoption.role)
            .where(m.Adoption.organisation_id == target.id)
        )
    }  # fmt: skip
    for adoption in session.scalars(
        select(m.Adoption).where(m.Adoption.organisation_id == source.id)
    ):
        if (adoption.solution_id, adoption.role) in held:
            session.delete(adoption)
        else:
            adoption.organisation = target
    session.flush()


def _move_members(session: Session, source: Organisation, target: Organisation) -> None:
    existing = {
        ms.account_id: ms
        for ms in session.scalars(select(Membership).where(Membership.organisation_id == target.id))
    }
    for membership in session.scalars(
        select(Membership).where(Membership.organisation_id == source.id)
    ):
        kept = existing.get(membership.account_id)
        if kept is None:
            membership.organisation = target
            continue
        kept.is_admin = kept.is_admin or membership.is_admin
        session.delete(membership)
    session.flush()
