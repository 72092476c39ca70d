"""Value formats, each checked the way the reference parser checks it.

The reference is Go: ``net/url`` for URLs, go-playground/validator for URL, e-mail,
country and language checks, github/go-spdx for licences, rivo/uniseg for lengths.
Where Python has a library that agrees (license-expression, langcodes, pycountry,
grapheme, email-validator) we use it; where the reference's rule is narrower or
wider, the difference is written down next to the check.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import NamedTuple

from registry.licensing import spdx_licensing
from registry.publiccode._vocab import ipa_codes, oembed_patterns, vocabulary

__all__ = [
    "grapheme_length",
    "is_country",
    "is_date",
    "is_email",
    "is_http_url",
    "is_language",
    "is_mime_type",
    "is_oembed",
    "is_organisation_uri",
    "is_spdx",
    "is_supports_id",
    "is_url",
    "parse_url",
]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_CHARS = re.compile(r"[A-Za-z0-9.\-_~!$&'()*+,;=%\[\]:]*")


class Url(NamedTuple):
    """The parts of a URL that the reference's checks look at (lowercase scheme)."""

    scheme: str
    host: str
    path: str
    opaque: str
    fragment: str


def parse_url(text: str) -> Url | None:
    """Split ``text`` like Go's ``url.Parse``; None where Go reports an error."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text) or _BAD_ESCAPE.search(text):
        return None
    rest, _, fragment = text.partition("#")
    match = _SCHEME.match(rest)
    scheme = ""
    if match:
        scheme, rest = match.group(1).lower(), rest[match.end() :]
    elif rest.startswith(":") or ":" in rest.split("/", 1)[0]:
        return None  # Go: missing protocol scheme / colon in first path segment
    rest = rest.partition("?")[0]
    if scheme and not rest.startswith("/"):
        return Url(scheme, "", "", rest, fragment)
    if not rest.startswith("//"):
        return Url(scheme, "", rest, "", fragment)
    authority, slash, path = rest[2:].partition("/")
    host = authority.rpartition("@")[2]
    if not _HOST_CHARS.fullmatch(host) or not _valid_port(host):
        return None
    return Url(scheme, host, slash + path, "", fragment)


def _valid_port(host: str) -> bool:
    if host.startswith("["):
        return "]" in host
    _, colon, port = host.rpartition(":")
    return not colon or port.isdigit() or port == ""


def _parse_request_uri(text: str) -> Url | None:
    """Go's ``url.ParseRequestURI``: an absolute URI or an absolute path, no fragment."""
    if not (_SCHEME.match(text) or text.startswith("/")):
        return None
    return parse_url(text.replace("#", "%23"))


def is_url(text: str) -> bool:
    """go-playground ``url``: a scheme plus a host, a fragment or an opaque part."""
    lowered = text.lower()
    if not lowered:
        return False
    if lowered.startswith("file:/") and _parse_request_uri(lowered) is not None:
        return True
    url = parse_url(lowered)
    if url is None or not url.scheme:
        return False
    if url.scheme == "file":
        return url.path not in ("", "/")
    return bool(url.host or url.fragment or url.opaque)


def is_http_url(text: str) -> bool:
    """go-playground ``http_url``: a URL with host and scheme http or https."""
    if not is_url(text):
        return False
    url = parse_url(text.lower())
    return url is not None and bool(url.host) and url.scheme in ("http", "https")


# RFC 2141, as leodido/go-urn reads it: NID of up to 32 characters, not "urn".
_URN = re.compile(
    r"urn:(?!urn:)[A-Za-z0-9][A-Za-z0-9-]{0,31}:"
    r"(?:[A-Za-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9A-Fa-f]{2})+",
    re.IGNORECASE,
)


def _uri_kind(text: str) -> str:
    """'urn', 'url' or '' (invalid), as the reference's organisation and supports checks."""
    url = _parse_request_uri(text)
    if url is None:
        return ""
    if url.scheme == "urn":
        return "urn" if _URN.fullmatch(text) else ""
    return "url" if url.scheme and url.host else ""


def is_organisation_uri(text: str) -> bool:
    """A URL with scheme and host or an RFC 2141 URN; iPA URNs must name a known code."""
    kind = _uri_kind(text)
    if kind == "urn" and text.lower().startswith("urn:x-italian-pa:"):
        return text[len("urn:x-italian-pa:") :].lower() in ipa_codes()
    return bool(kind)


def is_supports_id(text: str) -> bool:
    """``alias:<known name>`` or any URI (URL with host, or RFC 2141 URN)."""
    if text.startswith("alias:"):
        return text[len("alias:") :] in vocabulary().supports_aliases
    return bool(_uri_kind(text))


def is_email(text: str) -> bool:
    """A syntactically valid address; no DNS lookup (this module does no I/O)."""
    import email_validator  # noqa: PLC0415 - 20 ms of tables, loaded when a file has an address

    try:
        email_validator.validate_email(text, check_deliverability=False, globally_deliverable=False)
    except email_validator.EmailNotValidError:
        return False
    return True


_LANGUAGE_TAG = re.compile(
    r"(?:EN-GB-OED|I-(?:AMI|BNN|DEFAULT|ENOCHIAN|HAK|KLINGON|LUX|MINGO|NAVAJO|PWN|TAO|TAY|TSU)"
    r"|SGN-BE-FR|SGN-BE-NL|SGN-CH-DE|ART-LOJBAN|CEL-GAULISH|NO-BOK|NO-NYN"
    r"|ZH-(?:GUOYU|HAKKA|MIN|MIN-NAN|XIANG)|X(?:-[A-Z0-9]{1,8})+)"
    r"|(?:[A-Z]{2,3}(?:-[A-Z]{3}){0,3})"
    r"(?:-[A-Z]{4})?"
    r"(?:-(?:[A-Z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Z0-9]{5,8}|[0-9][A-Z0-9]{3}))*"
    r"(?:-[A-WYZ0-9](?:-[A-Z0-9]{2,8})+)*"
    r"(?:-X(?:-[A-Z0-9]{1,8})+)?"
)


@cache
def is_language(tag: str) -> bool:
    """Strict BCP 47: well-formed (no ``en_GB``) and every subtag registered."""
    if not _LANGUAGE_TAG.fullmatch(tag.upper()):
        return False
    import langcodes  # noqa: PLC0415 - 35 ms of registry tables, loaded when a file names one

    return bool(langcodes.tag_is_valid(tag))


@cache
def _countries() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - the country table, loaded when a file names a country

    return frozenset(country.alpha_2 for country in pycountry.countries)


def is_country(code: str) -> bool:
    """ISO 3166-1 alpha-2, all uppercase or all lowercase (lowercase is deprecated)."""
    if code not in (code.upper(), code.lower()):
        return False
    return code.upper() in _countries()


_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+")


@cache
def is_spdx(expression: str) -> bool:
    """An SPDX expression (AND, OR, WITH, deprecated ids, ``LicenseRef-``), as go-spdx.

    Like the reference, this does not ask whether the licences are open source.
    """
    licensing = spdx_licensing()
    try:
        info = licensing.validate(expression)
    except Exception:  # license-expression raises assorted errors on bad syntax
        return False
    if not info.invalid_symbols:
        return not info.errors
    return all(_allowed_unknown(symbol) for symbol in info.invalid_symbols) and all(
        error.startswith("Unknown license key") for error in info.errors
    )


def _allowed_unknown(symbol: str) -> bool:
    if _REF.fullmatch(symbol):
        return True
    return symbol.endswith("+") and len(symbol) > 1 and is_spdx(symbol[:-1])


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(text: str) -> bool:
    """Exactly ``YYYY-MM-DD`` and a real calendar day (Go layout ``2006-01-02``)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_MIME = re.compile(
    r" *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *"
)


def is_mime_type(text: str) -> bool:
    """A ``type/subtype`` MIME type (the reference's RFC 2045-like pattern)."""
    return bool(_MIME.fullmatch(text))


# Characters that always form a grapheme cluster of their own (Grapheme_Cluster_Break
# Other or Control): ASCII, Latin, Greek and Cyrillic letters without combining marks,
# punctuation, currency, arrows. Text made only of these needs no segmentation.
_SIMPLE = re.compile(
    "[\x00-\x7f\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1eff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u214f\u2190-\u21ff]*"
)


def grapheme_length(text: str, limit: int) -> int:
    """Length in grapheme clusters, counted up to ``limit + 1`` (enough to compare).

    The fast path covers text whose every character is a cluster of its own; only
    CR LF pairs then count as one. Emoji, combining marks and other scripts go
    through full segmentation (the reference uses rivo/uniseg).
    """
    if _SIMPLE.fullmatch(text):
        return len(text) - text.count("\r\n")
    import grapheme  # noqa: PLC0415 - segmentation tables, loaded for non-simple text only

    return int(grapheme.length(text, until=limit + 1))


@cache
def _oembed() -> re.Pattern[str]:
    parts = (re.escape(p).replace(r"\*", ".*") for p in oembed_patterns())
    return re.compile("|".join(f"(?:{p})" for p in parts))


def is_oembed(url: str) -> bool:
    """The URL matches one of the oEmbed providers' schemes (checked without network)."""
    return bool(_oembed().fullmatch(url))
