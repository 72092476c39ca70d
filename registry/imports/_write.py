"""Writing one imported draft into the catalogue, safely, for every import kind.

Imported input is untrusted: an invalid publiccode.yml must still become an (inactive)
entry, so the draft is first *fitted* to what the catalogue can hold (values outside the
vocabularies dropped, strings cut to their column lengths, URLs that are not repository
URLs dropped), then written inside a savepoint. A write that still fails is rolled back
to the savepoint and reported, so that the import run and its log survive it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session

from registry.catalogue import (
    AdoptionDraft,
    CatalogueService,
    ContactDraft,
    DependencyDraft,
    EntryState,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
    SolutionDraft,
    TextDraft,
)
from registry.catalogue import models as m
from registry.entries import normalise_repository_url, slugify, vocab
from registry.errors import InvalidInput, RegistryError
from registry.facts import RepoFacts
from registry.imports.ownership import refusal
from registry.organisations import Organisation

__all__ = ["Written", "existing_entry", "fit_draft", "stored_facts", "write_entry"]

_COLUMNS: dict[type[Any], dict[str, InstrumentedAttribute[Any]]] = {
    SolutionDraft: {
        "name": m.Solution.name, "url": m.Solution.url, "landing_url": m.Solution.landing_url,
        "logo": m.Solution.logo, "software_version": m.Solution.software_version,
        "licence": m.Solution.licence, "main_copyright_owner": m.Solution.main_copyright_owner,
    },
    TextDraft: {
        "localised_name": m.SolutionText.localised_name,
        "generic_name": m.SolutionText.generic_name,
        "short_description": m.SolutionText.short_description,
        "documentation": m.SolutionText.documentation,
        "api_documentation": m.SolutionText.api_documentation,
    },
    ContactDraft: {
        "name": m.Contact.name, "email": m.Contact.email, "phone": m.Contact.phone,
        "affiliation": m.Contact.affiliation, "website": m.Contact.website,
    },
    DependencyDraft: {
        "name": m.Dependency.name, "version": m.Dependency.version,
        "version_min": m.Dependency.version_min, "version_max": m.Dependency.version_max,
        "licence": m.Dependency.licence,
    },
    ReleaseDraft: {"version": m.Release.version, "commit": m.Release.commit},
    OrganisationRef: {
        "name": Organisation.name, "identifier": Organisation.identifier,
        "website": Organisation.website,
    },
    OfferDraft: {"docs_url": m.OperatingOffer.docs_url, "region": m.OperatingOffer.region},
    InterfaceDraft: {"evidence": m.SolutionInterface.evidence},
    AdoptionDraft: {
        "claim_text": m.Adoption.claim_text, "version": m.Adoption.version,
        "instance_url": m.Adoption.instance_url,
    },
    FundingDraft: {
        "programme": m.Funding.programme, "grant_reference": m.Funding.grant_reference,
    },
}  # fmt: skip
_TAG_LENGTH = 100
_LANG_LENGTH = 35
_VOCABULARIES = {
    "software_type": vocab.SOFTWARE_TYPES,
    "development_status": vocab.DEVELOPMENT_STATUSES,
    "maintenance_type": vocab.MAINTENANCE_TYPES,
}


def _limit(attribute: InstrumentedAttribute[Any]) -> int | None:
    length = getattr(attribute.property.columns[0].type, "length", None)
    return length if isinstance(length, int) else None


def _fit(value: Any) -> Any:
    """Cut every string of a draft (recursively) to the column that will hold it."""
    if isinstance(value, tuple):
        return tuple(_fit(item) for item in value)
    if isinstance(value, dict):
        return {key: _fit(item) for key, item in value.items()}
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    columns = _COLUMNS.get(type(value), {})
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        current = getattr(value, field.name)
        fitted = _fit(current)
        limit = _limit(columns[field.name]) if field.name in columns else None
        if limit is not None and isinstance(current, str) and len(current) > limit:
            fitted = current[:limit]
        if fitted is not current:
            changes[field.name] = fitted
    return replace(value, **changes) if changes else value


def _repository_url(url: str | None) -> str | None:
    """``url`` when it can be a repository's URL, else None (invalid files say anything)."""
    if not url:
        return None
    try:
        normalise_repository_url(url)
    except InvalidInput:
        return None
    return url


def fit_draft(draft: SolutionDraft) -> SolutionDraft:
    """A draft the catalogue can store: what does not fit is dropped or cut, never guessed."""
    fitted: SolutionDraft = _fit(draft)
    enumerated: dict[str, Any] = {
        name: getattr(fitted, name) if getattr(fitted, name) in allowed else None
        for name, allowed in _VOCABULARIES.items()
    }
    repositories = tuple(u for u in fitted.repositories if _repository_url(u))
    return replace(
        fitted,
        **enumerated,
        name=fitted.name.strip(),
        url=_repository_url(fitted.url),
        repositories=repositories,
        texts={k: v for k, v in fitted.texts.items() if len(k) <= _LANG_LENGTH},
        categories=tuple(c[:_TAG_LENGTH] for c in fitted.categories),
        scopes=tuple(s[:_TAG_LENGTH] for s in fitted.scopes),
        contacts=tuple(c for c in fitted.contacts if c.role in vocab.CONTACT_ROLES),
    )


def existing_entry(session: Session, draft: SolutionDraft) -> m.Solution | None:
    """The entry this draft updates: by repository URL, else (no URL at all) by slug.

    A draft without any repository URL (only invalid files lack one) matches an entry
    with the same slug that has no repository either, so re-importing it is idempotent.
    """
    service = CatalogueService(session)
    urls = [u for u in (draft.url, *draft.repositories) if u]
    for url in urls:
        found = service.find_by_repository(url)
        if found is not None:
            return found
    if urls or not draft.name:
        return None
    slug = session.scalar(
        select(m.Solution.slug).where(
            m.Solution.slug == slugify(draft.name),
            m.Solution.url.is_(None),
            ~m.Solution.repositories.any(),
            m.Solution.live(),
        )
    )
    return service.get(slug) if slug else None


def stored_facts(solution: m.Solution | None) -> RepoFacts | None:
    """The repository facts last stored on the entry (main repository first), if readable."""
    if solution is None:
        return None
    repositories = sorted(solution.repositories, key=lambda r: r.url != solution.url)
    for repository in repositories:
        if repository.facts:
            try:
                return RepoFacts.from_json(repository.facts)
            except (TypeError, ValueError, KeyError, AttributeError):
                continue  # facts of an older shape: the next repository import renews them
    return None


@dataclass(frozen=True, slots=True)
class Written:
    """What ``write_entry`` did: ``created``, ``updated``, ``unchanged``, ``failed``,
    ``refused`` (another organisation's entry, ``registry.imports.ownership``) or ``kept``
    (an invalid publiccode.yml for a valid entry: its last valid data stays)."""

    action: str
    solution: m.Solution | None = None
    message: str | None = None


def write_entry(
    session: Session, draft: SolutionDraft, state: EntryState, existing: m.Solution | None
) -> Written:
    """Upsert ``draft`` inside a savepoint; a refused or failing write is reported, not raised."""
    if existing is not None and not draft.slug and not (draft.url or draft.repositories):
        draft = replace(draft, slug=existing.slug)
    service = CatalogueService(session)
    blocked = _blocked(session, service, draft, existing)
    if blocked is not None:
        return blocked
    if _downgrade(existing, state):
        return _keep_valid(session, existing, state)
    try:
        with session.begin_nested():
            outcome = service.upsert_draft(draft, state=state)
    except RegistryError as exc:
        return Written("failed", None, exc.message)
    except SQLAlchemyError as exc:
        return Written("failed", None, f"database refused the entry: {type(exc).__name__}")
    return Written(outcome.action, outcome.solution)


def _blocked(
    session: Session, service: CatalogueService, draft: SolutionDraft, existing: m.Solution | None
) -> Written | None:
    """Why nothing may be written: no name, an unclear match, or another's entry."""
    if not draft.name:
        return Written("failed", None, "name: missing, so the entry cannot be stored")
    try:
        targets = {existing, service.find_for(draft)}
    except RegistryError as exc:
        return Written("failed", None, exc.message)
    for target in targets:
        reason = refusal(session, target)
        if reason is not None:
            return Written("refused", None, reason)
    return None


def _downgrade(existing: m.Solution | None, state: EntryState) -> bool:
    """Would this write replace a valid, active entry with an invalid publiccode.yml?"""
    return (
        existing is not None
        and existing.active
        and existing.publiccode_valid is True
        and state.publiccode_valid is False
    )


def _keep_valid(session: Session, existing: m.Solution | None, state: EntryState) -> Written:
    """A bad file never downgrades a good entry: the entry keeps its last valid data and
    stays findable; the new file's findings are shown on it (and logged by the caller)
    until a valid version arrives, which replaces them."""
    assert existing is not None
    existing.publiccode_issues = list(state.publiccode_issues)
    session.flush()
    errors = sum(1 for issue in state.publiccode_issues if issue.get("type") == "error")
    return Written(
        "kept", existing,
        f"publiccode.yml ungültig ({errors} Fehler): der Eintrag behält seine letzten gültigen "
        f"Angaben / invalid ({errors} errors): the entry keeps its last valid data",
    )  # fmt: skip
