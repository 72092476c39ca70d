"""The typed search request, parsed from URL query parameters with errors naming the field.

Within one facet several values mean "any of them"; different facets must all hold.
``SearchQuery.to_params()`` gives the parameters back, so a link (the next page, a facet
toggled) keeps every other filter.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from registry.entries import vocab
from registry.search.errors import InvalidQuery

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "FACETS",
    "MAX_PAGE_SIZE",
    "PARAMETERS",
    "SCORE_BANDS",
    "SORTS",
    "Cursor",
    "QueryParameter",
    "SearchQuery",
]

DEFAULT_PAGE_SIZE: Final = 25
MAX_PAGE_SIZE: Final = 100
SORTS: Final = ("relevance", "score", "adopters", "recent", "name")
SCORE_BANDS: Final = ("0-24", "25-49", "50-74", "75-100")
SILO_VALUES: Final = ("no", "risk", "silo")
OFFER_VALUES: Final = tuple(vocab.OFFER_KINDS)
ADOPTER_THRESHOLDS: Final = (1, 2, 5, 10)
ANY_OF: Final = "Any of these values (repeat or comma-separate)."


@dataclass(frozen=True, slots=True)
class QueryParameter:
    """One URL parameter of a search: what it means and, for a facet, the values allowed."""

    name: str
    description: str | None = None
    #: A facet: repeat it or comma-separate values (any of them holds).
    many: bool = False
    #: A facet's allowed values (None: any value up to 300 characters).
    allowed: tuple[str, ...] | None = None
    example: str | None = None


def _facet(
    name: str, allowed: tuple[str, ...] | None = None, description: str = ANY_OF
) -> QueryParameter:
    return QueryParameter(name, description, many=True, allowed=allowed)


#: The search's URL parameters, in the API document's order. ``SearchQuery.from_params``
#: parses exactly these and the API documents them from here (``web.api.solutions``).
PARAMETERS: Final = (
    QueryParameter("q", example="Abfallkalender"),
    _facet("domain", tuple(vocab.DOMAINS)),
    _facet("category"),
    _facet("licence"),
    QueryParameter("osi", "OSI-approved licence: true/false"),
    _facet("standard"),
    _facet("status", vocab.DEVELOPMENT_STATUSES),
    _facet("maintenance", vocab.MAINTENANCE_TYPES),
    _facet("offer", OFFER_VALUES),
    QueryParameter("adopters", "At least this many verified adopters"),
    _facet("org_kind", tuple(vocab.ORGANISATION_KINDS)),
    _facet("state", description="ISO 3166-2 subdivision (Bundesland) of the publisher or an "
           "adopter, e.g. BY"),
    _facet("score_band", SCORE_BANDS),
    _facet("level"),
    _facet("silo", SILO_VALUES),
    QueryParameter("recent", "Active within a year"),
    _facet("publisher"),
    _facet("catalog", description="Where the entry came from: a harvested catalogue's name, "
           "or local (this registry)"),
    QueryParameter("like", "Towns like mine: an organisation slug"),
    QueryParameter("alternative_to", "A proprietary product"),
    QueryParameter("sort", ", ".join(SORTS)),
    QueryParameter("page[size]", f"1 to {MAX_PAGE_SIZE}, default {DEFAULT_PAGE_SIZE}"),
    QueryParameter("page[after]"),
)  # fmt: skip
#: Accepted as well, for the search page: numbered pages and hiding inactive entries.
PAGE_PARAMETERS: Final = (QueryParameter("page"), QueryParameter("inactive"))
#: Multi-valued facets: URL parameter -> allowed values (None: any value up to 300 chars).
MULTI: Final[dict[str, tuple[str, ...] | None]] = {p.name: p.allowed for p in PARAMETERS if p.many}
#: Every facet the result counts, in display order.
FACETS: Final = (
    "domain", "category", "licence", "osi", "standard", "status", "maintenance", "offer",
    "adopters", "org_kind", "state", "score_band", "level", "silo", "recent", "catalog",
)  # fmt: skip
_BOOLS: Final = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_SINGLE: Final = tuple(p.name for p in (*PARAMETERS, *PAGE_PARAMETERS) if not p.many)
_MAX_TEXT: Final = 300
#: Far above any cursor this API writes (a few sort keys and an id).
_MAX_CURSOR: Final = 2000


def _no_constant(name: str) -> Any:
    """JSON's NaN and Infinity are not values a cursor holds."""
    raise ValueError(name)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a keyset page ends: the sort keys of its last hit (opaque to clients)."""

    sort: str
    keys: tuple[Any, ...]

    def encode(self) -> str:
        """URL-safe text for ``page[after]``."""
        raw = json.dumps([self.sort, list(self.keys)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Read ``page[after]``; anything we did not write is an ``InvalidQuery``."""
        if len(text) > _MAX_CURSOR:
            raise InvalidQuery("page[after]", "not a cursor this API handed out")
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            sort, keys = json.loads(raw, parse_constant=_no_constant)
        except (binascii.Error, ValueError, TypeError, RecursionError) as exc:
            raise InvalidQuery("page[after]", "not a cursor this API handed out") from exc
        if sort not in SORTS or not isinstance(keys, list) or not keys:
            raise InvalidQuery("page[after]", "not a cursor this API handed out")
        return cls(sort=sort, keys=tuple(keys))


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What a reader asks for. Build it with ``SearchQuery.from_params`` or directly.

    ``SearchQuery(q="Abfall", domain=("environment",), sort="score")``
    """

    q: str = ""
    domain: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    licence: tuple[str, ...] = ()
    osi: bool | None = None
    standard: tuple[str, ...] = ()  # standard slugs
    status: tuple[str, ...] = ()  # development status
    maintenance: tuple[str, ...] = ()
    offer: tuple[str, ...] = ()  # operating offer kinds available
    adopters: int | None = None  # at least this many verified adopters
    org_kind: tuple[str, ...] = ()  # kind of the publisher or of an adopter
    state: tuple[str, ...] = ()  # Bundesland of the publisher or of an adopter
    score_band: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    silo: tuple[str, ...] = ()
    recent: bool | None = None  # activity within the last year
    publisher: tuple[str, ...] = ()  # organisation slugs
    catalog: tuple[str, ...] = ()  # where the entry came from: catalogue names or "local"
    like: str | None = None  # "towns like mine": an organisation slug
    alternative_to: str | None = None  # a proprietary product's name
    inactive: bool = True  # include inactive entries (invalid metadata): marked, ranked below
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    after: Cursor | None = None

    @classmethod
    def from_params(
        cls, params: Mapping[str, Sequence[str]] | Iterable[tuple[str, str]],
        *, ignore: Iterable[str] = ("lang",),
    ) -> SearchQuery:  # fmt: skip
        """Parse URL parameters; raises ``InvalidQuery`` naming the first bad one.

        ``params`` is a multi-dict (``{"domain": ["mobility", "energy"]}``) or pairs.
        Parameters in ``ignore`` are skipped; any other unknown parameter is an error,
        so a typo (``domian=``) does not silently return everything.
        """
        values = _multi(params)
        skipped = set(ignore)
        for name in values:
            if name not in MULTI and name not in _SINGLE and name not in skipped:
                raise InvalidQuery(name, "unknown parameter")
        fields: dict[str, Any] = {
            name: _choices(name, values.get(name, []), allowed) for name, allowed in MULTI.items()
        }
        single = {name: _one(name, values.get(name, [])) for name in _SINGLE}
        fields["q"] = _text("q", single["q"] or "")
        fields["osi"] = _bool("osi", single["osi"])
        fields["recent"] = _bool("recent", single["recent"])
        inactive = _bool("inactive", single["inactive"])
        fields["inactive"] = True if inactive is None else inactive
        fields["adopters"] = _int("adopters", single["adopters"], 0, 100_000)
        fields["like"] = _text("like", single["like"]) if single["like"] else None
        alt = single["alternative_to"]
        fields["alternative_to"] = _text("alternative_to", alt) if alt else None
        fields["sort"] = _sort(single["sort"], has_text=bool(fields["q"].strip()))
        fields["page"] = _int("page", single["page"], 1, 10_000) or 1
        fields["size"] = _int("page[size]", single["page[size]"], 1, MAX_PAGE_SIZE) or (
            DEFAULT_PAGE_SIZE
        )
        after = single["page[after]"]
        fields["after"] = Cursor.decode(after) if after else None
        if fields["after"] is not None and fields["after"].sort != fields["sort"]:
            raise InvalidQuery("page[after]", "the cursor belongs to another sort order")
        return cls(**fields)

    def to_params(self, *, with_page: bool = False) -> list[tuple[str, str]]:
        """The query as URL parameters (defaults left out), for links that keep filters."""
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        for name in MULTI:
            out.extend((name, value) for value in getattr(self, name))
        for name in ("osi", "recent"):
            value = getattr(self, name)
            if value is not None:
                out.append((name, "true" if value else "false"))
        for name in ("adopters", "like", "alternative_to"):
            if getattr(self, name) is not None:
                out.append((name, str(getattr(self, name))))
        if not self.inactive:
            out.append(("inactive", "false"))
        if self.sort != ("relevance" if self.q.strip() else "name"):
            out.append(("sort", self.sort))
        if self.size != DEFAULT_PAGE_SIZE:
            out.append(("page[size]", str(self.size)))
        if with_page and self.after is not None:
            out.append(("page[after]", self.after.encode()))
        elif with_page and self.page != 1:
            out.append(("page", str(self.page)))
        return out

    def replace(self, **changes: Any) -> SearchQuery:
        """A copy with some fields changed (the page goes back to the first)."""
        changes.setdefault("page", 1)
        changes.setdefault("after", None)
        return dataclasses.replace(self, **changes)

    def toggle(self, facet: str, value: str) -> SearchQuery:
        """The query with one facet value switched on or off (for facet links)."""
        if facet in MULTI:
            current: tuple[str, ...] = getattr(self, facet)
            chosen = tuple(v for v in current if v != value)
            if chosen == current:
                chosen = (*current, value)
            return self.replace(**{facet: chosen})
        if facet in ("osi", "recent"):
            flag = _BOOLS.get(value)
            return self.replace(**{facet: None if getattr(self, facet) == flag else flag})
        if facet == "adopters":
            number = int(value)
            return self.replace(adopters=None if self.adopters == number else number)
        raise InvalidQuery(facet, "not a facet")

    def selected(self, facet: str) -> tuple[str, ...]:
        """The chosen values of one facet, as strings."""
        if facet in MULTI:
            return tuple(getattr(self, facet))
        value = getattr(self, facet, None)
        if value is None:
            return ()
        if isinstance(value, bool):
            return ("true" if value else "false",)
        return (str(value),)


def _multi(params: Mapping[str, Sequence[str]] | Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(params, Mapping):
        for key, value in params.items():
            items = [value] if isinstance(value, str) else list(value)
            out.setdefault(str(key), []).extend(str(v) for v in items)
        return out
    for key, value in params:
        out.setdefault(str(key), []).append(str(value))
    return out


def _one(name: str, values: list[str]) -> str | None:
    if len(values) > 1:
        raise InvalidQuery(name, "give this parameter once")
    return values[0] if values else None


def _text(name: str, value: str) -> str:
    if len(value) > _MAX_TEXT:
        raise InvalidQuery(name, f"longer than {_MAX_TEXT} characters")
    if any(ord(ch) < 32 and ch not in "\t" for ch in value):
        raise InvalidQuery(name, "contains control characters")
    return value


def _choices(name: str, values: list[str], allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values:
        for value in (v.strip() for v in raw.split(",")):
            if not value:
                continue
            _text(name, value)
            if allowed is not None and value not in allowed:
                raise InvalidQuery(name, f"{value!r} is not one of {', '.join(allowed)}")
            if value not in out:
                out.append(value)
    return tuple(out)


def _bool(name: str, value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    if value.lower() not in _BOOLS:
        raise InvalidQuery(name, "must be true or false")
    return _BOOLS[value.lower()]


def _int(name: str, value: str | None, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if not value.isascii() or not value.isdigit():
        raise InvalidQuery(name, "must be a whole number")
    number = int(value)
    if not low <= number <= high:
        raise InvalidQuery(name, f"must be between {low} and {high}")
    return number


def _sort(value: str | None, *, has_text: bool) -> str:
    if not value:
        return "relevance" if has_text else "name"
    if value not in SORTS:
        raise InvalidQuery("sort", f"must be one of {', '.join(SORTS)}")
    return value
