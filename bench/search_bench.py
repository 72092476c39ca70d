"""Search latency on a generated catalogue, beside a plain LIKE scan in the same run.

    .venv/bin/python bench/search_bench.py [--solutions 5000] [--repeat 30] [--no-postgres]

Generates German/English entries with facets and adoptions, indexes them through the
normal indexer, then times ``SearchService.search`` (full text alone, and with facets
counted) against ``LIKE '%word%'`` over names and descriptions. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.catalogue import vocab
from registry.db import make_engine, make_sessionmaker, migrate
from registry.organisations.models import Organisation
from registry.search import SearchQuery, SearchService, reindex_all
from registry.settings import Settings

WORDS_DE = [
    "Abfallkalender",
    "Bürgerbeteiligung",
    "Ratsinformationssystem",
    "Parkraumbewirtschaftung",
    "Terminvereinbarung",
    "Geodatenportal",
    "Schulverwaltung",
    "Haushaltsplanung",
    "Baumkataster",
    "Straßenbeleuchtung",
    "Wahlhelfer",
    "Friedhofsverwaltung",
    "Formularserver",
    "Meldewesen",
    "Verkehrsdaten",
    "Energiemonitoring",
    "Wohngeldrechner",
    "Feuerwehreinsatz",
]
WORDS_EN = [
    "parking",
    "waste",
    "calendar",
    "participation",
    "council",
    "budget",
    "schools",
    "trees",
    "lighting",
    "elections",
    "cemetery",
    "forms",
    "registry",
    "traffic",
    "energy",
    "housing",
    "emergency",
    "maps",
    "data",
    "open",
    "platform",
    "service",
    "citizens",
    "appointments",
]
FILLER = [
    "die",
    "der",
    "und",
    "für",
    "mit",
    "Stadt",
    "Gemeinde",
    "the",
    "for",
    "and",
    "with",
    "city",
    "municipal",
    "system",
]
QUERIES = ("Abfall", "parking", "Beteiligung", "Verwaltung daten", "Baum", "energy monitoring")
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


SYLLABLES = [
    "ka",
    "ver",
    "wal",
    "tung",
    "da",
    "ten",
    "por",
    "tal",
    "mel",
    "de",
    "amt",
    "bau",
    "pla",
    "nung",
    "stadt",
    "rat",
    "haus",
    "lin",
    "ko",
    "mu",
]


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Pseudo-words, so the domain words below stay as selective as real terms are."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def _text(rng: random.Random, n: int, vocabulary: list[str]) -> str:
    words = [
        rng.choice(WORDS_DE + WORDS_EN)
        if rng.random() < 0.02
        else rng.choice(FILLER)
        if rng.random() < 0.3
        else rng.choice(vocabulary)
        for _ in range(n)
    ]
    return " ".join(words)


def generate(session: Session, count: int, seed: int = 7) -> None:
    """Bulk-insert ``count`` solutions with texts, tags and adoptions, then index them."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    orgs = [
        {
            "slug": f"org-{i}",
            "name": f"Stadt {rng.choice(WORDS_DE)} {i}",
            "kind": rng.choice(("municipality", "county", "it-provider")),
            "state": rng.choice(("BY", "NW", "BE", "HE", "SN")),
            "population": rng.randint(5_000, 900_000),
            "created_at": now,
            "updated_at": now,
        }
        for i in range(max(50, count // 20))
    ]
    session.execute(sa.insert(Organisation), orgs)
    org_ids = list(session.scalars(sa.select(Organisation.id).order_by(Organisation.id)))
    solutions = [
        {
            "slug": f"s-{i}",
            "name": f"{rng.choice(WORDS_DE)} {rng.choice(WORDS_EN)} {i}",
            "publisher_id": org_ids[rng.randrange(len(org_ids))],
            "licence": rng.choice(("MIT", "EUPL-1.2", "AGPL-3.0-or-later", "Apache-2.0")),
            "development_status": rng.choice(vocab.DEVELOPMENT_STATUSES),
            "maintenance_type": rng.choice(vocab.MAINTENANCE_TYPES),
            "keywords": [],
            "alternative_to": [],
            "created_at": now,
            "updated_at": now,
        }
        for i in range(count)
    ]
    session.execute(sa.insert(m.Solution), solutions)
    ids = list(session.scalars(sa.select(m.Solution.id).order_by(m.Solution.id)))
    session.execute(
        sa.insert(m.SolutionText),
        [
            {
                "solution_id": i,
                "lang": lang,
                "short_description": _text(rng, 12, vocabulary),
                "long_description": _text(rng, 80, vocabulary),
                "features": [_text(rng, 5, vocabulary)],
            }
            for i in ids
            for lang in ("de", "en")
        ],
    )
    session.execute(
        sa.insert(m.SolutionTag),
        [
            {"solution_id": i, "kind": "domain", "value": rng.choice(list(vocab.DOMAINS))}
            for i in ids
        ],
    )
    adoptions = sorted({(i, rng.choice(org_ids)) for i in ids for _ in range(rng.randint(0, 3))})
    session.execute(
        sa.insert(m.Adoption),
        [
            {
                "solution_id": i,
                "organisation_id": o,
                "role": "uses",
                "verified": rng.random() < 0.6,
                "created_at": now,
                "updated_at": now,
            }
            for i, o in adoptions
        ],
    )
    reindex_all(session.connection())
    session.commit()


def _like_scan(session: Session, words: str) -> int:
    """The baseline: every word somewhere in a name or description, case-insensitively."""
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
    """Time every query three ways and print p50/p95 and the ratios."""
    service = SearchService(session)
    print(f"\n{label}: {session.scalar(sa.select(sa.func.count(m.Solution.id)))} solutions")
    print(
        f"{'query':22} {'fts p50':>8} {'p95':>7} {'+facets p50':>12} {'LIKE p50':>9}"
        f" {'LIKE/fts':>9} {'hits':>6}"
    )
    ratios = []
    for words in QUERIES:
        bare = _time(lambda w=words: service.search(SearchQuery(q=w), with_facets=False), repeat)
        faceted = _time(lambda w=words: service.search(SearchQuery(q=w)), max(5, repeat // 3))
        like = _time(lambda w=words: _like_scan(session, w), repeat)
        hits = service.search(SearchQuery(q=words), with_facets=False).total
        ratio = statistics.median(like) / statistics.median(bare)
        ratios.append(ratio)
        print(
            f"{words:22} {statistics.median(bare):8.2f} {_pct(bare, 95):7.2f} "
            f"{statistics.median(faceted):12.2f} {statistics.median(like):9.2f} "
            f"{ratio:8.1f}x {hits:6}"
        )
    print(f"median LIKE/full-text ratio: {statistics.median(ratios):.1f}x (ms, same run)")


def bench(url: str, label: str, count: int, repeat: int) -> None:
    """Migrate, generate, time."""
    settings = Settings(database_url=url)
    engine = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, engine)
    engine.dispose()
    engine = make_engine(settings)
    with make_sessionmaker(engine)() as session:
        start = time.perf_counter()
        generate(session, count)
        print(f"\n[{label}] generated and indexed in {time.perf_counter() - start:.1f} s")
        run(label, session, repeat)
    engine.dispose()


def main() -> None:
    """Parse the arguments and run on SQLite, then on PostgreSQL when reachable."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", "sqlite", args.solutions, args.repeat)
    if args.no_postgres:
        return
    name = f"search_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        print(f"\nPostgreSQL not reachable, skipped: {exc.orig}")
        return
    try:
        bench(
            f"postgresql://postgres@127.0.0.1:5432/{name}",
            "postgresql",
            args.solutions,
            args.repeat,
        )
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
