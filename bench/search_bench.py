"""Search latency on the generated catalogue, beside the bare full-text query in the same run.

    .venv/bin/python bench/search_bench.py [--solutions 5000] [--repeat 30] [--no-postgres]
    .venv/bin/python bench/search_bench.py --solutions 100000 --repeat 30   # the issue's size
    .venv/bin/python bench/search_bench.py --solutions 100000 --no-sqlite   # PostgreSQL only

Times ``SearchService.search`` (one page of hits with its total; then with every facet
counted) against two baselines on the same data: the bare full-text query (FTS5 ``MATCH``
or ``tsv @@ to_tsquery`` counting its hits, nothing else) and a ``LIKE '%word%'`` scan.
The catalogue comes from ``bench/catalogue.py`` (built once, cached). Figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import postgres_catalogue, sqlite_catalogue

from registry.catalogue import models as m
from registry.db import make_engine
from registry.search import SearchQuery, SearchService, query_terms
from registry.search._backends import full_text_for
from registry.search.models import SearchDocument
from registry.settings import Settings
from registry.wiring import make_sessionmaker

QUERIES = ("Abfall", "parking", "Beteiligung", "Verwaltung daten", "Baum", "energy monitoring")


def _bare(session: Session, words: str) -> int:
    """The floor: the backend's full-text condition alone, counting its hits."""
    full_text = full_text_for(session.get_bind().dialect.name)
    condition = full_text.matches(query_terms(words))
    statement = sa.select(sa.func.count()).select_from(SearchDocument).where(condition)
    return int(session.scalar(statement) or 0)


def _like_scan(session: Session, words: str) -> int:
    """The naive alternative: every word somewhere in a name or description."""
    t = m.SolutionText
    conditions = []
    for word in words.split():
        pattern = f"%{word.lower()}%"
        conditions.append(
            sa.or_(
                sa.func.lower(m.Solution.name).like(pattern),
                sa.func.lower(t.short_description).like(pattern),
                sa.func.lower(t.long_description).like(pattern),
            )
        )
    query = (
        sa.select(sa.func.count(sa.distinct(m.Solution.id)))
        .join(t, t.solution_id == m.Solution.id)
        .where(*conditions)
    )
    return int(session.scalar(query) or 0)


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the caches
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def run(label: str, session: Session, repeat: int) -> None:
    """Time every query four ways; print percentiles and ratios to the bare query."""
    service = SearchService(session)
    count = session.scalar(sa.select(sa.func.count(SearchDocument.solution_id)))
    print(f"\n{label}: {count} solutions, {repeat} runs per query (ms)")
    print(
        f"{'query':18} {'bare p50':>8} {'search p50':>10} {'p95':>7} {'p99':>7}"
        f" {'+facets p50':>11} {'p95':>7} {'p99':>7} {'LIKE p50':>9} {'hits':>6}"
    )
    ratios: dict[str, list[float]] = {"search": [], "facets": [], "like": []}
    for words in QUERIES:
        bare = _time(lambda w=words: _bare(session, w), repeat)
        plain = _time(lambda w=words: service.search(SearchQuery(q=w), with_facets=False), repeat)
        faceted = _time(lambda w=words: service.search(SearchQuery(q=w)), repeat)
        like = _time(lambda w=words: _like_scan(session, w), max(3, repeat // 5))
        hits = _bare(session, words)
        floor = statistics.median(bare)
        ratios["search"].append(statistics.median(plain) / floor)
        ratios["facets"].append(statistics.median(faceted) / floor)
        ratios["like"].append(statistics.median(like) / floor)
        print(
            f"{words:18} {floor:8.1f} {statistics.median(plain):10.1f} {_pct(plain, 95):7.1f}"
            f" {_pct(plain, 99):7.1f} {statistics.median(faceted):11.1f}"
            f" {_pct(faceted, 95):7.1f} {_pct(faceted, 99):7.1f}"
            f" {statistics.median(like):9.1f} {hits:6}"
        )
    print(
        "median ratio to the bare full-text query: "
        + ", ".join(f"{k} {statistics.median(v):.1f}x" for k, v in ratios.items())
    )


def bench(url: str, label: str, repeat: int) -> None:
    """Time the searches on one database."""
    engine = make_engine(Settings(database_url=url))
    with make_sessionmaker(engine)() as session:
        run(label, session, repeat)
    engine.dispose()


def main() -> None:
    """Run on SQLite, then on PostgreSQL when reachable."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached catalogue")
    args = parser.parse_args()
    if not args.no_sqlite:
        path = sqlite_catalogue(args.solutions, fresh=args.fresh)
        bench(f"sqlite:///{path}", "sqlite", args.repeat)
    if args.no_postgres:
        return
    try:
        url = postgres_catalogue(args.solutions, fresh=args.fresh)
    except sa.exc.OperationalError as exc:
        print(f"\nPostgreSQL not reachable, skipped: {exc.orig}")
        return
    bench(url, "postgresql", args.repeat)


if __name__ == "__main__":
    main()
