"""Benchmark: rescoring stored facts beside merely loading them, in the same run.

Generates N solutions (with a repository whose ``RepoFacts`` JSON is stored, interfaces,
adoptions, offers and contacts) in a fresh database, then in batches of 1,000:

* baseline: load the rows the scoring service loads and build the plain snapshots;
* score:    the same load, then ``build_facts`` + ``score`` (pure, nothing stored);
* rescore:  ``ScoringService.rescore`` for the first ``--store`` solutions (writes rows).

Prints time per solution, the ratio score/baseline and the peak resident memory.

    .venv/bin/python bench/scoring_bench.py                     # 20,000 solutions, SQLite
    .venv/bin/python bench/scoring_bench.py --count 100000
    .venv/bin/python bench/scoring_bench.py --database-url postgresql://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.catalogue import sync_standards
from registry.db import make_engine, migrate
from registry.facts import (
    Activity,
    ActivityWindow,
    InterfaceFinding,
    LicenceFacts,
    LicenceFinding,
    MetadataFile,
    OperatingEvidence,
    Release,
    RepoFacts,
)
from registry.organisations import Organisation
from registry.scoring import ScoringService, build_facts, entry_input, score
from registry.settings import Settings
from registry.wiring import make_sessionmaker

NOW = datetime(2026, 11, 22, tzinfo=UTC)
BATCH = 1_000
KINDS = ["readme", "contributing", "security", "ci", "changelog", "governance", "sbom"]


def _facts(rng: random.Random, n: int) -> dict[str, Any]:
    last = NOW - timedelta(days=rng.randint(1, 900))
    facts = RepoFacts(
        source=f"https://git.example.org/bench/s{n}", analysed_at=NOW, head_commit=f"{n:040x}",
        licence=LicenceFacts(
            findings=(LicenceFinding("LICENSE", "licence-file", "detected", "EUPL-1.2",
                                     ("EUPL-1.2",), "text", 0.99),),
            detected_expression=rng.choice(["EUPL-1.2", "MIT", None]),
            spdx_header_files=rng.randint(0, 50), files_scanned_for_headers=50,
        ),
        metadata_files=tuple(MetadataFile(k, k.upper()) for k in rng.sample(KINDS, 3)),
        operating=(OperatingEvidence("dockerfile", "Dockerfile"),),
        interfaces=(InterfaceFinding("openapi", "openapi.yaml", "document"),),
        activity=Activity(commits=rng.randint(1, 5000), authors=rng.randint(1, 30),
                          first_commit=last - timedelta(days=700), last_commit=last,
                          windows=(ActivityWindow("now", 365, rng.randint(0, 300), 3, 2),)),
        releases=(Release("v1", f"{n:040x}", last, "tagger", "1", True, rng.random() < 0.3),),
    )  # fmt: skip
    return facts.to_json()


def generate(session: Session, count: int, seed: int = 7) -> None:
    """Insert ``count`` solutions with facts and child rows (bulk, core inserts)."""
    rng = random.Random(seed)
    sync_standards(session)
    standards = [sid for (sid,) in session.execute(select(m.Standard.id))]
    orgs = [{"slug": f"org-{i}", "name": f"Org {i}"} for i in range(200)]
    session.execute(insert(Organisation), orgs)
    org_ids = [oid for (oid,) in session.execute(select(Organisation.id))]
    for start in range(0, count, BATCH):
        ids = range(start, min(start + BATCH, count))
        session.execute(insert(m.Solution), [
            {"slug": f"s{n}", "name": f"Solution {n}", "url": f"https://git.example.org/bench/s{n}",
             "licence": rng.choice(["EUPL-1.2", "MIT", "LicenseRef-own", None]),
             "maintenance_type": rng.choice(["internal", "contract", "community", "none", None]),
             "development_status": "stable", "publisher_id": rng.choice(org_ids)}
            for n in ids
        ])  # fmt: skip
        slugs = [f"s{n}" for n in ids]
        query = select(m.Solution.slug, m.Solution.id).where(m.Solution.slug.in_(slugs))
        solution_ids: dict[str, int] = dict(session.execute(query).all())  # type: ignore[arg-type]
        rows = [(n, solution_ids[f"s{n}"]) for n in ids]
        session.execute(insert(m.Repository), [
            {"solution_id": sid, "url": f"https://git.example.org/bench/s{n}",
             "facts": _facts(rng, n), "host_metadata": {}} for n, sid in rows
        ])  # fmt: skip
        session.execute(insert(m.SolutionInterface), [
            {"solution_id": sid, "standard_id": rng.choice(standards), "name": "std",
             "role": "provides", "evidence_level": "declared", "details": {}}
            for _, sid in rows if rng.random() < 0.7
        ])  # fmt: skip
        session.execute(insert(m.Adoption), [
            {"solution_id": sid, "organisation_id": oid, "role": "uses",
             "verified": rng.random() < 0.5}
            for _, sid in rows for oid in rng.sample(org_ids, rng.randint(0, 3))
        ])  # fmt: skip
        session.execute(insert(m.OperatingOffer), [
            {"solution_id": sid, "kind": "self-hosting", "source": "declared"} for _, sid in rows
        ])  # fmt: skip
        session.execute(insert(m.Contact), [
            {"solution_id": sid, "role": "contact", "name": "IT", "email": "it@example.org"}
            for _, sid in rows if rng.random() < 0.6
        ])  # fmt: skip


def batches(service: ScoringService, count: int) -> Iterator[list[m.Solution]]:
    """The stored solutions, ``BATCH`` at a time, loaded as the service loads them."""
    for start in range(0, count, BATCH):
        slugs = [f"s{n}" for n in range(start, min(start + BATCH, count))]
        query = select(m.Solution).where(m.Solution.slug.in_(slugs))
        yield list(service.db.scalars(query.options(*service.load_options)))
        service.db.expunge_all()


def _timed(label: str, count: int, run: Any) -> float:
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    print(f"{label:<10} {elapsed:8.2f}s  {elapsed / count * 1e3:7.3f} ms/solution")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--store", type=int, default=2_000, help="solutions to rescore+store")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        settings = Settings(database_url=url)
        migration = make_engine(settings, for_migrations=True)
        migrate.upgrade(settings, migration)
        migration.dispose()
        engine = make_engine(settings)
        factory = make_sessionmaker(engine)
        with factory() as session, session.begin():
            _timed("generate", args.count, lambda: generate(session, args.count))
        with factory() as session:
            service = ScoringService(session)
            standards = service.standards()

            def load() -> None:
                for batch in batches(service, args.count):
                    [entry_input(s, standards) for s in batch]

            def judge() -> None:
                for batch in batches(service, args.count):
                    for s in batch:
                        score(build_facts(entry_input(s, standards), now=NOW), now=NOW)

            baseline = _timed("load", args.count, load)
            scoring = _timed("load+score", args.count, judge)
            slugs = [f"s{n}" for n in range(min(args.store, args.count))]
            query = select(m.Solution).where(m.Solution.slug.in_(slugs))
            solutions = list(session.scalars(query.options(*service.load_options)))
            _timed("rescore", len(solutions), lambda: service.rescore_many(solutions, now=NOW))
            session.commit()
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"solutions: {args.count}; database: {url.split(':', 1)[0]}")
    print(f"scoring only: {(scoring - baseline) / args.count * 1e3:.3f} ms/solution; "
          f"load+score / load = {scoring / baseline:.2f}x; peak RSS {peak:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
