"""Paging of the open-catalog-api: ``links.next`` as a bare cursor, a relative or a full link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from importers.catalogs import _next, list_url
from importers.hosts import HostError

BASE = "https://api.example.org/v1"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_first_page_asks_for_all_entries_at_the_largest_size() -> None:
    query = _query(list_url(BASE, "software"))
    assert query == {"all": ["true"], "page[size]": ["100"]}


def test_a_bare_cursor_becomes_page_after() -> None:
    following = _next(BASE, "software", list_url(BASE, "software"), {"next": "WzEwMF0="}, 100)
    assert following is not None
    assert _query(following)["page[after]"] == ["WzEwMF0="]


def test_a_relative_link_is_resolved_against_the_page() -> None:
    current = list_url(BASE, "publishers")
    following = _next(BASE, "publishers", current, {"next": "?page[after]=abc"}, 100)
    assert following == "https://api.example.org/v1/publishers?page[after]=abc"


@pytest.mark.parametrize("links", [None, {}, {"next": None}, {"next": ""}, {"next": 3}, []])
def test_no_next_link_ends_the_listing(links: object) -> None:
    assert _next(BASE, "software", list_url(BASE, "software"), links, 100) is None


def test_a_next_link_to_another_host_is_refused() -> None:
    with pytest.raises(HostError, match="leaves the catalogue"):
        _next(BASE, "software", list_url(BASE, "software"),
              {"next": "https://elsewhere.example/v1/software"}, 100)  # fmt: skip
