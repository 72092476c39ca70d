"""Catalogue verbs: write drafts into entries, find entries. Never commits."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from registry.audit import record_event
from registry.catalogue import models as m
from registry.catalogue._rows import RowBuilder, validate_vocab
from registry.catalogue.curation import (
    RELATION_OF,
    choose_organisations,
    choose_standards,
    overlay,
    validate_patch,
    without_overrides,
)
from registry.catalogue.derived import entry_changed
from registry.catalogue.export import draft_from_entry
from registry.catalogue.snapshots import (
    CHILD_FIELDS,
    SOLUTION_COLUMNS,
    entry_snapshot,
    row_dict,
    sorted_rows,
)
from registry.catalogue.standards import StandardIndex
from registry.db import utcnow
from registry.entries import (
    AdoptionDraft,
    SolutionDraft,
    normalise_repository_url,
    slugify,
    without_unsafe_links,
)
from registry.errors import InvalidInput, NotFound
from registry.forges import forge_of
from registry.organisations import OrganisationService

_CHILD_MODELS: dict[str, type[Any]] = {
    "texts": m.SolutionText,
    "tags": m.SolutionTag,
    "offers": m.OperatingOffer,
    "contacts": m.Contact,
    "interfaces": m.SolutionInterface,
    "dependencies": m.Dependency,
    "funding": m.Funding,
    "releases": m.Release,
}
log = logging.getLogger(__name__)
_DATE_FIELDS = frozenset({"until", "start", "end", "released_on"})

#: Collections by one query each; the one organisation or standard a row points to is
#: joined into that query (a separate query per reference made a page cost 20 queries).
LOAD_ENTRY = (
    selectinload(m.Solution.texts),
    selectinload(m.Solution.tags),
    selectinload(m.Solution.repositories).selectinload(m.Repository.aliases),
    selectinload(m.Solution.offers).joinedload(m.OperatingOffer.provider),
    selectinload(m.Solution.contacts),
    selectinload(m.Solution.interfaces).joinedload(m.SolutionInterface.standard),
    selectinload(m.Solution.dependencies),
    selectinload(m.Solution.adoptions).joinedload(m.Adoption.organisation),
    selectinload(m.Solution.funding).joinedload(m.Funding.funder),
    selectinload(m.Solution.releases),
    joinedload(m.Solution.publisher),
)


@dataclass(frozen=True, slots=True)
class UpsertOutcome:
    """What ``upsert_draft`` did: ``created``, ``updated`` or ``unchanged``."""

    solution: m.Solution
    action: str


@dataclass(frozen=True, slots=True)
class EntryState:
    """How an entry stands apart from the draft: its publiccode.yml and activity."""

    publiccode_raw: str | None = None
    publiccode_valid: bool | None = None
    publiccode_issues: tuple[dict[str, Any], ...] = ()
    active: bool = True
    inactive_reason: str | None = None
    licence_detected: str | None = None


class CatalogueService:
    """Domain verbs on solutions."""

    def __init__(self, session: Session) -> None:
        self.db = session
        self.orgs = OrganisationService(session)

    # -- reading ---------------------------------------------------------------------
    def get(self, slug: str) -> m.Solution:
        """The entry with this slug, fully loaded, or ``NotFound``."""
        solution = self.db.scalar(
            select(m.Solution)
            .where(m.Solution.slug == slug, m.Solution.live())
            .options(*LOAD_ENTRY)
        )
        if solution is None:
            raise NotFound(f"solution {slug!r} not found", field="slug")
        return solution

    def find_by_repository(self, url: str) -> m.Solution | None:
        """The entry holding this repository, also under an old (renamed) URL."""
        canonical = normalise_repository_url(url)
        repo_id = self.db.scalar(
            select(m.Repository.id)
            .outerjoin(m.RepositoryAlias)
            .where(or_(m.Repository.url == canonical, m.RepositoryAlias.url == canonical))
            .limit(1)
        )
        if repo_id is None:
            return None
        repo = self.db.get_one(m.Repository, repo_id)
        return self.get(repo.solution.slug)

    def list_entries(self, *, include_inactive: bool = True) -> list[m.Solution]:
        """All entries, by name (the full search lives in the search service)."""
        query = select(m.Solution).where(m.Solution.live()).options(*LOAD_ENTRY)
        if not include_inactive:
            query = query.where(m.Solution.active.is_(True))
        return list(self.db.scalars(query.order_by(m.Solution.name)))

    # -- writing ---------------------------------------------------------------------
    def edit(
        self, slug: str, patch: dict[str, Any], *, now: datetime | None = None
    ) -> UpsertOutcome:
        """A member's edit of what importers cannot know; kept over every re-import.

        ``None`` for a field drops the member's value; the imported one returns with the
        next import. What derives from the entry (its score) is renewed at ``now``, also
        when nothing changed, as after an import.
        """
        standards = StandardIndex.build(self.db)
        checked = choose_standards(choose_organisations(validate_patch(patch), self.orgs),
                                   standards)  # fmt: skip
        solution = self.get(slug)
        previous = dict(solution.publisher_overrides or {})
        overrides = dict(previous)
        for key, value in checked.items():
            if value is None:
                overrides.pop(key, None)
            else:
                overrides[key] = value
        solution.publisher_overrides = overrides
        base = without_overrides(draft_from_entry(solution), previous, checked)
        draft = overlay(base, overrides)
        before = entry_snapshot(solution)
        builder = RowBuilder(self.orgs, standards, create=False)
        rows = builder.rows(draft)
        columns = {"governance": draft.governance, "maintenance_type": draft.maintenance_type,
                   "alternative_to": list(draft.alternative_to)}  # fmt: skip
        for key in checked:
            relation = RELATION_OF.get(key, key)
            if key in columns:
                setattr(solution, key, columns[key])
            elif relation in rows:
                self._sync_children(solution, relation, rows[relation])
        after = entry_snapshot(solution)
        self.db.flush()
        if before != after:
            record_event(
                self.db, entity_type="solution", entity_id=solution.id, action="update",
                before=before, after=after,
            )  # fmt: skip
        entry_changed(self.db, solution, now=now)
        return UpsertOutcome(solution, "updated" if before != after else "unchanged")

    def delete(self, slug: str, *, now: datetime | None = None) -> m.Solution:
        """Soft-delete an entry: hidden everywhere, kept with its history for a restore."""
        solution = self.get(slug)
        solution.deleted_at = now or utcnow()
        record_event(
            self.db, entity_type="solution", entity_id=solution.id, action="delete",
            before={"deleted_at": None}, after={"deleted_at": solution.deleted_at},
        )  # fmt: skip
        self.db.flush()
        return solution

    def restore(self, slug: str) -> m.Solution:
        """Bring a soft-deleted entry back (an admin's decision)."""
        solution = self.db.scalar(
            select(m.Solution).where(m.Solution.slug == slug, m.Solution.deleted_at.is_not(None))
        )
        if solution is None:
            raise NotFound(f"slug: no deleted solution {slug!r}", field="slug")
        before = solution.deleted_at
        solution.deleted_at = None
        record_event(
            self.db, entity_type="solution", entity_id=solution.id, action="restore",
            before={"deleted_at": before}, after={"deleted_at": None},
        )  # fmt: skip
        self.db.flush()
        return solution

    def upsert_draft(
        self, draft: SolutionDraft, *, state: EntryState | None = None
    ) -> UpsertOutcome:
        """Create or update the entry a draft describes; unchanged input writes nothing.

        The entry is found by slug, then by repository URL (aliases included). Child rows
        are replaced only where they differ, and one audit event records the whole entry
        before and after.
        """
        validate_vocab(draft)
        draft, dropped = without_unsafe_links(draft)
        if dropped:
            log.warning("dropped links that are not http(s) from %r: %s", draft.name, dropped)
        if not draft.name.strip():
            raise InvalidInput("name: must not be empty", field="name")
        state = state or EntryState()
        solution = self.find_for(draft)
        created = solution is None
        if solution is not None:
            draft = overlay(draft, solution.publisher_overrides)
        if solution is None:
            solution = m.Solution(slug=self._free_slug(draft.slug or slugify(draft.name)))
            solution.name = draft.name
            self.db.add(solution)
        before = None if created else entry_snapshot(solution)
        self._apply(solution, draft, state)
        after = entry_snapshot(solution)
        if before == after:
            return UpsertOutcome(solution, "unchanged")
        self.db.flush()
        record_event(
            self.db, entity_type="solution", entity_id=solution.id,
            action="create" if created else "update", before=before, after=after,
        )  # fmt: skip
        return UpsertOutcome(solution, "created" if created else "updated")

    def find_for(self, draft: SolutionDraft) -> m.Solution | None:
        """The entry ``upsert_draft`` would write for ``draft``: by slug, then repository."""
        if draft.slug:
            found = self.db.scalar(select(m.Solution.slug).where(m.Solution.slug == draft.slug))
            if found:
                return self.get(found)
        for url in (draft.url, *draft.repositories):
            if url:
                solution = self.find_by_repository(url)
                if solution is not None:
                    return solution
        return None

    def _apply(self, solution: m.Solution, draft: SolutionDraft, state: EntryState) -> None:
        builder = RowBuilder(self.orgs, StandardIndex.build(self.db))
        columns = _columns(draft, state)
        # A source that names no publisher (a bare repository, a crawl) keeps the one
        # already known: only a source that names another one changes it.
        publisher = builder.org_id(draft.publisher)
        columns["publisher_id"] = publisher if publisher is not None else solution.publisher_id
        for name in SOLUTION_COLUMNS:
            if name in columns and getattr(solution, name) != columns[name]:
                setattr(solution, name, columns[name])
        for relation, rows in builder.rows(draft).items():
            self._sync_children(solution, relation, rows)
        self._sync_repositories(solution, draft)
        self._sync_claims(solution, draft.adoptions, builder)

    def _sync_children(
        self, solution: m.Solution, relation: str, rows: list[dict[str, Any]]
    ) -> None:
        fields = CHILD_FIELDS[relation]
        current = [row_dict(row, fields) for row in getattr(solution, relation)]
        if sorted_rows(current) == sorted_rows(rows):
            return
        collection = getattr(solution, relation)
        collection.clear()
        self.db.flush()  # delete before insert: unique keys may repeat
        model = _CHILD_MODELS[relation]
        collection.extend(model(**_typed(row)) for row in rows)

    def _sync_repositories(self, solution: m.Solution, draft: SolutionDraft) -> None:
        known = {repo.url for repo in solution.repositories}
        for url in (draft.url, *draft.repositories):
            if not url:
                continue
            canonical = normalise_repository_url(url)
            if canonical in known:
                continue
            owner = self.db.scalar(select(m.Repository).where(m.Repository.url == canonical))
            if owner is not None:
                raise InvalidInput(
                    f"url: {canonical} already belongs to solution {owner.solution.slug!r}",
                    field="url",
                )
            solution.repositories.append(m.Repository(url=canonical, forge=forge_of(canonical)))
            known.add(canonical)
        self._sync_upstream(solution, draft)

    def _sync_upstream(self, solution: m.Solution, draft: SolutionDraft) -> None:
        """``isBasedOn``: the main repository is a variant of the first upstream named."""
        if not draft.url:
            return
        canonical = normalise_repository_url(draft.url)
        main = next((r for r in solution.repositories if r.url == canonical), None)
        upstream = draft.is_based_on[0][:500] if draft.is_based_on else None
        if main is None or main.upstream_url == upstream:
            return
        if upstream is not None or main.fork_kind == "variant":
            main.upstream_url = upstream
            main.fork_kind = "variant" if upstream else None

    def _sync_claims(
        self, solution: m.Solution, adoptions: tuple[AdoptionDraft, ...], builder: RowBuilder
    ) -> None:
        """Adoptions from a source: claims are replaced, verified declarations are kept."""
        wanted = {a.claim_text or a.organisation.name: a for a in adoptions if not a.verified}
        for adoption in list(solution.adoptions):
            if not adoption.verified and adoption.claim_text not in wanted:
                solution.adoptions.remove(adoption)
        present = {a.claim_text for a in solution.adoptions if not a.verified}
        for text, claim in wanted.items():
            if text not in present:
                org = self.orgs.find(claim.organisation)
                solution.adoptions.append(
                    m.Adoption(
                        organisation_id=org.id if org else None, role=claim.role,
                        verified=False, claim_text=text[:500],
                    )
                )  # fmt: skip
        for claim in (a for a in adoptions if a.verified):
            self.declare_adoption(solution, claim, builder.org_id(claim.organisation))

    def declare_adoption(
        self, solution: m.Solution, draft: AdoptionDraft, organisation_id: int | None
    ) -> m.Adoption:
        """A verified adoption: declared by (or on behalf of) the adopting organisation."""
        for adoption in solution.adoptions:
            if adoption.organisation_id == organisation_id and adoption.role == draft.role:
                return adoption
        adoption = m.Adoption(
            organisation_id=organisation_id, role=draft.role, verified=True,
            since=draft.since, version=draft.version, instance_url=draft.instance_url,
        )  # fmt: skip
        solution.adoptions.append(adoption)
        return adoption

    def _free_slug(self, base: str) -> str:
        slug, n = base, 1
        while self.db.scalar(select(m.Solution.id).where(m.Solution.slug == slug)):
            n += 1
            slug = f"{base}-{n}"
        return slug


def _columns(draft: SolutionDraft, state: EntryState) -> dict[str, Any]:
    return {
        "name": draft.name.strip()[:300],
        "url": draft.url,
        "landing_url": draft.landing_url,
        "logo": draft.logo,
        "software_type": draft.software_type,
        "development_status": draft.development_status,
        "software_version": draft.software_version,
        "release_date": draft.release_date,
        "platforms": list(draft.platforms),
        "languages": list(draft.languages),
        "countries": list(draft.countries),
        "keywords": list(draft.keywords),
        "alternative_to": list(draft.alternative_to),
        "licence": draft.licence,
        "licence_source": draft.licence_source if draft.licence else None,
        "main_copyright_owner": draft.main_copyright_owner,
        "maintenance_type": draft.maintenance_type,
        "governance": draft.governance,
        "active": state.active,
        "inactive_reason": state.inactive_reason,
        "licence_detected": state.licence_detected,
        "publiccode_raw": state.publiccode_raw,
        "publiccode_valid": state.publiccode_valid,
        "publiccode_issues": list(state.publiccode_issues),
    }


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """Rows compare as JSON-safe dicts; models want dates back as dates."""
    return {
        key: date.fromisoformat(value) if key in _DATE_FIELDS and isinstance(value, str) else value
        for key, value in row.items()
    }


def touch_import(repo: m.Repository, *, status: str, error: str | None = None) -> None:
    """Record the outcome of an import attempt on the repository."""
    repo.import_status = status
    repo.import_error = error
    repo.imported_at = utcnow()
