"""The shape of a v0 publiccode.yml: every key, its type, in the reference's order.

The order matters: the reference decodes and validates fields in the order of its Go
struct (``v0.go``), and the *first* error it reports is the first failing field in
that order. Keeping the same order here makes our first error the same as its one.

Kinds:
  ``str``   a scalar (numbers and booleans are read as their text, as the reference does)
  ``bool``  true or false
  ``strs``  a list of scalars
  ``str_or_strs``  one scalar or a list of them (``isBasedOn``)
  ``struct`` / ``structs``  a mapping / a list of mappings with ``fields``
  ``desc_map``  language tag -> description mapping (``description``)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DESCRIPTION", "V0", "Field"]


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the schema."""

    name: str
    kind: str = "str"
    fields: tuple[Field, ...] = ()


def _strs(*names: str) -> tuple[Field, ...]:
    return tuple(Field(name) for name in names)


ORGANISATION = _strs("name", "uri")
DESCRIPTION = (
    *_strs("localisedName", "genericName", "shortDescription", "longDescription"),
    *_strs("documentation", "apiDocumentation"),
    Field("features", "strs"),
    Field("screenshots", "strs"),
    Field("videos", "strs"),
    Field("awards", "strs"),
)
DEPENDENCY = (
    *_strs("name", "versionMin", "versionMax"),
    Field("optional", "bool"),
    Field("version"),
)
IT_SECTION = (
    Field("countryExtensionVersion"),
    Field(
        "conforme",
        "struct",
        tuple(
            Field(name, "bool")
            for name in (
                "lineeGuidaDesign",
                "modelloInteroperabilita",
                "misureMinimeSicurezza",
                "gdpr",
            )
        ),
    ),
    Field("riuso", "struct", _strs("codiceIPA")),
    Field(
        "piattaforme",
        "struct",
        tuple(Field(name, "bool") for name in ("spid", "pagopa", "cie", "anpr", "io")),
    ),
)

V0: tuple[Field, ...] = (
    *_strs("publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL"),
    Field("isBasedOn", "str_or_strs"),
    *_strs("softwareVersion", "releaseDate", "logo", "monochromeLogo"),
    Field("organisation", "struct", ORGANISATION),
    Field("inputTypes", "strs"),
    Field("outputTypes", "strs"),
    Field("platforms", "strs"),
    Field("categories", "strs"),
    Field("usedBy", "strs"),
    Field("fundedBy", "structs", ORGANISATION),
    Field("roadmap"),
    Field("developmentStatus"),
    Field("softwareType"),
    Field("supports", "structs", _strs("id")),
    Field(
        "intendedAudience",
        "struct",
        (Field("scope", "strs"), Field("countries", "strs"), Field("unsupportedCountries", "strs")),
    ),
    Field("description", "desc_map", DESCRIPTION),
    Field("legal", "struct", _strs("license", "mainCopyrightOwner", "repoOwner", "authorsFile")),
    Field(
        "maintenance",
        "struct",
        (
            Field("type"),
            Field("contractors", "structs", _strs("name", "email", "website", "until")),
            Field("contacts", "structs", _strs("name", "email", "affiliation", "phone")),
        ),
    ),
    Field(
        "localisation",
        "struct",
        (Field("localisationReady", "bool"), Field("availableLanguages", "strs")),
    ),
    Field(
        "dependsOn",
        "struct",
        tuple(Field(kind, "structs", DEPENDENCY) for kind in ("open", "proprietary", "hardware")),
    ),
    Field("IT", "struct", IT_SECTION),
    Field("it", "struct", IT_SECTION),
)
