"""The field rules of publiccode.yml v0 (the reference's struct tags), in its order.

Each rule reads the decoded document and reports ``(key, message)`` with the key and
the message written as the reference writes them (``maintenance.contractors[0].until``,
``until must be a date with format 'YYYY-MM-DD'``). As in the reference, the first
failing rule of a field ends that field's checks. Paths whose type was wrong are
skipped: they already have their error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from registry.publiccode import _formats as fmt
from registry.publiccode._decode import Path
from registry.publiccode._vocab import ipa_codes, vocabulary

__all__ = ["check_rules", "one_of"]

_CATEGORIES_URL = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst"
)
_SCOPES_URL = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst"
)
_ALIASES_URL = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst"
)
_IPA_URL = "https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary"
_BAD = object()


def one_of(name: str, values: tuple[str, ...]) -> str:
    """``X must be one of the following: "a", "b" or "c"``."""
    quoted = [f'"{v}"' for v in values]
    listed = ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
    return f"{name} must be one of the following: {listed}"


class _Checker:
    def __init__(self, bad: set[Path]) -> None:
        self.bad = bad
        self.found: list[tuple[str, str]] = []

    def emit(self, key: str, message: str) -> None:
        self.found.append((key, message))

    def get(self, container: Any, name: str, path: Path) -> Any:
        """The value at ``path + name``; ``_BAD`` when its type was wrong."""
        if (*path, name) in self.bad:
            return _BAD
        return container.get(name) if isinstance(container, dict) else None

    def required(self, value: Any, key: str, name: str) -> bool:
        if value is None or value == "":
            self.emit(key, f"{name} is a required field")
            return False
        return True

    def text(self, value: Any, key: str, name: str) -> TypeGuard[str]:
        """``required`` for a string field; only a non-empty string passes."""
        return self.required(value, key, name) and isinstance(value, str)

    def each(self, values: Any, key: str, name: str, ok: Callable[[str], bool], what: str) -> None:
        """Dive into a list of strings; ``what`` completes '<name>[i] <what>'."""
        if not isinstance(values, list):
            return
        for index, item in enumerate(values):
            if not ok("" if item is None else str(item)):
                self.emit(f"{key}[{index}]", f"{name}[{index}] {what}")

    def non_empty(self, value: Any, key: str, name: str) -> bool:
        if not value:
            self.emit(key, f"{name} must contain more than 0 items")
            return False
        return True


def check_rules(doc: dict[str, Any], bad: set[Path]) -> list[tuple[str, str]]:
    """Every rule violation of ``doc``, as (key, message), in the reference's order."""
    c = _Checker(bad)
    _top_urls(c, doc)
    _organisations(c, doc)
    _lists(c, doc)
    _enums(c, doc)
    _audience(c, doc)
    _description(c, doc)
    _legal_maintenance(c, doc)
    _localisation_depends(c, doc)
    for section in ("IT", "it"):
        _italy(c, doc, section)
    return c.found


def _top_urls(c: _Checker, doc: dict[str, Any]) -> None:
    name = c.get(doc, "name", ())
    if name is not _BAD:
        c.required(name, "name", "name")
    url = c.get(doc, "url", ())
    if url is not _BAD and c.required(url, "url", "url") and not fmt.is_url(url):
        c.emit("url", "url must be a valid URL")
    _http_url(c, c.get(doc, "landingURL", ()), "landingURL", "landingURL")
    based = c.get(doc, "isBasedOn", ())
    if based is not _BAD:
        c.each(based, "isBasedOn", "isBasedOn", fmt.is_url, "must be a valid URL")
    released = c.get(doc, "releaseDate", ())
    if isinstance(released, str) and not fmt.is_date(released):
        c.emit("releaseDate", "releaseDate must be a date with format 'YYYY-MM-DD'")


def _http_url(c: _Checker, value: Any, key: str, name: str) -> None:
    if isinstance(value, str) and not fmt.is_http_url(value):
        c.emit(key, f"{name} must be an HTTP URL")


def _organisation(c: _Checker, org: Any, key: str) -> None:
    uri = org.get("uri") if isinstance(org, dict) else None
    if not c.text(uri, f"{key}.uri", "uri") or fmt.is_organisation_uri(uri):
        return
    if uri.startswith("urn:x-italian-pa:"):
        message = (
            "uri must be a valid Italian Public Administration Code (iPA) with format "
            f"'urn:x-italian-pa:[codiceIPA]' (see {_IPA_URL})"
        )
    else:
        message = "uri is not a valid URI"
    c.emit(f"{key}.uri", message)


def _organisations(c: _Checker, doc: dict[str, Any]) -> None:
    org = c.get(doc, "organisation", ())
    if isinstance(org, dict):
        _organisation(c, org, "organisation")
    for name in ("inputTypes", "outputTypes"):
        values = c.get(doc, name, ())
        if values is not _BAD:
            c.each(values, name, name, fmt.is_mime_type, "is not a valid MIME type")


def _lists(c: _Checker, doc: dict[str, Any]) -> None:
    platforms = c.get(doc, "platforms", ())
    if platforms is not _BAD:
        c.non_empty(platforms, "platforms", "platforms")
    categories = c.get(doc, "categories", ())
    if categories is not _BAD:
        known = vocabulary().categories
        message = f"must be a valid category (see {_CATEGORIES_URL})"
        c.each(categories, "categories", "categories", known.__contains__, message)
    funders = c.get(doc, "fundedBy", ())
    if isinstance(funders, list) and funders is not _BAD:
        for index, funder in enumerate(funders):
            _organisation(c, funder, f"fundedBy[{index}]")
    _http_url(c, c.get(doc, "roadmap", ()), "roadmap", "roadmap")


def _enums(c: _Checker, doc: dict[str, Any]) -> None:
    vocab = vocabulary()
    for name, values in (
        ("developmentStatus", vocab.development_statuses),
        ("softwareType", vocab.software_types),
    ):
        value = c.get(doc, name, ())
        if value is not _BAD and c.required(value, name, name) and value not in values:
            c.emit(name, one_of(name, values))
    supports = c.get(doc, "supports", ())
    if isinstance(supports, list) and supports is not _BAD:
        for index, item in enumerate(supports):
            _support(c, item, f"supports[{index}].id")


def _support(c: _Checker, item: Any, key: str) -> None:
    value = item.get("id") if isinstance(item, dict) else None
    if not c.text(value, key, "id") or fmt.is_supports_id(value):
        return
    if value.startswith("alias:"):
        c.emit(key, f"id contains an unknown alias (see {_ALIASES_URL})")
    else:
        c.emit(key, "id must be a known alias ('alias:<name>') or a valid URI (URL or URN)")


def _audience(c: _Checker, doc: dict[str, Any]) -> None:
    audience = c.get(doc, "intendedAudience", ())
    if not isinstance(audience, dict):
        return
    path = ("intendedAudience",)
    scope = c.get(audience, "scope", path)
    if scope is not _BAD:
        message = f"must be a valid scope (see {_SCOPES_URL})"
        c.each(scope, "intendedAudience.scope", "scope", vocabulary().scopes.__contains__, message)
    for name in ("countries", "unsupportedCountries"):
        values = c.get(audience, name, path)
        if values is not _BAD:
            message = "must be a valid ISO 3166-1 alpha-2 two-letter country code"
            c.each(values, f"intendedAudience.{name}", name, fmt.is_country, message)


def lang_key(lang: str) -> str:
    """``description.en`` but ``description[en-US]``, as the reference's key rewriting does."""
    return f"description.{lang}" if lang.isascii() and lang.isalpha() else f"description[{lang}]"


def _description(c: _Checker, doc: dict[str, Any]) -> None:
    descriptions = c.get(doc, "description", ())
    if descriptions is _BAD or not c.non_empty(descriptions, "description", "description"):
        return
    if not isinstance(descriptions, dict):
        return
    if not all(fmt.is_language(lang) for lang in descriptions):
        c.emit("description", "description must be a valid BCP 47 language")
        return
    for lang, text in descriptions.items():
        if ("description", lang) not in c.bad:
            _one_description(c, text, lang_key(lang), ("description", lang))


def _length(c: _Checker, value: Any, key: str, name: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not isinstance(value, str):
        return
    length = fmt.grapheme_length(value, high)
    if length < low:
        c.emit(key, f"{name} must be at least {low} characters in length")
    elif length > high:
        c.emit(key, f"{name} must be a maximum of {high} characters in length")


def _one_description(c: _Checker, text: dict[str, Any], key: str, path: Path) -> None:
    _length(c, c.get(text, "genericName", path), f"{key}.genericName", "genericName", (0, 35))
    short = c.get(text, "shortDescription", path)
    if short is not _BAD and c.required(short, f"{key}.shortDescription", "shortDescription"):
        _length(c, short, f"{key}.shortDescription", "shortDescription", (0, 150))
    long = c.get(text, "longDescription", path)
    if long is not _BAD and c.required(long, f"{key}.longDescription", "longDescription"):
        _length(c, long, f"{key}.longDescription", "longDescription", (150, 10_000))
    for name in ("documentation", "apiDocumentation"):
        _http_url(c, c.get(text, name, path), f"{key}.{name}", name)
    features = c.get(text, "features", path)
    if features is not _BAD:
        c.non_empty(features, f"{key}.features", "features")
    videos = c.get(text, "videos", path)
    if isinstance(videos, list):
        for index, video in enumerate(videos):
            if video is not None and not fmt.is_http_url(str(video)):
                c.emit(f"{key}.videos[{index}]", f"videos[{index}] must be an HTTP URL")


def _legal_maintenance(c: _Checker, doc: dict[str, Any]) -> None:
    legal = c.get(doc, "legal", ())
    if legal is not _BAD:
        licence = c.get(legal, "license", ("legal",))
        key = "legal.license"
        if licence is not _BAD and c.text(licence, key, "license") and not fmt.is_spdx(licence):
            c.emit(key, "license must be a valid license (see https://spdx.org/licenses)")
    maintenance = c.get(doc, "maintenance", ())
    if maintenance is not _BAD:
        _maintenance(c, maintenance)


def _maintenance(c: _Checker, maintenance: Any) -> None:
    path = ("maintenance",)
    kind = c.get(maintenance, "type", path)
    if kind is _BAD:
        return
    types = vocabulary().maintenance_types
    if c.required(kind, "maintenance.type", "type") and kind not in types:
        c.emit("maintenance.type", one_of("type", types))
    contractors = c.get(maintenance, "contractors", path)
    if contractors is not _BAD:
        if kind == "contract" and contractors is None:
            c.emit(
                "maintenance.contractors",
                'contractors is a required field when "type" is "contract"',
            )
        elif kind != "contract" and contractors is not None:
            c.emit(
                "maintenance.contractors",
                'contractors must not be present unless "type" is "contract"',
            )
        else:
            for index, item in enumerate(contractors or ()):
                _person(c, item, f"maintenance.contractors[{index}]", contractor=True)
    contacts = c.get(maintenance, "contacts", path)
    if contacts is not _BAD:
        if kind in ("community", "internal") and contacts is None:
            c.emit("maintenance.contacts", f'contacts is a required field when "type" is "{kind}"')
        for index, item in enumerate(contacts or ()):
            _person(c, item, f"maintenance.contacts[{index}]", contractor=False)


def _person(c: _Checker, item: Any, key: str, *, contractor: bool) -> None:
    person = item if isinstance(item, dict) else {}
    c.required(person.get("name"), f"{key}.name", "name")
    email = person.get("email")
    if email and not fmt.is_email(email):
        c.emit(f"{key}.email", "email must be a valid email address")
    if not contractor:
        return
    _http_url(c, person.get("website"), f"{key}.website", "website")
    until = person.get("until")
    if c.text(until, f"{key}.until", "until") and not fmt.is_date(until):
        c.emit(f"{key}.until", "until must be a date with format 'YYYY-MM-DD'")


def _localisation_depends(c: _Checker, doc: dict[str, Any]) -> None:
    local = c.get(doc, "localisation", ())
    if local is not _BAD:
        path = ("localisation",)
        ready = c.get(local, "localisationReady", path)
        if ready is not _BAD:
            c.required(ready, "localisation.localisationReady", "localisationReady")
        languages = c.get(local, "availableLanguages", path)
        key = "localisation.availableLanguages"
        if (
            languages is not _BAD
            and c.required(languages, key, "availableLanguages")
            and c.non_empty(languages, key, "availableLanguages")
        ):
            message = "must be a valid BCP 47 language"
            c.each(languages, key, "availableLanguages", fmt.is_language, message)
    depends = c.get(doc, "dependsOn", ())
    if isinstance(depends, dict):
        for kind in ("open", "proprietary", "hardware"):
            items = c.get(depends, kind, ("dependsOn",))
            if isinstance(items, list):
                for index, item in enumerate(items):
                    name = item.get("name") if isinstance(item, dict) else None
                    c.required(name, f"dependsOn.{kind}[{index}].name", "name")


def _italy(c: _Checker, doc: dict[str, Any], section: str) -> None:
    italy = c.get(doc, section, ())
    if not isinstance(italy, dict):
        return
    version = italy.get("countryExtensionVersion")
    allowed = vocabulary().it_country_extension_versions
    if version is not None and version not in allowed:
        name = "countryExtensionVersion"
        c.emit(f"{section}.{name}", one_of(name, allowed))
    riuso = italy.get("riuso")
    code = riuso.get("codiceIPA") if isinstance(riuso, dict) else None
    if code and code.lower() not in ipa_codes():
        c.emit(
            f"{section}.riuso.codiceIPA",
            f"codiceIPA must be a valid Italian Public Administration Code (iPA) (see {_IPA_URL})",
        )
