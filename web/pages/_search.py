"""The search page's presentation: facet groups, filter links and cards from search hits.

Pure: it turns a ``SearchResult`` into what the template shows and builds the links that
keep every other filter (``SearchQuery.to_params``), so the page works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from registry.pages import SearchOptions
from registry.search import LOCAL_CATALOG, Offer, SearchHit, SearchQuery, SearchResult, Snippet
from web.i18n import has_message

#: Facets shown as checkbox lists (any of the chosen values), in display order.
MULTI_FACETS = ("domain", "offer", "standard", "licence", "status", "maintenance", "org_kind",
                "state", "category", "score_band", "level", "silo", "catalog")  # fmt: skip
#: Facets with one choice, shown as radio buttons with an "any" option.
SINGLE_FACETS = ("osi", "adopters", "recent")
#: Values shown per facet before the rest is left out (chosen values always show).
MAX_VALUES = 12


@dataclass(frozen=True, slots=True)
class Option:
    """One value of a facet as a form control."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class FacetGroup:
    """A facet as a fieldset."""

    name: str
    options: tuple[Option, ...]
    single: bool


@dataclass(frozen=True, slots=True)
class ActiveFilter:
    """A chosen filter with the link that removes it."""

    facet: str
    label: str
    remove_href: str


def href(query: SearchQuery, *, with_page: bool = False) -> str:
    """``/solutions?…`` for a query."""
    params = query.to_params(with_page=with_page)
    return "/solutions" + (f"?{urlencode(params)}" if params else "")


#: Offers named on a card; the rest are counted ("+2 weitere").
MAX_OFFERS = 2


@dataclass(frozen=True, slots=True)
class ResultCard:
    """A search hit as a card: what every solution card shows (``_macros.card``) and why
    this one matched, who runs it and when it last changed."""

    slug: str
    name: str
    short: dict[str, str]
    licence: str | None
    publisher: str | None
    publisher_slug: str | None
    active: bool
    verified_adopters: int
    score: float | None
    silo: str | None
    domains: tuple[str, ...]
    offers: tuple[Offer, ...]
    more_offers: int
    last_commit: date | None
    #: The matched passage in the language of the short description shown, if any.
    snippet: Snippet | None


def card(hit: SearchHit, lang: str = "de") -> ResultCard:
    """A search hit as a card, its passage in the language its description is shown in."""
    order = [code for code in (lang, "en", "de", *hit.descriptions) if code]
    shown = next((code for code in order if hit.descriptions.get(code)), lang)
    snippet = hit.snippets.get(shown) or next(
        (hit.snippets[code] for code in (*order, *hit.snippets) if code in hit.snippets), None
    )
    return ResultCard(
        slug=hit.slug, name=hit.name, short=dict(hit.descriptions), licence=hit.licence,
        publisher=hit.publisher_name, publisher_slug=hit.publisher_slug, active=hit.active,
        verified_adopters=hit.verified_adopters,
        score=round(hit.score) if hit.score is not None else None, silo=hit.silo,
        domains=hit.domains, offers=hit.offers[:MAX_OFFERS],
        more_offers=max(0, len(hit.offers) - MAX_OFFERS), last_commit=hit.last_commit,
        snippet=snippet,
    )  # fmt: skip


def facet_groups(result: SearchResult, value_label: Callable[[str, str], str]) -> list[FacetGroup]:
    """The facets with labels and counts, the chosen values first kept in place."""
    groups = []
    for name in (*MULTI_FACETS, *SINGLE_FACETS):
        facet = result.facets.get(name)
        if facet is None:
            continue
        values = [v for v in facet.values if v.count or v.selected]
        if name == "recent":
            values = [v for v in values if v.value == "true"]
        shown = [v for i, v in enumerate(values) if i < MAX_VALUES or v.selected]
        if not shown:
            continue
        options = tuple(Option(v.value, value_label(name, v.value), v.count, v.selected)
                        for v in shown)  # fmt: skip
        groups.append(FacetGroup(name, options, single=name in SINGLE_FACETS))
    return groups


def active_filters(
    query: SearchQuery, value_label: Callable[[str, str], str]
) -> list[ActiveFilter]:
    """Every chosen facet value, with a link to the same search without it."""
    out = []
    for name in (*MULTI_FACETS, *SINGLE_FACETS):
        for value in query.selected(name):
            link = href(query.toggle(name, value))
            out.append(ActiveFilter(name, value_label(name, value), link))
    for name in ("like", "alternative_to"):
        value = getattr(query, name)
        if value:
            out.append(
                ActiveFilter(name, value_label(name, value), href(query.replace(**{name: None})))
            )
    return out


def page_links(result: SearchResult) -> tuple[str | None, str | None]:
    """Links to the previous and next page (numbered pages, so they can be bookmarked)."""
    query = result.query
    prev = href(query.replace(page=result.page - 1), with_page=True) if result.page > 1 else None
    after = result.page < result.pages
    nxt = href(query.replace(page=result.page + 1), with_page=True) if after else None
    return prev, nxt


def present(
    result: SearchResult,
    options: SearchOptions,
    label: Callable[[str, str | None], str],
    t: Callable[..., str],
    lang: str = "de",
) -> dict[str, object]:
    """Everything the search template shows beyond the result itself."""
    value_label = labeller(options, label, t)
    query = result.query
    fewer = [
        (r.q, r.hits, href(query.replace(q=r.q) if r.keeps_filters else SearchQuery(q=r.q)))
        for r in result.fewer_words
    ]
    active = active_filters(query, value_label)
    return {
        "fewer": fewer,
        "unfiltered_href": href(SearchQuery(q=query.q)),
        "suggestion_href": lambda q: href(query.replace(q=q)),
        "active_count": len(active),
        "result": result,
        "query": result.query,
        "options": options,
        "cards": [card(hit, lang) for hit in result.hits],
        "groups": facet_groups(result, value_label),
        "active": active,
        "pages": page_links(result),
        "reset": href(SearchQuery(q=result.query.q)),
    }


def labeller(
    options: SearchOptions, label: Callable[[str, str | None], str], t: Callable[..., str]
) -> Callable[[str, str], str]:
    """``value_label(facet, value)``: the words a reader sees for a facet value."""

    towns = dict(options.towns)
    by_facet: dict[str, Callable[[str], str]] = {
        "domain": lambda v: label("domain", v),
        "org_kind": lambda v: label("organisation_kind", v),
        "offer": lambda v: label("offer", v),
        "status": lambda v: label("development_status", v),
        "maintenance": lambda v: t(f"maintenance.{v}"),
        "category": lambda v: t(f"vocab.category.{v}") if has_message(f"vocab.category.{v}") else v,
        "silo": lambda v: t(f"silo.{v}"),
        "standard": lambda v: options.standards.get(v, v),
        "osi": lambda v: t("yes" if v == "true" else "no"),
        "recent": lambda v: t("yes" if v == "true" else "no"),
        "adopters": lambda v: f"≥ {v}",
        "catalog": lambda v: t("catalog.local") if v == LOCAL_CATALOG else v,
        "like": lambda v: towns.get(v, v),
    }

    def value_label(facet: str, value: str) -> str:
        return by_facet[facet](value) if facet in by_facet else value

    return value_label
