"""Member edits: what importers cannot know, kept apart so a re-import never overwrites it.

A publisher's members state the operating offers, governance, maintenance, funding,
interfaces and the products a solution replaces. Those values are stored as they were
given in ``Solution.publisher_overrides`` and laid over every imported draft (``overlay``), so the
next crawl of the repository changes everything else but leaves them standing. Members
declare; they cannot mark an interface as validated (that is the registry's finding).
Providers and funders are chosen from existing organisations and stored by slug
(``choose_organisations``): an edit never creates an organisation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from registry.entries import (
    DOMAINS,
    GOVERNANCE,
    INTERFACE_ROLES,
    MAINTENANCE_TYPES,
    OFFER_KINDS,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    SolutionDraft,
    web_url,
)
from registry.errors import InvalidInput
from registry.organisations import OrganisationService

if TYPE_CHECKING:
    from registry.catalogue.standards import StandardIndex

CURATED_FIELDS: Final = (
    "domains", "governance", "maintenance_type", "offers", "funding", "interfaces",
    "alternative_to",
)  # fmt: skip
#: The child relation a curated field is stored in, where its name differs.
RELATION_OF: Final = {"domains": "tags"}
MAX_ROWS: Final = 50
MAX_TEXT: Final = 500


def validate_patch(patch: object) -> dict[str, Any]:
    """The patch as plain JSON values, checked; ``None`` for a field clears the member edit."""
    if not isinstance(patch, dict):
        raise InvalidInput("body: expected an object of fields", field="body")
    unknown = sorted(set(patch) - set(CURATED_FIELDS))
    if unknown:
        raise InvalidInput(
            f"{unknown[0]}: not editable here (editable: {', '.join(CURATED_FIELDS)})",
            field=unknown[0],
        )
    for key, value in patch.items():
        if value is not None:
            _typed(key, value)  # raises naming the field
    return dict(patch)


#: The rows of an edit that name an organisation, and the column that names it.
ORGANISATION_COLUMNS: Final = {"offers": "provider", "funding": "funder"}


def choose_organisations(patch: dict[str, Any], orgs: OrganisationService) -> dict[str, Any]:
    """The checked patch with every provider and funder pinned to the existing
    organisation it names (``{"name", "slug"}``), so later imports find the same one.

    Edits never create organisations: a name the registry does not hold is refused
    naming the field (``offers[0].provider``); a new one is created first, on its own.
    """
    chosen = dict(patch)
    for key, column in ORGANISATION_COLUMNS.items():
        if not patch.get(key):
            continue
        rows = []
        for i, given in enumerate(patch[key]):
            path = f"{key}[{i}].{column}"
            ref = _org(path, given.get(column))
            if ref is None:
                rows.append(given)
                continue
            org = orgs.choose(ref, field=path)
            rows.append({**given, column: {"name": org.name, "slug": org.slug}})
        chosen[key] = rows
    return chosen


def choose_standards(patch: dict[str, Any], index: StandardIndex) -> dict[str, Any]:
    """Every declared interface names a standard of the catalogue, or says explicitly that
    its standard is not in it (``"uncatalogued": true``); a typo is never kept silently
    as a standard nobody knows."""
    for i, row in enumerate(patch.get("interfaces") or []):
        flag = row.get("uncatalogued", False)
        path = f"interfaces[{i}]"
        if not isinstance(flag, bool):
            raise InvalidInput(f"{path}.uncatalogued: expected true or false",
                               field=f"{path}.uncatalogued")  # fmt: skip
        known = index.match(str(row.get("standard") or "")) is not None
        if not known and not flag:
            raise UnknownStandard(f"{path}.standard", str(row.get("standard")))
    return patch


class UnknownStandard(InvalidInput):
    """An edit names a standard the catalogue does not hold, without saying so (422).

    ``key`` and ``values`` name the message for pages that speak one language.
    """

    key = "edit.unknown_standard"

    def __init__(self, field: str, name: str) -> None:
        super().__init__(
            f"{field}: „{name}“ steht nicht im Standardkatalog. Wählen Sie einen Standard aus "
            "dem Katalog oder kennzeichnen Sie ihn ausdrücklich als „nicht im Katalog“ "
            '("uncatalogued": true). / '
            f"{field}: '{name}' is not in the standards catalogue. Choose a standard from the "
            'catalogue or mark it explicitly as not in the catalogue ("uncatalogued": true).',
            field=field,
        )
        self.values = {"name": name}


def overlay(draft: SolutionDraft, curated: dict[str, Any] | None) -> SolutionDraft:
    """The draft with the members' values in place of the imported ones.

    Single values are replaced. Lists are merged: the members' rows first, then imported
    rows that say something new (an interface the analysis detected stays visible beside
    the ones members declared).
    """
    if not curated:
        return draft
    values: dict[str, Any] = {}
    for key, value in curated.items():
        if value is None or key not in _PARSERS:
            continue
        mine = _typed(key, value)
        if key in _ROW_KEYS:
            seen = {_ROW_KEYS[key](row) for row in mine}
            mine = mine + tuple(r for r in getattr(draft, key) if _ROW_KEYS[key](r) not in seen)
        values[key] = mine
    return replace(draft, **values) if values else draft


def without_overrides(
    draft: SolutionDraft, previous: dict[str, Any], keys: dict[str, Any]
) -> SolutionDraft:
    """The stored entry minus the rows members gave earlier for the fields now edited,
    so that removing a row in an edit really removes it."""
    values: dict[str, Any] = {}
    for key in keys:
        if key in _ROW_KEYS and previous.get(key) is not None:
            gone = {_ROW_KEYS[key](row) for row in _typed(key, previous[key])}
            values[key] = tuple(r for r in getattr(draft, key) if _ROW_KEYS[key](r) not in gone)
    return replace(draft, **values) if values else draft


def _typed(key: str, value: Any) -> Any:
    parse = _PARSERS[key]
    return parse(key, value)


def _text(path: str, value: Any, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(f"{path}: required", field=path)
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{path}: expected text", field=path)
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"{path}: at most {MAX_TEXT} characters", field=path)
    return value.strip()


def _url(path: str, value: Any) -> str | None:
    text = _text(path, value)
    return None if text is None else web_url(path, text)


def _date(path: str, value: Any) -> date | None:
    text = _text(path, value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"{path}: expected a date YYYY-MM-DD", field=path) from exc


def _choice(path: str, value: Any, allowed: Any) -> str:
    text = _text(path, value, required=True)
    if text not in allowed:
        raise InvalidInput(f"{path}: must be one of {', '.join(allowed)}", field=path)
    return str(text)


def _rows(path: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise InvalidInput(f"{path}: expected a list of objects", field=path)
    if len(value) > MAX_ROWS:
        raise InvalidInput(f"{path}: at most {MAX_ROWS} entries", field=path)
    return value


def _org(path: str, value: Any) -> OrganisationRef | None:
    if value is None:
        return None
    if isinstance(value, str):
        name = _text(path, value, required=True)
        return OrganisationRef(name=str(name))
    if isinstance(value, dict):
        name = _text(f"{path}.name", value.get("name"), required=True)
        return OrganisationRef(
            name=str(name), slug=_text(f"{path}.slug", value.get("slug")),
            identifier=_text(f"{path}.identifier", value.get("identifier")),
            website=_url(f"{path}.website", value.get("website")),
        )  # fmt: skip
    raise InvalidInput(f"{path}: expected a name or an object with a name", field=path)


def _offers(key: str, value: Any) -> tuple[OfferDraft, ...]:
    return tuple(
        OfferDraft(
            kind=_choice(f"{key}[{i}].kind", row.get("kind"), OFFER_KINDS),
            provider=_org(f"{key}[{i}].provider", row.get("provider")),
            docs_url=_url(f"{key}[{i}].docs_url", row.get("docs_url")),
            until=_date(f"{key}[{i}].until", row.get("until")),
            region=_text(f"{key}[{i}].region", row.get("region")),
            description=_text(f"{key}[{i}].description", row.get("description")),
        )
        for i, row in enumerate(_rows(key, value))
    )


def _funding(key: str, value: Any) -> tuple[FundingDraft, ...]:
    result = []
    for i, row in enumerate(_rows(key, value)):
        funder = _org(f"{key}[{i}].funder", row.get("funder"))
        if funder is None:
            raise InvalidInput(f"{key}[{i}].funder: required", field=f"{key}[{i}].funder")
        result.append(FundingDraft(
            funder=funder, programme=_text(f"{key}[{i}].programme", row.get("programme")),
            grant_reference=_text(f"{key}[{i}].grant_reference", row.get("grant_reference")),
            start=_date(f"{key}[{i}].start", row.get("start")),
            end=_date(f"{key}[{i}].end", row.get("end")),
        ))  # fmt: skip
    return tuple(result)


def _interfaces(key: str, value: Any) -> tuple[InterfaceDraft, ...]:
    result = []
    for i, row in enumerate(_rows(key, value)):
        level = row.get("evidence_level", "declared")
        if level != "declared":
            path = f"{key}[{i}].evidence_level"
            raise InvalidInput(
                f"{path}: members declare interfaces; detection and validation are the "
                "registry's findings",
                field=path,
            )
        result.append(InterfaceDraft(
            standard=str(_text(f"{key}[{i}].standard", row.get("standard"), required=True)),
            role=_choice(f"{key}[{i}].role", row.get("role", "provides"), INTERFACE_ROLES),
            evidence=_url(f"{key}[{i}].evidence", row.get("evidence")),
        ))  # fmt: skip
    return tuple(result)


def _alternatives(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_ROWS:
        raise InvalidInput(f"{key}: expected a list of product names", field=key)
    return tuple(str(_text(f"{key}[{i}]", v, required=True)) for i, v in enumerate(value))


def _domains(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or len(value) > len(DOMAINS):
        raise InvalidInput(f"{key}: expected a list of domains (at least one)", field=key)
    return tuple(dict.fromkeys(_choice(f"{key}[{i}]", v, DOMAINS) for i, v in enumerate(value)))


_PARSERS: Final[dict[str, Any]] = {
    "domains": _domains,
    "governance": lambda key, value: _choice(key, value, GOVERNANCE),
    "maintenance_type": lambda key, value: _choice(key, value, MAINTENANCE_TYPES),
    "offers": _offers,
    "funding": _funding,
    "interfaces": _interfaces,
    "alternative_to": _alternatives,
}

#: What makes two rows of a list "the same" when member and imported rows are merged.
_ROW_KEYS: Final[dict[str, Any]] = {
    "offers": lambda o: (o.kind, o.provider.name.casefold() if o.provider else None),
    "funding": lambda f: (f.funder.name.casefold(), f.programme),
    "interfaces": lambda i: (i.standard.casefold(), i.role),
    "alternative_to": lambda name: name.casefold(),
}
