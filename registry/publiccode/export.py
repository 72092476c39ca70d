"""From a ``SolutionDraft`` back to a current-version publiccode.yml.

The export writes only what the draft knows, in the standard's key order, without
deprecated keys (``genericName``, ``legal.repoOwner``, country sections), so that
other catalogues can harvest it. It invents nothing: a draft that lacks a mandatory
fact (say, a long description) gives a file that ``validate`` rejects and names the
missing key. A mapped, valid publiccode.yml always exports to a valid one.
"""

from __future__ import annotations

from typing import Any

import yaml

from registry.entries import ContactDraft, InterfaceDraft, SolutionDraft, TextDraft
from registry.publiccode._formats import is_organisation_uri, is_supports_id
from registry.publiccode._vocab import vocabulary

__all__ = ["from_draft"]

_HEADER = "# publiccode.yml exported by the municipal software registry\n"


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text; never anchors, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def _clean(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop keys without a value, so the file holds facts, not blanks."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {}, ())}


def from_draft(draft: SolutionDraft, *, version: str | None = None) -> str:
    """Write ``draft`` as publiccode.yml text (``publiccodeYmlVersion`` defaults to 0.7).

    Example:
        text = from_draft(to_draft(report.document))
        assert validate(text.encode()).valid
    """
    document = _clean(
        {
            "publiccodeYmlVersion": version or vocabulary().latest_version,
            "name": draft.name,
            "url": draft.url,
            "landingURL": draft.landing_url,
            "isBasedOn": list(draft.is_based_on),
            "softwareVersion": draft.software_version,
            "releaseDate": draft.release_date.isoformat() if draft.release_date else None,
            "logo": draft.logo,
            "organisation": _organisation(draft),
            "platforms": list(draft.platforms),
            "categories": [c for c in draft.categories if c in vocabulary().categories],
            "usedBy": _used_by(draft),
            "fundedBy": _funded_by(draft),
            "developmentStatus": draft.development_status,
            "softwareType": draft.software_type,
            "supports": _supports(draft.interfaces),
            "intendedAudience": _clean(
                {"scope": list(draft.scopes), "countries": list(draft.countries)}
            ),
            "description": {lang: _text(text) for lang, text in draft.texts.items()},
            "legal": _clean(
                {"license": draft.licence, "mainCopyrightOwner": draft.main_copyright_owner}
            ),
            "maintenance": _maintenance(draft),
            "localisation": _localisation(draft),
            "dependsOn": _depends_on(draft),
        }
    )
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000)
    return _HEADER + body


def _organisation(draft: SolutionDraft) -> dict[str, Any] | None:
    """``organisation`` needs a URI; a publisher known only by name is left out."""
    publisher = draft.publisher
    if publisher is None or not publisher.identifier:
        return None
    if not is_organisation_uri(publisher.identifier):
        return None
    return _clean({"uri": publisher.identifier, "name": publisher.name})


def _used_by(draft: SolutionDraft) -> list[str]:
    lines = (a.claim_text or a.organisation.name for a in draft.adoptions if a.role == "uses")
    return list(dict.fromkeys(line for line in lines if line))


def _funded_by(draft: SolutionDraft) -> list[dict[str, Any]]:
    return [
        _clean({"uri": f.funder.identifier, "name": f.funder.name})
        for f in draft.funding
        if f.funder.identifier and is_organisation_uri(f.funder.identifier)
    ]


def _supports(interfaces: tuple[InterfaceDraft, ...]) -> list[dict[str, str]]:
    """Declared ``supports`` entries and any interface named by an alias or a URI."""
    ids: list[str] = []
    for interface in interfaces:
        if interface.details.get("publiccode_key") == "apiDocumentation":
            continue  # written back as description.<lang>.apiDocumentation
        raw = interface.details.get("supports_id")
        candidate = str(raw) if raw else interface.standard
        if candidate in vocabulary().supports_aliases:
            candidate = f"alias:{candidate}"
        if is_supports_id(candidate):
            ids.append(candidate)
    return [{"id": i} for i in dict.fromkeys(ids)]


def _text(text: TextDraft) -> dict[str, Any]:
    return _clean(
        {
            "localisedName": text.localised_name,
            "shortDescription": text.short_description,
            "longDescription": text.long_description,
            "documentation": text.documentation,
            "apiDocumentation": text.api_documentation,
            "features": list(text.features),
            "screenshots": list(text.screenshots),
            "videos": list(text.videos),
            "awards": list(text.awards),
        }
    )


def _person(contact: ContactDraft) -> dict[str, Any]:
    if contact.role == "contractor":
        until = contact.until.isoformat() if contact.until else None
        fields = {"email": contact.email, "website": contact.website, "until": until}
    else:
        fields = {"email": contact.email, "phone": contact.phone}
        fields["affiliation"] = contact.affiliation
    return _clean({"name": contact.name, **fields})


def _maintenance(draft: SolutionDraft) -> dict[str, Any]:
    """Contractors only under ``type: contract``, as the standard demands."""
    contractors = [_person(c) for c in draft.contacts if c.role == "contractor"]
    contacts = [_person(c) for c in draft.contacts if c.role != "contractor"]
    return _clean(
        {
            "type": draft.maintenance_type,
            "contractors": contractors if draft.maintenance_type == "contract" else None,
            "contacts": contacts,
        }
    )


def _localisation(draft: SolutionDraft) -> dict[str, Any]:
    """``localisationReady`` is not in the draft: more than one language says yes."""
    languages = list(draft.languages) or list(draft.texts)
    return {"localisationReady": len(languages) > 1, "availableLanguages": languages}


def _depends_on(draft: SolutionDraft) -> dict[str, Any]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for dep in draft.dependencies:
        item = _clean(
            {
                "name": dep.name,
                "versionMin": dep.version_min,
                "versionMax": dep.version_max,
                "version": dep.version,
                "optional": True if dep.optional else None,
            }
        )
        grouped.setdefault(dep.kind, []).append(item)
    return {kind: grouped[kind] for kind in ("open", "proprietary", "hardware") if kind in grouped}
