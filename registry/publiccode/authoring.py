"""A publiccode.yml written from a form: the fields a publisher fills in, checked per field.

    form = Authored(name="Mängelmelder", url="https://git.example.org/town/app", ...)
    problems = check_authored(form)          # [FieldProblem("platforms", "editor.err.required")]
    text = render_publiccode(form)           # a v0 publiccode.yml (always; valid when no problem)
    field_of_issue("description.de.shortDescription")   # "de_short": where a finding belongs

The form covers the standard's main keys (name, url, descriptions per language, platforms,
categories, developmentStatus, softwareType, legal.license, maintenance, localisation);
``validate`` (the project's validator) still judges the result, so a rule this module does
not know is still found. Problems carry message keys, never prose: the page words them in
its language. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from registry.publiccode._vocab import vocabulary

__all__ = [
    "LANGUAGES",
    "PLATFORMS",
    "Authored",
    "FieldProblem",
    "LanguageText",
    "check_authored",
    "field_of_issue",
    "render_publiccode",
]

#: The description languages the editor offers, in its order.
LANGUAGES = ("de", "en")
#: The platforms the standard suggests (others are allowed but not offered here).
PLATFORMS = ("web", "linux", "windows", "mac", "android", "ios")
SHORT_MAX = 150
LONG_MIN, LONG_MAX = 150, 10_000
_BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class LanguageText:
    """``description.<lang>``: what a reader in that language sees."""

    short: str = ""
    long: str = ""
    features: tuple[str, ...] = ()
    documentation: str = ""

    @property
    def empty(self) -> bool:
        """Nothing written in this language (it is left out of the file)."""
        return not (self.short or self.long or self.features or self.documentation)


@dataclass(frozen=True, slots=True)
class Authored:
    """What the editor's form holds (strings as typed, stripped)."""

    name: str = ""
    url: str = ""
    landing_url: str = ""
    software_version: str = ""
    platforms: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    development_status: str = ""
    software_type: str = ""
    licence: str = ""
    maintenance_type: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contractor_name: str = ""
    contractor_until: str = ""
    localisation_ready: bool = False
    available_languages: tuple[str, ...] = ()
    texts: dict[str, LanguageText] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem: the form field (its id), a message key and the key's values."""

    field: str
    key: str
    values: dict[str, object] = dataclasses.field(default_factory=dict)


def _http_url(value: str) -> bool:
    return bool(re.match(r"^https?://[^/\s]+", value))


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def _check_urls(form: Authored) -> list[FieldProblem]:
    problems = []
    if not form.url:
        problems.append(FieldProblem("url", "editor.err.required"))
    elif not _http_url(form.url):
        problems.append(FieldProblem("url", "editor.err.url"))
    if form.landing_url and not _http_url(form.landing_url):
        problems.append(FieldProblem("landing_url", "editor.err.url"))
    return problems


def _check_choices(form: Authored) -> list[FieldProblem]:
    vocab = vocabulary()
    problems = []
    if not form.platforms:
        problems.append(FieldProblem("platforms", "editor.err.choose_one"))
    unknown = sorted(set(form.categories) - vocab.categories)
    if unknown:
        problems.append(FieldProblem("categories", "editor.err.unknown", {"value": unknown[0]}))
    for name, value, allowed in (
        ("development_status", form.development_status, vocab.development_statuses),
        ("software_type", form.software_type, vocab.software_types),
        ("maintenance_type", form.maintenance_type, vocab.maintenance_types),
    ):
        if not value:
            problems.append(FieldProblem(name, "editor.err.required"))
        elif value not in allowed:
            problems.append(FieldProblem(name, "editor.err.unknown", {"value": value}))
    return problems


def _check_maintenance(form: Authored) -> list[FieldProblem]:
    problems = []
    kind = form.maintenance_type
    if kind in {"internal", "community"} and not form.contact_name:
        problems.append(FieldProblem("contact_name", "editor.err.contact_needed"))
    if form.contact_email and not _EMAIL.match(form.contact_email):
        problems.append(FieldProblem("contact_email", "editor.err.email"))
    if kind == "contract":
        if not form.contractor_name:
            problems.append(FieldProblem("contractor_name", "editor.err.contractor_needed"))
        if not _iso_date(form.contractor_until):
            problems.append(FieldProblem("contractor_until", "editor.err.date"))
    return problems


def _check_texts(form: Authored) -> list[FieldProblem]:
    written = {lang: text for lang, text in form.texts.items() if not text.empty}
    if not written:
        return [FieldProblem(f"{LANGUAGES[0]}_short", "editor.err.one_language")]
    problems = []
    for lang, text in written.items():
        if not text.short:
            problems.append(FieldProblem(f"{lang}_short", "editor.err.required"))
        elif len(text.short) > SHORT_MAX:
            problems.append(FieldProblem(f"{lang}_short", "editor.err.too_long",
                                         {"max": SHORT_MAX, "n": len(text.short)}))  # fmt: skip
        if not LONG_MIN <= len(text.long) <= LONG_MAX:
            problems.append(FieldProblem(f"{lang}_long", "editor.err.long_length",
                                         {"min": LONG_MIN, "max": LONG_MAX,
                                          "n": len(text.long)}))  # fmt: skip
        if not text.features:
            problems.append(FieldProblem(f"{lang}_features", "editor.err.features"))
        if text.documentation and not _http_url(text.documentation):
            problems.append(FieldProblem(f"{lang}_documentation", "editor.err.url"))
    return problems


def check_authored(form: Authored) -> list[FieldProblem]:
    """The problems of ``form``, in the form's order (empty: the file will be valid)."""
    problems = [] if form.name else [FieldProblem("name", "editor.err.required")]
    problems += _check_urls(form)
    problems += _check_texts(form)
    problems += _check_choices(form)
    if not form.licence:
        problems.append(FieldProblem("licence", "editor.err.required"))
    problems += _check_maintenance(form)
    if not form.available_languages:
        problems.append(FieldProblem("available_languages", "editor.err.required"))
    bad = [code for code in form.available_languages if not _BCP47.match(code)]
    if bad:
        problems.append(FieldProblem("available_languages", "editor.err.language",
                                     {"value": bad[0]}))  # fmt: skip
    return problems


def _descriptions(form: Authored) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for lang in LANGUAGES:
        text = form.texts.get(lang)
        if text is None or text.empty:
            continue
        entry: dict[str, object] = {"shortDescription": text.short, "longDescription": text.long}
        if text.documentation:
            entry["documentation"] = text.documentation
        entry["features"] = list(text.features)
        out[lang] = entry
    return out


def _maintenance(form: Authored) -> dict[str, object]:
    out: dict[str, object] = {"type": form.maintenance_type}
    if form.maintenance_type == "contract" and form.contractor_name:
        out["contractors"] = [{"name": form.contractor_name, "until": form.contractor_until}]
    if form.contact_name and form.maintenance_type != "none":
        contact = {"name": form.contact_name}
        if form.contact_email:
            contact["email"] = form.contact_email
        out["contacts"] = [contact]
    return out


def _document(form: Authored) -> dict[str, object]:
    doc: dict[str, object] = {"publiccodeYmlVersion": "0", "name": form.name, "url": form.url}
    if form.landing_url:
        doc["landingURL"] = form.landing_url
    if form.software_version:
        doc["softwareVersion"] = form.software_version
    doc["platforms"] = list(form.platforms)
    if form.categories:
        doc["categories"] = list(form.categories)
    doc["developmentStatus"] = form.development_status
    doc["softwareType"] = form.software_type
    doc["description"] = _descriptions(form)
    doc["legal"] = {"license": form.licence}
    doc["maintenance"] = _maintenance(form)
    doc["localisation"] = {"localisationReady": form.localisation_ready,
                           "availableLanguages": list(form.available_languages)}  # fmt: skip
    return doc


def render_publiccode(form: Authored) -> str:
    """The publiccode.yml text for ``form`` (keys in the standard's order, UTF-8 prose kept).

    Every value is a string, list or boolean written by the YAML emitter, which quotes
    what would otherwise read as another type (``"0"``, ``"yes"``, dates).
    """
    header = "# publiccode.yml, made with the registry editor\n"
    body = yaml.safe_dump(_document(form), sort_keys=False, allow_unicode=True, width=100)
    return header + body


#: Validator keys (prefixes) and the form field that holds them.
_FIELD_OF_KEY = (
    ("landingURL", "landing_url"), ("url", "url"), ("name", "name"),
    ("softwareVersion", "software_version"), ("platforms", "platforms"),
    ("categories", "categories"), ("developmentStatus", "development_status"),
    ("softwareType", "software_type"), ("legal", "licence"),
    ("maintenance.contractors", "contractor_name"), ("maintenance.contacts", "contact_name"),
    ("maintenance", "maintenance_type"), ("localisation", "available_languages"),
)  # fmt: skip
_TEXT_KEYS = {"shortDescription": "short", "longDescription": "long", "features": "features",
              "documentation": "documentation"}  # fmt: skip


def field_of_issue(key: str) -> str:
    """The form field a validator finding on ``key`` belongs to (``name`` when unsure)."""
    parts = key.split(".")
    if parts[0] == "description" and len(parts) >= 3 and parts[1] in LANGUAGES:
        return f"{parts[1]}_{_TEXT_KEYS.get(parts[2].split('[')[0], 'short')}"
    for prefix, name in _FIELD_OF_KEY:
        if key == prefix or key.startswith((f"{prefix}.", f"{prefix}[")):
            return name
    return "name"
