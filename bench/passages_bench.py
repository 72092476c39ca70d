"""What the result cards' matched passages cost: one page of hits with and without them.

    .venv/bin/python bench/passages_bench.py [--solutions 5000] [--repeat 15]

On the generated catalogue (``bench/catalogue.py``, SQLite, built once and cached), times
``SearchService.search`` for one page with its total (no facets) as the API asks for it
(``passages=()``, the baseline) and as the search page does (``passages=("de", "en",
"de")``: each hit's texts in the language its card shows, searched and marked). Both in the
same run, alternating, so a busy machine stretches both alike. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from catalogue import sqlite_catalogue

from bench._summary import print_summary
from registry.db import make_engine
from registry.search import SearchQuery, SearchService
from registry.settings import Settings
from registry.wiring import make_sessionmaker

QUERIES = ("Abfall", "parking", "Beteiligung", "Verwaltung daten", "Baum", "energy monitoring")
PAGE = ("de", "en", "de")


def main() -> None:
    """Time every query both ways and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    engine = make_engine(Settings(database_url=f"sqlite:///{sqlite_catalogue(args.solutions)}"))
    bare_all, page_all = [], []
    print(f"{'query':18} {'API p50 ms':>10} {'page p50 ms':>11} {'added ms':>8}")
    with make_sessionmaker(engine)() as session:
        service = SearchService(session)
        for words in QUERIES:
            query = SearchQuery(q=words)
            service.search(query, with_facets=False, passages=PAGE)  # warm caches
            bare, page = [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                service.search(query, with_facets=False, passages=())
                bare.append(1000 * (time.perf_counter() - start))
                start = time.perf_counter()
                service.search(query, with_facets=False, passages=PAGE)
                page.append(1000 * (time.perf_counter() - start))
            b, p = statistics.median(bare), statistics.median(page)
            bare_all.append(b)
            page_all.append(p)
            print(f"{words:18} {b:10.1f} {p:11.1f} {p - b:8.1f}")
    engine.dispose()
    added = [p - b for b, p in zip(bare_all, page_all, strict=True)]
    print_summary({
        "solutions": args.solutions,
        "median_api_page_ms": round(statistics.median(bare_all), 1),
        "median_card_page_ms": round(statistics.median(page_all), 1),
        "median_added_ms": round(statistics.median(added), 1),
        "ratio": round(statistics.median(page_all) / statistics.median(bare_all), 2),
    })  # fmt: skip


if __name__ == "__main__":
    main()
