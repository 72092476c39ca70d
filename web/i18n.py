"""German and English for every page: the language is chosen once per request.

Order: an explicit ``?lang=`` choice, then the ``lang`` cookie (remembered choice), then
the browser's ``Accept-Language``, then the first configured language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from litestar import Request

MESSAGES: dict[str, dict[str, str]] = {
    "site.title": {"de": "Register kommunaler Software", "en": "Registry of municipal software"},
    "site.tagline": {
        "de": "Kommunen veröffentlichen ihre Lösungen, andere finden und übernehmen sie, "
        "Fördergeber prüfen Nachnutzbarkeit.",
        "en": "Municipalities publish their solutions, others find and reuse them, "
        "funders check reuse requirements.",
    },
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.home": {"de": "Start", "en": "Home"},
    "nav.main": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.language": {"de": "Sprache", "en": "Language"},
    "home.catalogue": {"de": "Katalog", "en": "Catalogue"},
    "home.count": {"de": "{n} Lösungen", "en": "{n} solutions"},
    "home.empty": {
        "de": "Noch keine Lösungen. Laden Sie den Demo-Katalog mit „registry demo load“.",
        "en": "No solutions yet. Load the demo catalogue with “registry demo load”.",
    },
    "field.licence": {"de": "Lizenz", "en": "Licence"},
    "field.publisher": {"de": "Herausgeber", "en": "Publisher"},
    "field.domains": {"de": "Handlungsfelder", "en": "Domains"},
    "field.interfaces": {"de": "Schnittstellen", "en": "Interfaces"},
    "field.status": {"de": "Status", "en": "Status"},
    "field.inactive": {"de": "inaktiv", "en": "inactive"},
    "error.title": {"de": "Fehler", "en": "Error"},
    "error.not_found": {"de": "Nicht gefunden", "en": "Not found"},
    "footer.api": {"de": "API-Dokumentation", "en": "API documentation"},
}

LANG_COOKIE = "lang"


def choose_language(request: Request[Any, Any, Any], languages: Sequence[str]) -> str:
    """The language for this request."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in languages:
        return str(asked)
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in languages:
            return code
    return languages[0]


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)`` for templates; falls back to English, then to the key."""

    def t(key: str, **values: object) -> str:
        entry = MESSAGES.get(key, {})
        text = entry.get(lang) or entry.get("en") or key
        return text.format(**values) if values else text

    return t


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else English, else German, else any."""
    for code in (lang, "en", "de"):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")
