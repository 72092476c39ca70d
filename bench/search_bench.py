"""Search latency on the generated catalogue, beside the bare full-text query in the same run.

    .venv/bin/python bench/search_bench.py [--solutions 5000] [--repeat 30] [--no-postgres]
    .venv/bin/python bench/search_bench.py --solutions 100000 --repeat 30   # the issue's size
    .venv/bin/python bench/search_bench.py --solutions 100000 --no-sqlite   # PostgreSQL only

Times ``SearchService.search`` (one page of hits with its total; then with every facet
counted) against two baselines on the same data: the bare full-text query (FTS5 ``MATCH``
or ``tsv @@ to_tsquery`` counting its hits, nothing else) and a ``LIKE '%word%'`` scan.
Then the same searches through the search engine's index (Tantivy, the default path),
beside the engine's own bare query on the same index (the anchor: the words' terms, top
ten by BM25 with the total, and one aggregation over every facet field), with the time
to build the index from the database (``registry search reindex``), its size, and how
soon a committed change is found. The catalogue comes from ``bench/catalogue.py`` (built
once, cached). Figures, not pass/fail; the last line is ``SUMMARY {json}`` per database
(``--relevance`` adds the judged-set figures of ``search_relevance_bench``).
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _summary import print_summary
from catalogue import CACHE, postgres_catalogue, sqlite_catalogue

from registry.catalogue import models as m
from registry.db import make_engine
from registry.search import (
    SearchIndex,
    SearchQuery,
    SearchService,
    attach_search_index,
    query_terms,
)
from registry.search._backends import full_text_for
from registry.search._engine import FACET_FIELDS
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


def run(label: str, session: Session, repeat: int) -> dict[str, float]:
    """Time every query four ways; print percentiles and ratios to the bare query."""
    service = SearchService(session)
    count = session.scalar(sa.select(sa.func.count(SearchDocument.solution_id)))
    print(f"\n{label}: {count} solutions, {repeat} runs per query (ms)")
    print(
        f"{'query':18} {'bare p50':>8} {'search p50':>10} {'p95':>7} {'p99':>7}"
        f" {'+facets p50':>11} {'p95':>7} {'p99':>7} {'LIKE p50':>9} {'hits':>6}"
    )
    ratios: dict[str, list[float]] = {"search": [], "facets": [], "like": []}
    pages: list[float] = []
    facets: list[float] = []
    for words in QUERIES:
        bare = _time(lambda w=words: _bare(session, w), repeat)
        plain = _time(lambda w=words: service.search(SearchQuery(q=w), with_facets=False), repeat)
        faceted = _time(lambda w=words: service.search(SearchQuery(q=w)), repeat)
        like = _time(lambda w=words: _like_scan(session, w), max(3, repeat // 5))
        hits = _bare(session, words)
        pages += plain
        facets += faceted
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
    return {"sql_p95_page_ms": round(_pct(pages, 95), 1),
            "sql_p95_facets_ms": round(_pct(facets, 95), 1)}  # fmt: skip


def _anchor(index: SearchIndex, words: str) -> int:
    """The engine's own bare query: every word's terms anywhere, top ten by BM25 with
    the total, and every facet counted by one aggregation."""
    from tantivy import Occur, Query  # noqa: PLC0415

    searcher = index.searcher()
    fields = ("name", "lead", "body", "org")
    query = Query.boolean_query([
        (Occur.Must, Query.boolean_query(
            [(Occur.Should, Query.term_set_query(index.schema, f, list(terms))) for f in fields]
        ))
        for terms in query_terms(words)
    ])  # fmt: skip
    found = searcher.search(query, limit=10)
    spec = {f: {"terms": {"field": f"f_{f}", "size": 1000}} for f in FACET_FIELDS}
    searcher.aggregate(query, spec)
    return int(found.count)


def run_engine(label: str, url: str, engine: sa.Engine, repeat: int) -> dict[str, float]:
    """The searches through the engine's index, beside its bare anchor query."""
    where = CACHE / f"index-{label}-{url.rsplit('/', 1)[-1].removesuffix('.sqlite3')}"
    settings = Settings(database_url=url, search_index_dir=str(where))
    index = attach_search_index(engine, settings)
    assert index is not None
    started = time.perf_counter()
    count = index.rebuild()
    reindex_s = time.perf_counter() - started
    size_mb = index.size_bytes() / 1e6
    print(
        f"\n{label} engine: reindex of {count} solutions {reindex_s:.1f} s, index {size_mb:.0f} MB"
    )
    print(f"{'query':18} {'anchor p50':>10} {'+facets p95':>11} {'search p50':>10} {'p95':>7}"
          f" {'+facets p50':>11} {'p95':>7} {'hits':>6}")  # fmt: skip
    pages: list[float] = []
    facets: list[float] = []
    anchors: list[float] = []
    with make_sessionmaker(engine)() as session:
        service = SearchService(session)
        for words in QUERIES:
            anchor = _time(lambda w=words: _anchor(index, w), repeat)
            plain = _time(
                lambda w=words: service.search(SearchQuery(q=w), with_facets=False), repeat
            )
            faceted = _time(lambda w=words: service.search(SearchQuery(q=w)), repeat)
            pages += plain
            facets += faceted
            anchors += anchor
            total = service.search(SearchQuery(q=words), with_facets=False).total
            print(
                f"{words:18} {statistics.median(anchor):10.1f} {_pct(anchor, 95):11.1f}"
                f" {statistics.median(plain):10.1f} {_pct(plain, 95):7.1f}"
                f" {statistics.median(faceted):11.1f} {_pct(faceted, 95):7.1f} {total:6}"
            )
        visible = _visible(session, service)
    print(f"a committed change found after {visible:.0f} ms")
    return {
        "p95_page_ms": round(_pct(pages, 95), 1),
        "p95_facets_ms": round(_pct(facets, 95), 1),
        "p50_facets_ms": round(statistics.median(facets), 1),
        "anchor_p95_facets_ms": round(_pct(anchors, 95), 1),
        "reindex_s": round(reindex_s, 1),
        "index_mb": round(size_mb, 1),
        "visible_ms": round(visible),
        "solutions": count,
    }


def _visible(session: Session, service: SearchService) -> float:
    """Rename one solution, commit, and search until the new name is found."""
    solution = session.scalars(sa.select(m.Solution).limit(1)).one()
    solution.name = f"Zebrafinkwarte {time.time_ns()}"
    session.commit()
    started = time.perf_counter()
    while not service.search(SearchQuery(q="Zebrafinkwarte"), with_facets=False).total:
        if time.perf_counter() - started > 10:
            return float("inf")
    return (time.perf_counter() - started) * 1000


def bench(url: str, label: str, repeat: int, *, sql: bool = True) -> dict[str, float]:
    """Time the searches on one database (``sql``: through the SQL index too)."""
    engine = make_engine(Settings(database_url=url))
    figures: dict[str, float] = {}
    if sql:
        with make_sessionmaker(engine)() as session:
            figures = run(label, session, repeat)
    figures |= run_engine(label, url, engine, repeat)
    engine.dispose()
    return figures


def main() -> None:
    """Run on SQLite, then on PostgreSQL when reachable."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached catalogue")
    parser.add_argument("--relevance", action="store_true", help="add the judged-set figures")
    parser.add_argument("--no-sql", action="store_true", help="time the engine's path alone")
    args = parser.parse_args()
    summary: dict[str, dict[str, object]] = {}
    if not args.no_sqlite:
        path = sqlite_catalogue(args.solutions, fresh=args.fresh)
        summary["sqlite"] = {
            **bench(f"sqlite:///{path}", "sqlite", args.repeat, sql=not args.no_sql)
        }
    if not args.no_postgres:
        try:
            url = postgres_catalogue(args.solutions, fresh=args.fresh)
        except sa.exc.OperationalError as exc:
            print(f"\nPostgreSQL not reachable, skipped: {exc.orig}")
        else:
            summary["postgresql"] = {**bench(url, "postgresql", args.repeat, sql=not args.no_sql)}
    if args.relevance:
        _relevance(summary)
    print_summary(summary)


def _relevance(summary: dict[str, dict[str, object]]) -> None:
    import tempfile  # noqa: PLC0415

    import search_relevance_bench as rb  # noqa: PLC0415

    for label, figures in summary.items():
        if label == "sqlite":
            with tempfile.TemporaryDirectory(prefix="relevance-") as tmp:
                judged = rb.measure(f"sqlite:///{tmp}/r.sqlite3", label, per_query=False)
        else:
            url = rb._postgres_url()
            if url is None:
                continue
            try:
                judged = rb.measure(url, label, per_query=False)
            finally:
                rb._drop(url)
        figures["relevance"] = judged["engine"]
        figures["relevance_sql"] = {
            k: v for k, v in judged.items() if k.startswith("ndcg") or k.startswith("recall")
        }


if __name__ == "__main__":
    main()
