"""From a parsed publiccode.yml to a ``SolutionDraft``: what the file says, as claims.

Every value is read defensively, because invalid files are mapped too (they are kept
as inactive entries with their errors): a value of the wrong type is ignored, never
guessed at. Facts keep their evidence level: everything here is *declared*, and a
``usedBy`` line is a claim (``verified=False``), never a verified adoption.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.entries import (
    AdoptionDraft,
    ContactDraft,
    DependencyDraft,
    FundingDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    ReleaseDraft,
    SolutionDraft,
    TextDraft,
)
from registry.publiccode._formats import is_date
from registry.publiccode._vocab import domain_table

__all__ = ["EVIDENCE", "to_draft"]

#: Where declared facts come from, as recorded on interfaces.
EVIDENCE = "publiccode.yml"
_PLATFORM_ALIASES = ("spid", "cie", "anpr", "pagopa", "io")


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(s for s in (_str(v) for v in value) if s))


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _maps(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _date(value: Any) -> date | None:
    text = _str(value)
    return date.fromisoformat(text) if text and is_date(text) else None


def to_draft(document: dict[str, Any]) -> SolutionDraft:
    """Map a parsed publiccode.yml (``ValidationReport.document``) to a draft.

    Example:
        report = validate(data)
        if report.document is not None:
            draft = to_draft(report.document)
    """
    doc = _map(document)
    legal, audience = _map(doc.get("legal")), _map(doc.get("intendedAudience"))
    categories = tuple(c for c in _strs(doc.get("categories")))
    scopes = _strs(audience.get("scope"))
    version, released = _str(doc.get("softwareVersion")), _date(doc.get("releaseDate"))
    contacts, offers = _maintenance(_map(doc.get("maintenance")))
    return SolutionDraft(
        name=_str(doc.get("name")) or "",
        url=_str(doc.get("url")),
        texts=_texts(doc.get("description")),
        landing_url=_str(doc.get("landingURL")),
        logo=_str(doc.get("logo")),
        domains=_domains(categories, scopes),
        categories=categories,
        scopes=scopes,
        countries=tuple(c.upper() for c in _strs(audience.get("countries"))),
        languages=_strs(_map(doc.get("localisation")).get("availableLanguages")),
        platforms=_strs(doc.get("platforms")),
        software_type=_str(doc.get("softwareType")),
        development_status=_str(doc.get("developmentStatus")),
        software_version=version,
        release_date=released,
        licence=_str(legal.get("license")),
        licence_source="declared",
        main_copyright_owner=_str(legal.get("mainCopyrightOwner")),
        publisher=_publisher(doc),
        maintenance_type=_str(_map(doc.get("maintenance")).get("type")),
        contacts=contacts,
        offers=offers,
        dependencies=_dependencies(_map(doc.get("dependsOn"))),
        interfaces=_interfaces(doc),
        funding=_funding(doc.get("fundedBy")),
        releases=(ReleaseDraft(version=version, date=released),) if version else (),
        adoptions=_adoptions(doc.get("usedBy")),
        is_based_on=_strs(doc.get("isBasedOn")),
    )


def _texts(value: Any) -> dict[str, TextDraft]:
    texts: dict[str, TextDraft] = {}
    for lang, raw in _map(value).items():
        text = _map(raw)
        texts[str(lang)] = TextDraft(
            localised_name=_str(text.get("localisedName")),
            generic_name=_str(text.get("genericName")),
            short_description=_str(text.get("shortDescription")),
            long_description=_str(text.get("longDescription")),
            features=_strs(text.get("features")),
            documentation=_str(text.get("documentation")),
            api_documentation=_str(text.get("apiDocumentation")),
            screenshots=_strs(text.get("screenshots")),
            videos=_strs(text.get("videos")),
            awards=_strs(text.get("awards")),
        )
    return texts


def _domains(categories: tuple[str, ...], scopes: tuple[str, ...]) -> tuple[str, ...]:
    """Our domains, from the data table; categories first, then scopes, no repeats."""
    by_category, by_scope = domain_table()
    found = [d for c in categories for d in by_category.get(c, ())]
    found += [d for s in scopes for d in by_scope.get(s, ())]
    return tuple(dict.fromkeys(found))


def _organisation(value: Any) -> OrganisationRef | None:
    org = _map(value)
    uri, name = _str(org.get("uri")), _str(org.get("name"))
    if not (uri or name):
        return None
    return OrganisationRef(name=name or uri or "", identifier=uri)


def _publisher(doc: dict[str, Any]) -> OrganisationRef | None:
    """``organisation``, else the deprecated ``legal.repoOwner`` / ``IT.riuso.codiceIPA``.

    The fallback mirrors the reference, which copies ``codiceIPA`` into
    ``organisation.uri`` with ``repoOwner`` as its name.
    """
    found = _organisation(doc.get("organisation"))
    if found is not None:
        return found
    owner = _str(_map(doc.get("legal")).get("repoOwner"))
    italy = _map(doc.get("IT")) or _map(doc.get("it"))
    code = _str(_map(italy.get("riuso")).get("codiceIPA"))
    if code:
        uri = f"urn:x-italian-pa:{code}"
        return OrganisationRef(name=owner or uri, identifier=uri)
    return OrganisationRef(name=owner) if owner else None


def _maintenance(
    maintenance: dict[str, Any],
) -> tuple[tuple[ContactDraft, ...], tuple[OfferDraft, ...]]:
    """Contacts, contractors (as contacts and as support-contract offers), community."""
    contacts: list[ContactDraft] = []
    offers: list[OfferDraft] = []
    for person in _maps(maintenance.get("contacts")):
        name = _str(person.get("name"))
        if name:
            contacts.append(
                ContactDraft(
                    name=name,
                    role="contact",
                    email=_str(person.get("email")),
                    phone=_str(person.get("phone")),
                    affiliation=_str(person.get("affiliation")),
                )
            )
    for firm in _maps(maintenance.get("contractors")):
        name = _str(firm.get("name"))
        if not name:
            continue
        website, until = _str(firm.get("website")), _date(firm.get("until"))
        contacts.append(
            ContactDraft(
                name=name,
                role="contractor",
                email=_str(firm.get("email")),
                website=website,
                until=until,
            )
        )
        provider = OrganisationRef(name=name, website=website)
        offers.append(OfferDraft(kind="support-contract", provider=provider, until=until))
    if maintenance.get("type") == "community":
        offers.append(OfferDraft(kind="community-support"))
    return tuple(contacts), tuple(offers)


def _dependencies(depends: dict[str, Any]) -> tuple[DependencyDraft, ...]:
    found: list[DependencyDraft] = []
    for kind in ("open", "proprietary", "hardware"):
        for item in _maps(depends.get(kind)):
            name = _str(item.get("name"))
            if name:
                found.append(
                    DependencyDraft(
                        kind=kind,
                        name=name,
                        version=_str(item.get("version")),
                        version_min=_str(item.get("versionMin")),
                        version_max=_str(item.get("versionMax")),
                        optional=item.get("optional") is True,
                        source="declared",
                    )
                )
    return tuple(found)


def _interface(standard: str, key: str, **details: object) -> InterfaceDraft:
    return InterfaceDraft(
        standard=standard,
        evidence_level="declared",
        evidence=EVIDENCE,
        details={"publiccode_key": key, **details},
    )


def _interfaces(doc: dict[str, Any]) -> tuple[InterfaceDraft, ...]:
    """API documentation, ``supports`` and the deprecated ``IT.piattaforme`` flags.

    An alias is given by its name (``spid``), which the standards catalogue matches;
    the raw ``supports`` id is kept in ``details``.
    """
    found: dict[str, InterfaceDraft] = {}
    for lang, text in _map(doc.get("description")).items():
        url = _str(_map(text).get("apiDocumentation"))
        if url and url not in found:
            found[url] = _interface(url, "apiDocumentation", language=str(lang))
    for item in _maps(doc.get("supports")):
        raw = _str(item.get("id"))
        if raw:
            label = raw.removeprefix("alias:")
            found.setdefault(label, _interface(label, "supports", supports_id=raw))
    italy = _map(doc.get("IT")) or _map(doc.get("it"))
    platforms = _map(italy.get("piattaforme"))
    for alias in _PLATFORM_ALIASES:
        if platforms.get(alias) is True:
            found.setdefault(alias, _interface(alias, "IT.piattaforme"))
    return tuple(found.values())


def _funding(value: Any) -> tuple[FundingDraft, ...]:
    funders = (_organisation(item) for item in _maps(value))
    return tuple(FundingDraft(funder=funder) for funder in funders if funder is not None)


def _adoptions(value: Any) -> tuple[AdoptionDraft, ...]:
    """Each ``usedBy`` line is someone else's claim about an adopter: never verified."""
    return tuple(
        AdoptionDraft(
            organisation=OrganisationRef(name=line),
            role="uses",
            verified=False,
            claim_text=line,
        )
        for line in _strs(value)
    )
