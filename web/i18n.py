"""German and English for every page: the language is chosen once per request.

Order: an explicit ``?lang=`` choice, then the ``lang`` cookie (remembered choice), then
the browser's ``Accept-Language`` (q-values and region tags honoured), then the first
configured language. The texts live in the gettext catalogues ``web/locale/*/LC_MESSAGES/
messages.po`` (loaded with Babel, see ``web.catalogues``); dates and numbers are written
the way each language writes them (Babel's CLDR data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from litestar import Request

from registry.entries import in_language
from web import catalogues

LANG_COOKIE = "lang"


def choose_language(request: Request[Any, Any, Any], languages: Sequence[str]) -> str:
    """The language for this request."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in languages:
        return str(asked)
    return accepted_language(request.headers.get("accept-language", ""), languages)


def accepted_language(header: str, languages: Sequence[str]) -> str:
    """The configured language the browser likes best (RFC 9110 ``Accept-Language``).

    ``de;q=0.3, en;q=0.9`` gives ``en``; ``de-AT`` counts as ``de``; ``q=0`` refuses; ``*``
    stands for the first configured language; ties keep the header's order.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.lower().split("-")[0]
        code = languages[0] if code == "*" else code
        if code in languages and 0 < quality <= 1:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else languages[0]


@cache
def translations(lang: str) -> Translations:
    """The catalogue of ``lang``, English behind it (a message missing there shows its key)."""
    english = catalogues.load("en")
    if lang == "en":
        return english
    own = catalogues.load(lang)
    own.add_fallback(english)
    return own


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)`` for templates; falls back to English, then to the key.

    With an ``n`` value a plural message takes its form by ``n`` (ngettext: "1 Lösung",
    "2 Lösungen"). Dates and decimal numbers among the values are written per language.
    """
    catalogue = translations(lang)
    fmt = Formats(lang)

    def t(key: str, **values: object) -> str:
        n = values.get("n")
        text = key
        if isinstance(n, int):
            text = catalogue.ngettext(key, key, n)
        if text == key:
            text = catalogue.gettext(key)
        if not values:
            return text
        return text.format(**{name: fmt.value(value) for name, value in values.items()})

    return t


def has_message(key: str) -> bool:
    """Whether the catalogues hold ``key`` (for keys built from data)."""
    english = translations("en")
    return english.gettext(key) != key or english.ngettext(key, key, 2) != key


class Formats:
    """Dates and numbers as ``lang`` writes them (``07.12.2026``, ``2,5``, ``87 %``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def date(self, value: dt.date | dt.datetime | None) -> str:
        """A day (a timestamp's day in UTC)."""
        if value is None:
            return "–"
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).date() if value.tzinfo else value.date()
        return format_date(value, "medium", locale=self.lang)

    def day(self, iso: str | None) -> str:
        """A day stored as ISO text ("2026-10-08") as this language writes it; other text as is."""
        if not iso:
            return "–"
        try:
            return self.date(dt.date.fromisoformat(iso[:10]))
        except ValueError:
            return iso

    def datetime(self, value: dt.datetime | None) -> str:
        """A day and time of day (UTC, as stored)."""
        if value is None:
            return "–"
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        clock = format_time(value.time(), "short", locale=self.lang)
        return f"{self.date(value)} {clock}"

    def number(self, value: float | int | None, digits: int = 1) -> str:
        """A number with at most ``digits`` decimals and no trailing zero (``3``, ``2,5``)."""
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, pattern, locale=self.lang)

    def percent(self, fraction: float | None) -> str:
        """A fraction as a percentage (``0.87`` → ``87 %``)."""
        return "–" if fraction is None else format_percent(fraction, locale=self.lang)

    def value(self, value: object) -> object:
        """A message value as this language writes it: dates and floats formatted."""
        if isinstance(value, dt.datetime):
            return self.datetime(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, float):
            return self.number(value)
        return value


def one_language(message: str, lang: str) -> str:
    """The part of a bilingual ``"deutsch / english"`` domain message in ``lang``.

    Domain errors carry both languages (the API answers them as they are); a page shows
    one. A message without the separator is returned whole.
    """
    head, sep, tail = message.partition(" / ")
    if not sep:
        return message
    field, colon, _german = head.partition(": ")
    if lang == "de":
        return head
    if colon and " " not in field and not tail.startswith(f"{field}: "):
        return f"{field}: {tail}"  # "field: deutsch / english": the field for both
    return tail


_FIELD = re.compile(r"([a-z_]+)((?:\[\d+\])?(?:\.[a-z_]+)*): (.+)", re.S)


def field_named(message: str, t: Callable[..., str]) -> str:
    """``"password: mindestens 12 Zeichen."`` with the field in words ("Passwort: …") where
    the catalogue names it (``errfield.<field>``); other messages as they are."""
    match = _FIELD.fullmatch(message)
    if not match or not has_message(f"errfield.{match.group(1)}"):
        return message
    field, path, text = match.groups()
    return f"{t(f'errfield.{field}')}{path}: {text}"


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else English, else German, else any (``in_language``)."""
    return in_language(texts, lang) or ""
