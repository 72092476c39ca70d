"""The search page's presentation: facet groups, filter links and cards from search hits.

Pure: it turns a ``SearchResult`` into what the template shows and builds the links that
keep every other filter (``SearchQuery.to_params``), so the page works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from registry.catalogue.views import SearchOptions, SolutionCard
from registry.search import LOCAL_CATALOG, SearchHit, SearchQuery, SearchResult

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


def card(hit: SearchHit) -> SolutionCard:
    """A search hit as the same card other lists show."""
    return SolutionCard(
        slug=hit.slug, name=hit.name, short=dict(hit.descriptions), licence=hit.licence,
        publisher=hit.publisher_name, publisher_slug=hit.publisher_slug, active=hit.active,
        verified_adopters=hit.verified_adopters,
        score=round(hit.score) if hit.score is not None else None, silo=hit.silo,
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
) -> dict[str, object]:
    """Everything the search template shows beyond the result itself."""
    value_label = labeller(options, label, t)
    return {
        "result": result,
        "query": result.query,
        "options": options,
        "cards": [card(hit) for hit in result.hits],
        "groups": facet_groups(result, value_label),
        "active": active_filters(result.query, value_label),
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
