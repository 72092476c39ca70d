"""The pages' pure parts: sparkline geometry, search-page links, score and activity records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

from registry.catalogue import models as m
from registry.pages import SearchOptions
from registry.pages._present import activity, score_view
from registry.search import Facet, FacetValue, SearchQuery, SearchResult
from web.pages import _search
from web.pages._sparkline import sparkline_points

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _params(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


def test_sparkline_scales_the_highest_value_to_the_top() -> None:
    assert sparkline_points([0, 1, 2], width=10, height=10) == "2.0,8.0 5.0,5.0 8.0,2.0"
    assert sparkline_points([0, 0], width=10, height=10) == "2.0,8.0 8.0,8.0"  # flat, no error
    assert sparkline_points([]) == ""


def _result(query: SearchQuery, total: int = 60) -> SearchResult:
    facets = {
        "domain": Facet("domain", (FacetValue("mobility", 4, True), FacetValue("energy", 2, False),
                                   FacetValue("health", 0, False))),
        "recent": Facet("recent", (FacetValue("true", 3, False), FacetValue("false", 9, False))),
        "standard": Facet("standard", (FacetValue("oparl", 1, False),)),
    }  # fmt: skip
    return SearchResult(query=query, hits=(), total=total, page=query.page, size=query.size,
                        facets=facets)  # fmt: skip


def _labels() -> Callable[[str, str], str]:
    options = SearchOptions({"oparl": "OParl"}, (("muenchen", "München"),))
    return _search.labeller(options, lambda kind, key: f"{kind}:{key}", lambda key: f"<{key}>")


def test_facet_groups_label_values_and_drop_empty_ones() -> None:
    query = SearchQuery(domain=("mobility",), size=25)
    groups = {g.name: g for g in _search.facet_groups(_result(query), _labels())}
    domain = groups["domain"]
    assert [(o.value, o.label, o.count, o.selected) for o in domain.options] == [
        ("mobility", "domain:mobility", 4, True), ("energy", "domain:energy", 2, False),
    ]  # fmt: skip
    assert not domain.single and groups["recent"].single
    assert [o.value for o in groups["recent"].options] == ["true"]  # "not recent" is no filter
    assert groups["standard"].options[0].label == "OParl"


def test_active_filters_link_to_the_same_search_without_them() -> None:
    query = SearchQuery(q="rat", domain=("mobility", "energy"), osi=True, like="muenchen")
    active = _search.active_filters(query, _labels())
    assert [(f.facet, f.label) for f in active] == [
        ("domain", "domain:mobility"), ("domain", "domain:energy"), ("osi", "<yes>"),
        ("like", "München"),
    ]  # fmt: skip
    without_mobility = _params(active[0].remove_href)
    assert ("domain", "mobility") not in without_mobility
    assert ("domain", "energy") in without_mobility and ("q", "rat") in without_mobility
    assert ("like", "muenchen") not in _params(active[3].remove_href)


def test_page_links_keep_the_filters_and_stop_at_the_ends() -> None:
    first = _result(SearchQuery(q="rat", domain=("mobility",), size=25))
    prev, nxt = _search.page_links(first)
    assert prev is None and nxt is not None
    assert ("page", "2") in _params(nxt) and ("domain", "mobility") in _params(nxt)
    last = _result(SearchQuery(q="rat", size=25, page=3))
    prev, nxt = _search.page_links(last)
    assert nxt is None and prev is not None and ("page", "2") in _params(prev)


def _row(checks: list[object], reasons: list[object], version: str = "2026.1") -> m.ScoreResult:
    return m.ScoreResult(solution_id=1, rubric_version=version, total=12.5, maximum=50,
                         coverage=0.5, level=None, silo="silo", silo_reasons=reasons,
                         checks=checks, commit=None, computed_at=NOW, current=True)  # fmt: skip


def test_score_view_folds_status_spellings_and_keeps_unknown_rubrics_readable() -> None:
    view = score_view(_row(
        [{"id": "Z1", "status": "n/a", "rule": "plain rule"},
         {"id": "Z2", "status": "not-applicable", "points": 1, "max": 2,
          "fix": {"de": "machen", "en": "do it"}},
         {"id": "Z3", "status": "weird"}, "not a check"],
        [{"id": "SI-X", "reason": "closed", "observed": "All rights reserved"}],
        version="no-such-rubric",
    ))  # fmt: skip
    assert view.percent == 25
    assert [c.status for c in view.checks] == ["not_applicable", "not_applicable", "unknown"]
    assert view.checks[0].rule == {"en": "plain rule"}
    assert view.checks[1].fix == {"de": "machen", "en": "do it"}
    assert view.silo_reasons[0].text == {"en": "closed: All rights reserved"}


def test_score_view_takes_texts_from_the_rubric_that_scored() -> None:
    view = score_view(_row([{"id": "L1", "status": "fail", "points": 0, "max": 3}],
                           [{"id": "SI-LIC", "observed": "none", "exempt": False}]))  # fmt: skip
    assert view.checks[0].rule["de"].startswith("Die Lizenz ist als gültiger SPDX-Ausdruck")
    assert view.checks[0].fix["en"].startswith("Declare the licence as an SPDX expression")
    assert set(view.silo_reasons[0].fix) == {"de", "en"}


def test_activity_prefers_commit_windows_then_release_dates() -> None:
    windows = [{"anchor": a, "days": d, "commits": n, "authors": 2}
               for a in ("newest-commit", "now")
               for d, n in ((30, 3), (90, 7), (365, 25))]  # fmt: skip
    with_facts = m.Solution(repositories=[m.Repository(url="u", facts={"activity": {
        "commits": 30, "last_commit": "2026-10-01T00:00:00+00:00", "windows": windows}})],
        releases=[])  # fmt: skip
    commits = activity(with_facts, NOW)
    assert commits is not None and commits.kind == "commits"
    assert commits.values == (2.0,) * 9 + (2.0, 2.0, 3.0)
    assert commits.figures == ((365, 25),)  # one window, never added to the one ending now
    assert commits.commits is not None and commits.commits.authors == 2
    released = m.Solution(repositories=[], releases=[
        m.Release(version="2", released_on=date(2026, 10, 1)),
        m.Release(version="1", released_on=date(2024, 1, 5)),
        m.Release(version="0", released_on=date(2019, 1, 1)),
    ])  # fmt: skip
    releases = activity(released, NOW)
    assert releases is not None and releases.kind == "releases"
    assert releases.values[-1] == 1 and sum(releases.values) == 2
    assert releases.figures == ((1095, 2),)
    assert activity(m.Solution(repositories=[], releases=[]), NOW) is None
