"""SearchQuery from URL parameters: every bad parameter is named in the error."""

from __future__ import annotations

import pytest

from registry import search
from registry.search import PARAMETERS, Cursor, InvalidQuery, SearchQuery


def test_parses_every_parameter() -> None:
    query = SearchQuery.from_params({
        "q": ["Abfall"], "domain": ["environment,mobility"], "category": ["cms"],
        "licence": ["MIT", "EUPL-1.2"], "osi": ["yes"], "standard": ["oparl"],
        "status": ["stable"], "maintenance": ["internal"], "offer": ["hosted-service"],
        "adopters": ["2"], "org_kind": ["municipality"], "state": ["BY"],
        "score_band": ["75-100"], "level": ["gold"], "silo": ["no"], "recent": ["false"],
        "publisher": ["muenchen"], "like": ["kleinstadt"], "alternative_to": ["SharePoint"],
        "sort": ["score"], "page": ["3"], "page[size]": ["50"], "lang": ["de"],
    })  # fmt: skip
    assert query.domain == ("environment", "mobility")
    assert query.licence == ("MIT", "EUPL-1.2")
    assert (query.osi, query.recent, query.adopters) == (True, False, 2)
    assert (query.sort, query.page, query.size) == ("score", 3, 50)
    assert query.like == "kleinstadt" and query.alternative_to == "SharePoint"
    again = SearchQuery.from_params(query.to_params(with_page=True))
    assert again == query


def test_defaults_sort_by_relevance_only_with_text() -> None:
    assert SearchQuery.from_params({}).sort == "name"
    assert SearchQuery.from_params({"q": ["x"]}).sort == "relevance"
    assert SearchQuery.from_params([("q", "x"), ("q2", "y")], ignore=("q2",)).q == "x"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"domian": ["x"]}, "domian"),
        ({"domain": ["nowhere"]}, "domain"),
        ({"status": ["finished"]}, "status"),
        ({"maintenance": ["sometimes"]}, "maintenance"),
        ({"offer": ["free-lunch"]}, "offer"),
        ({"org_kind": ["planet"]}, "org_kind"),
        ({"score_band": ["90-100"]}, "score_band"),
        ({"silo": ["maybe"]}, "silo"),
        ({"osi": ["perhaps"]}, "osi"),
        ({"recent": ["soon"]}, "recent"),
        ({"inactive": ["2"]}, "inactive"),
        ({"adopters": ["-1"]}, "adopters"),
        ({"adopters": ["many"]}, "adopters"),
        ({"sort": ["random"]}, "sort"),
        ({"page": ["0"]}, "page"),
        ({"page": ["x"]}, "page"),
        ({"page[size]": ["101"]}, "page[size]"),
        ({"page[size]": ["0"]}, "page[size]"),
        ({"page[after]": ["not-a-cursor"]}, "page[after]"),
        ({"q": ["a", "b"]}, "q"),
        ({"q": ["x" * 301]}, "q"),
        ({"q": ["bad\x00byte"]}, "q"),
        ({"licence": ["x" * 301]}, "licence"),
        ({"sort": ["name"], "page[after]": [Cursor("score", (1, 2)).encode()]}, "page[after]"),
    ],
)
def test_bad_parameters_are_named(params: dict[str, list[str]], field: str) -> None:
    with pytest.raises(InvalidQuery) as error:
        SearchQuery.from_params(params)
    assert error.value.field == field
    assert error.value.message.startswith(f"{field}: ")


def test_cursor_round_trip() -> None:
    cursor = Cursor("recent", ("2026-01-01", "abc", 7))
    assert Cursor.decode(cursor.encode()) == cursor


def test_toggle_and_selected() -> None:
    query = SearchQuery(domain=("mobility",), page=3)
    widened = query.toggle("domain", "energy")
    assert widened.domain == ("mobility", "energy") and widened.page == 1
    assert widened.toggle("domain", "mobility").domain == ("energy",)
    assert query.toggle("osi", "true").osi is True
    assert query.toggle("osi", "true").toggle("osi", "true").osi is None
    assert query.toggle("adopters", "2").selected("adopters") == ("2",)
    with pytest.raises(InvalidQuery):
        query.toggle("colour", "red")


def test_exported_members_are_honest() -> None:
    assert sorted(search.__all__) == sorted(set(search.__all__))
    for name in search.__all__:
        assert hasattr(search, name), name


def test_every_declared_parameter_is_parsed_and_nothing_else() -> None:
    """``PARAMETERS`` (also the API document's list) is what ``from_params`` reads."""
    samples = {"page[after]": None, "sort": "score", "page[size]": "10", "adopters": "2",
               "osi": "true", "recent": "false"}  # fmt: skip
    plain = SearchQuery.from_params({})
    for parameter in PARAMETERS:
        value = samples.get(parameter.name, (parameter.allowed or ("x",))[0])
        if value is None:
            continue
        query = SearchQuery.from_params({parameter.name: [value]})
        assert query != plain, parameter.name
    with pytest.raises(InvalidQuery) as refused:
        SearchQuery.from_params({"domian": ["x"]})
    assert refused.value.field == "domian"
