"""The generated catalogue every large benchmark shares, built once and cached.

Generating 100,000 solutions takes minutes per database, so the result is kept: SQLite
as ``bench/.cache/catalogue-{count}-{revision}.sqlite3``, PostgreSQL as the database
``bench_catalogue_{count}_{revision}``. Both are built under a temporary name and renamed
when complete, so an interrupted run never leaves a half catalogue behind. Benchmarks
that write (the soak, the HTTP bench) take a copy: a file copy, or ``CREATE DATABASE ...
TEMPLATE``. ``--fresh`` on the benchmarks rebuilds.

    .venv/bin/python bench/catalogue.py --solutions 100000      # prepare both ahead of time
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.db import make_engine, migrate
from registry.entries import vocab
from registry.organisations import Organisation
from registry.search import reindex_all
from registry.settings import Settings
from registry.wiring import make_sessionmaker

CACHE = Path(__file__).resolve().parent / ".cache"
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
PG_ADMIN = f"{PG_SERVER}/postgres"

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


def _revision() -> str:
    return (migrate.head_revision(Settings()) or "none")[:12]


def _build(url: str, count: int) -> None:
    settings = Settings(database_url=url)
    engine = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, engine)
    engine.dispose()
    engine = make_engine(settings)
    start = time.perf_counter()
    with make_sessionmaker(engine)() as session:
        generate(session, count)
    if engine.dialect.name == "postgresql":  # what autovacuum does after a bulk load
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    engine.dispose()
    print(f"[catalogue] generated and indexed {count} solutions in "
          f"{time.perf_counter() - start:.0f} s ({url.split('://', maxsplit=1)[0]})")  # fmt: skip


def sqlite_catalogue(count: int, *, fresh: bool = False) -> Path:
    """The cached SQLite catalogue of ``count`` solutions (read it, or copy it to write)."""
    path = CACHE / f"catalogue-{count}-{_revision()}.sqlite3"
    if path.exists() and not fresh:
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for stale in (path, partial, *CACHE.glob(f"{partial.name}-*")):
        stale.unlink(missing_ok=True)
    _build(f"sqlite:///{partial}", count)
    engine = sa.create_engine(f"sqlite:///{partial}")
    with engine.connect() as conn:  # fold the WAL back, so one file is the whole catalogue
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    partial.rename(path)
    return path


def sqlite_copy(count: int, directory: Path, *, fresh: bool = False) -> str:
    """A writable copy of the cached SQLite catalogue in ``directory``; its URL."""
    target = directory / "catalogue.sqlite3"
    shutil.copyfile(sqlite_catalogue(count, fresh=fresh), target)
    return f"sqlite:///{target}"


def _admin() -> sa.Engine:
    return sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")


def postgres_catalogue(count: int, *, fresh: bool = False) -> str:
    """The URL of the cached PostgreSQL catalogue (raises when the server is unreachable)."""
    name = f"bench_catalogue_{count}_{_revision()}"
    admin = _admin()
    try:
        with admin.connect() as conn:
            exists = conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            )
            if exists and not fresh:
                return f"{PG_SERVER}/{name}"
            for stale in (name, f"{name}_partial"):
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}_partial"')
        _build(f"{PG_SERVER}/{name}_partial", count)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}_partial" RENAME TO "{name}"')
    finally:
        admin.dispose()
    return f"{PG_SERVER}/{name}"


@contextmanager
def postgres_copy(count: int, *, fresh: bool = False) -> Iterator[str]:
    """A writable copy of the cached PostgreSQL catalogue, dropped afterwards; its URL."""
    source = postgres_catalogue(count, fresh=fresh).rsplit("/", 1)[1]
    name = f"bench_copy_{uuid.uuid4().hex[:8]}"
    admin = _admin()
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    """Prepare the cached catalogues ahead of the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(sqlite_catalogue(args.solutions, fresh=args.fresh))
    if not args.no_postgres:
        print(postgres_catalogue(args.solutions, fresh=args.fresh))


if __name__ == "__main__":
    main()
