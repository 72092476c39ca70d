"""Issue 21's search page in a real browser: a German reader at 1366 and 390 px searches,
ticks a facet (the results change without the button, without a page load), reads cards
with domain, offer, last commit and the matched words, finds the results before the
filters on a phone, reaches the first result in a few Tab presses, and the page passes
axe-core with no horizontal overflow. ``search_cards.mjs`` drives Debian's Chromium over a
real ``registry serve --demo``; screenshots are kept in ``output/search-cards``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from registry.catalogue import models as m
from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.browser._server import HERE, run_node, running_registry

OUTPUT = HERE / "output" / "search-cards"
COMMITTED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with running_registry(tmp_path_factory.mktemp("search-cards")) as (base, url):
        engine = make_engine(Settings(database_url=url))
        with make_sessionmaker(engine)() as session, session.begin():
            cloud = session.scalar(sa.select(m.Solution).where(m.Solution.slug == "dbildungscloud"))
            assert cloud is not None
            for repo in cloud.repositories:
                repo.last_commit_at = COMMITTED
        engine.dispose()
        yield run_node("search_cards.mjs", base, OUTPUT, {}, timeout=240)


def _serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1366, 390])
def test_a_german_reader_filters_on_change_and_reads_the_cards(
    report: dict[str, Any], width: int
) -> None:
    reader = next(r for r in report["readers"] if r["width"] == width)
    assert reader["searched"].startswith("6 Treffer für „Schule“")
    assert "sort=name" not in reader["searchedUrl"]  # typed on the empty page: by relevance
    after = reader["afterFilter"]
    assert "offer=hosted-service" in after["url"] and after["notReloaded"]
    assert after["status"] == after["count"] and after["count"].startswith("1 Treffer")
    assert after["focus"] == {"name": "offer", "value": "hosted-service", "checked": True}
    assert after["toggle"] == "Filter (1)" and after["applyButtons"] == 1
    cloud = next(c for c in reader["cards"] if c["name"].startswith("dBildungscloud"))
    assert cloud["domains"] == "Bildung"
    assert cloud["offers"].startswith("Betrieb durch Dienstleister: Dataport")
    assert cloud["activity"] == "20.11.2026"
    assert any(word.startswith("Schul") for word in cloud["marked"])
    assert reader["overflow"] <= 0 and reader["zeroOverflow"] <= 0
    assert _serious(reader["axe"]) == [] and _serious(reader["zeroAxe"]) == []
    assert reader["zero"]["didYouMean"] == "Meinten Sie: Beteiligung"
    assert reader["zero"]["domains"][0] == "Beteiligung"


def test_few_tab_presses_reach_the_first_result(report: dict[str, Any]) -> None:
    for reader in report["readers"]:
        assert reader["skip"]["tabs"] is not None and reader["skip"]["tabs"] <= 5, reader
    phone = next(r for r in report["readers"] if r["width"] == 390)
    # On a phone the closed filter panel is one stop: the results come before its controls.
    assert phone["noSkip"]["tabs"] is not None and phone["noSkip"]["tabs"] <= 20


def test_results_come_first_on_a_phone_and_filters_stand_beside_them_on_a_desktop(
    report: dict[str, Any],
) -> None:
    phone = next(r for r in report["readers"] if r["width"] == 390)["layout"]
    assert phone["facetsTop"] is None  # the filters fold away behind "Filter (n)"
    assert phone["toggleTop"] < phone["resultsTop"] < phone["viewport"]
    desk = next(r for r in report["readers"] if r["width"] == 1366)["layout"]
    assert desk["facetsTop"] is not None and desk["panelLeft"] < desk["resultsLeft"]
    assert desk["resultsTop"] < desk["viewport"]


def test_without_javascript_the_one_button_applies_the_filters(report: dict[str, Any]) -> None:
    assert "offer=hosted-service" in report["noScript"]["url"]
    assert report["noScript"]["count"].startswith("1 Treffer")
    assert (OUTPUT / "search-filtered-390.png").stat().st_size > 10_000
