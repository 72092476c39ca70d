"""Benchmark: harvesting an open-catalog-api catalogue of 10,000 entries, then again.

The catalogue is the replay server of the tests (``tests/fixtures/catalogserver.py``) on
loopback. Measured in the same run:

* *bare fetch*: the same pages fetched with a plain ``httpx.Client`` and parsed as JSON,
  nothing stored: the floor a harvest cannot beat;
* *first harvest*: every entry validated and imported (``import_publiccode``), each page
  of entries rescored together and indexed for search once at its end
  (``registry.imports.hooks.import_batch``);
* *unchanged re-harvest*: every page asked "changed since?" (304), nothing imported.

The ratio ``first_vs_bare`` says how much of a harvest is the registry's own work.

    .venv/bin/python bench/harvest_bench.py [--entries 10000] [--page-size 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from _summary import print_summary

import registry.db  # noqa: F401 - settles the registry import order
from importers.catalogs import harvest_catalog, list_url
from registry.db import make_engine, migrate
from registry.federation import CatalogService, HarvestSummary
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.catalogserver import CatalogServer, software


def _bare(base_url: str, size: int) -> tuple[int, int, float]:
    """Pages and entries fetched with a plain client, and the seconds it took."""
    started, pages, entries = time.perf_counter(), 0, 0
    with httpx.Client() as client:
        url: str | None = list_url(base_url, "software", size=size)
        while url:
            body = client.get(url).json()
            pages, entries = pages + 1, entries + len(body["data"])
            following = body["links"]["next"]
            url = list_url(base_url, "software", after=following, size=size) if following else None
    return pages, entries, time.perf_counter() - started


def _harvest(settings: Settings, size: int) -> tuple[HarvestSummary, float]:
    engine = make_engine(settings)
    started = time.perf_counter()
    with make_sessionmaker(engine)() as session, session.begin():
        catalog = CatalogService(session).get("bench")
        summary = harvest_catalog(session, catalog, settings=settings, now=datetime.now(UTC),
                                  min_interval=0.0, page_size=size)  # fmt: skip
    engine.dispose()
    return summary, time.perf_counter() - started


def main() -> None:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    server = CatalogServer().start()
    server.world.software = [
        software(f"Servizio {i}", f"https://github.com/comune-{i % 50}/servizio-{i}")
        for i in range(args.entries)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/bench.sqlite3",
            allow_private_addresses=True,  # the catalogue runs on loopback
            git_cache_dir=Path(tmp) / "git",
        )
        engine = make_engine(settings, for_migrations=True)
        migrate.upgrade(settings, engine)
        engine.dispose()
        engine = make_engine(settings)
        with make_sessionmaker(engine)() as session, session.begin():
            CatalogService(session).add("bench", server.base_url)
        engine.dispose()
        pages, fetched, bare_s = _bare(server.base_url, args.page_size)
        first, first_s = _harvest(settings, args.page_size)
        again, again_s = _harvest(settings, args.page_size)
    server.stop()
    assert fetched == args.entries, fetched
    assert first.new == args.entries, first
    assert again.unchanged == args.entries, again
    figures = {
        "entries": args.entries,
        "pages": pages + 1,  # the software pages and the (empty) publishers page
        "bare_fetch_s": round(bare_s, 3),
        "bare_entries_per_s": round(fetched / bare_s, 1),
        "first_harvest_s": round(first_s, 2),
        "first_entries_per_s": round(args.entries / first_s, 1),
        "first_vs_bare": round(first_s / bare_s, 1),
        "first_requests": first.requests,
        "unchanged_s": round(again_s, 2),
        "unchanged_requests": again.requests,
        "unchanged_not_modified": again.not_modified,
        "unchanged_requests_vs_first": round(again.requests / first.requests, 3),
    }
    for key, value in figures.items():
        print(f"{key:32} {value}")
    print_summary(figures)


if __name__ == "__main__":
    main()
