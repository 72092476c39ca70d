"""Search relevance on the judged queries, beside plain BM25 on the same documents, same run.

    PYTHONPATH=$PWD .venv/bin/python bench/search_relevance_bench.py [--no-postgres] [--queries]

Loads the relevance catalogue (the demo plus the real publiccode.yml files in
``tests/data/search_corpus/``) into a fresh SQLite database (and PostgreSQL when
reachable), runs every query of ``tests/data/search_judgements.yml`` through
``SearchService`` (first page, default settings) and prints nDCG@10 and recall@10, overall
and for German and English queries, beside two baselines computed here on the same
documents: plain Okapi BM25 over lower-cased words, and the same BM25 over the registry's
own analysis (Snowball stems and compound parts, no synonyms, no typos). Ends with
``SUMMARY {json}``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _summary import print_summary

from registry.db import make_engine, migrate
from registry.search import SearchQuery, SearchService, attach_search_index
from registry.search._text import index_terms, words
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.relevance import NOW, Bm25, Figures, K, documents, evaluate, load_catalogue

POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _analysed(text: str) -> list[str]:
    """The registry's terms of every word, repeated per occurrence (BM25 counts them)."""
    return [term for word in words(text) for term in index_terms([word]).split()]


def _line(label: str, f: Figures) -> str:
    return (
        f"{label:28} {f.ndcg:6.3f} {f.ndcg_de:6.3f} {f.ndcg_en:6.3f}"
        f" {f.recall:7.3f} {f.recall_de:6.3f} {f.recall_en:6.3f} {len(f.empty):6}"
    )


def measure(url: str, label: str, *, per_query: bool) -> dict[str, object]:
    """Load the catalogue into the database at ``url`` and score engine and baselines
    (``SearchService`` through the SQL index, then through the search engine's index)."""
    index_dir = tempfile.mkdtemp(prefix="relevance-index-")
    settings = Settings(database_url=url, search_index_dir=index_dir)
    migrating = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, migrating)
    migrating.dispose()
    engine = make_engine(settings)
    started = time.perf_counter()
    count = load_catalogue(engine)
    loaded = time.perf_counter() - started
    with make_sessionmaker(engine)() as session:
        service = SearchService(session, now=NOW)

        def rank(q: str) -> list[str]:
            result = service.search(SearchQuery(q=q, size=K), with_facets=False)
            return [hit.slug for hit in result.hits]

        started = time.perf_counter()
        ours = evaluate(rank)
        ours_ms = (time.perf_counter() - started) * 1000 / max(1, len(ours.per_query))
        docs = documents(session)
    attach_search_index(engine, settings)
    with make_sessionmaker(engine)() as session:
        through_engine = SearchService(session, now=NOW)
        engine_figures = evaluate(
            lambda q: [
                h.slug
                for h in through_engine.search(SearchQuery(q=q, size=K), with_facets=False).hits
            ]
        )
    engine.dispose()
    shutil.rmtree(index_dir, ignore_errors=True)
    plain = evaluate(Bm25(docs).rank)
    analysed = evaluate(Bm25(docs, _analysed).rank)
    print(f"\n{label}: {count} solutions (loaded in {loaded:.1f} s), {len(ours.per_query)}"
          f" queries with relevant entries, {len(ours.absent_hits)} without")  # fmt: skip
    print(f"{'':28} {'nDCG@10':>6} {'de':>6} {'en':>6} {'rec@10':>7} {'de':>6} {'en':>6}"
          f" {'empty':>6}")  # fmt: skip
    print(_line("registry search", ours))
    print(_line("registry search (engine)", engine_figures))
    print(_line("BM25 plain words", plain))
    print(_line("BM25 stems+compound parts", analysed))
    print(f"registry search: {ours_ms:.1f} ms per query; queries for what the catalogue lacks"
          f" answered with {ours.absent_hits} hits")  # fmt: skip
    if ours.empty:
        print("answered empty although relevant entries exist: " + ", ".join(ours.empty))
    if per_query:
        print(f"\n{'query':36} {'nDCG':>5} {'rec':>5} {'hits':>4}   {'BM25':>5}")
        for q, (n, r, hits) in ours.per_query.items():
            print(f"{q:36} {n:5.2f} {r:5.2f} {hits:4}   {plain.per_query[q][0]:5.2f}")
    return {
        **ours.summary(),
        "engine": engine_figures.summary(),
        "baseline_bm25": plain.summary(),
        "baseline_bm25_analysed": analysed.summary(),
        "ratio_ndcg_to_bm25": round(ours.ndcg / plain.ndcg, 2) if plain.ndcg else None,
        "absent_hits": sum(ours.absent_hits.values()),
        "ms_per_query": round(ours_ms, 1),
    }


def _postgres_url() -> str | None:
    name = f"relevance_bench_{int(time.time())}"
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        print(f"\nPostgreSQL not reachable, skipped: {exc.orig}")
        return None
    finally:
        admin.dispose()
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def _drop(url: str) -> None:
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    admin.dispose()


def main() -> None:
    """Measure on SQLite, then PostgreSQL; print the SUMMARY line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--queries", action="store_true", help="print every query's figures")
    args = parser.parse_args()
    summary: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="relevance-") as tmp:
        summary["sqlite"] = measure(
            f"sqlite:///{tmp}/relevance.sqlite3", "sqlite", per_query=args.queries
        )
    if not args.no_postgres:
        url = _postgres_url()
        if url is not None:
            try:
                summary["postgresql"] = measure(url, "postgresql", per_query=False)
            finally:
                _drop(url)
    print_summary(summary)


if __name__ == "__main__":
    main()
