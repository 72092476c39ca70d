"""Benchmark: requests and wall time to crawl a 300-repository organisation, then again.

The host is the replay server of the tests (``tests/fixtures/hostserver.py``) on loopback,
serving the hosts' own example bodies with ETags (GitHub, GitLab; Forgejo sends none).
Changed repositories are written from host metadata only (``--no-clone``), so the figures
are the host API's cost, which is what the hosts' rate limits count.

    .venv/bin/python bench/crawl_bench.py [--repos 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import print_summary

import registry.db  # noqa: F401 - settles the registry import order
from importers.crawl import crawl_source, host_only_analyser
from registry.crawl import CrawlSummary
from registry.db import make_engine, migrate
from registry.organisations import CodeSource, Organisation
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.hostserver import HostWorld, _Server

OWNER_KIND = {"github": "org", "gitlab": "group", "gitea": "org"}


@dataclass
class Figure:
    """One crawl's cost."""

    label: str
    summary: CrawlSummary
    seconds: float


def _crawl(settings: Settings, url: str, driver: str, label: str) -> Figure:
    engine = make_engine(settings)
    started = time.perf_counter()
    with make_sessionmaker(engine)() as session, session.begin():
        source = session.query(CodeSource).filter_by(url=url).one_or_none()
        if source is None:
            org = Organisation(slug=f"acme-{driver}", name=f"Acme ({driver})")
            source = CodeSource(organisation=org, url=url, driver=driver)
            session.add_all([org, source])
            session.flush()
        summary = crawl_source(session, source, settings=settings, now=datetime.now(UTC),
                               analyser=host_only_analyser())  # fmt: skip
    engine.dispose()
    return Figure(label, summary, time.perf_counter() - started)


def bench(driver: str, repos: int, folder: Path) -> list[Figure]:
    """First crawl, unchanged re-crawl, re-crawl after one push, for one driver."""
    world = HostWorld()
    world.owners["acme"] = OWNER_KIND[driver]
    for n in range(repos):
        world.add("acme", f"repo-{n:03d}", publiccode="publiccodeYmlVersion: '0.4'\n")
    server = _Server(world)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings = Settings(database_url=f"sqlite:///{folder / driver}.sqlite3",
                        allow_private_addresses=True, host_page_size=100)  # fmt: skip
    migration = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, migration)
    migration.dispose()
    url = f"{server.base}/acme"
    try:
        figures = [_crawl(settings, url, driver, "first crawl")]
        figures.append(_crawl(settings, url, driver, "unchanged re-crawl"))
        world.repos[7].pushed_at = "2026-11-20T08:00:00Z"
        figures.append(_crawl(settings, url, driver, "re-crawl, 1 pushed"))
    finally:
        server.shutdown()
        server.server_close()
    return figures


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repos", type=int, default=300)
    args = parser.parse_args()
    print(f"{'driver':8} {'crawl':22} {'requests':>8} {'304':>5} {'new':>4} {'upd':>4} "
          f"{'same':>5} {'seconds':>8}")  # fmt: skip
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for driver in ("github", "gitlab", "gitea"):
            figures = bench(driver, args.repos, Path(tmp))
            for f in figures:
                s = f.summary
                print(f"{driver:8} {f.label:22} {s.requests:8d} {s.not_modified:5d} {s.new:4d} "
                      f"{s.updated:4d} {s.unchanged:5d} {f.seconds:8.2f}")  # fmt: skip
            ratio = figures[1].summary.requests / figures[0].summary.requests
            print(f"{driver:8} unchanged/first requests: {ratio:.4f} ({ratio:.2%})")
            ratios[f"{driver}_unchanged_per_first_requests"] = round(ratio, 4)
    print_summary(ratios)


if __name__ == "__main__":
    main()
