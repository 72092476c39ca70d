"""HTTP throughput of search and solution endpoints under wrk, beside ``/health``.

    .venv/bin/python bench/http_bench.py                                 # 5,000 solutions
    .venv/bin/python bench/http_bench.py --solutions 100000 --workers 1,2,4   # the issue's size

Serves a copy of the generated catalogue (``bench/catalogue.py``) with ``registry serve
--workers N`` on loopback, on SQLite and on PostgreSQL, and drives each endpoint with wrk
(Debian package ``wrk``; one client thread, so the server keeps most of the two cores)
for ``--seconds``. Every request of a run picks a random query or slug. Prints requests
per second, latency p50/p99 and errors (non-2xx/3xx, socket errors), and each endpoint's
throughput as a share of ``/health`` (the same app doing no work) in the same run; the
last line is ``SUMMARY {json}`` with every figure and ratio. ``--only "API solution,solution
page"`` drives just those (``/health`` always runs first): a slow endpoint's requests still
in flight when its wrk run ends would otherwise load the next endpoint's run.

    .venv/bin/python bench/http_bench.py --solutions 100000 --workers 1 --warm \
        --only "API solution,solution page"     # issue 21: both at >= 50 % of /health

``--warm`` drives each endpoint a second time: the first run meets every path's first
request (a read-cache miss: the page is rendered), the second the steady state.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _serve import serving
from _summary import print_summary
from catalogue import postgres_copy, sqlite_copy

from registry.catalogue.models import Solution
from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker

WORDS = ["portal", "karte", "abfall", "parken", "schule", "beteiligung", "daten", "energie",
         "Verwaltung daten", "energy monitoring", "Baum", "parking"]  # fmt: skip


@dataclass(frozen=True)
class Result:
    """One wrk run."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and broken connections
    timeouts: int  # no answer within wrk's --timeout


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(base: str, paths: list[str], seconds: int, connections: int, folder: Path) -> Result:
    """Run wrk over ``paths`` (a random one per request) and parse its report."""
    script = folder / "paths.lua"
    quoted = ",\n".join(f'  "{p}"' for p in paths)
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\n"
        "math.randomseed(7)\n"
        "request = function()\n"
        "  return wrk.format('GET', paths[math.random(#paths)])\n"
        "end\n"
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
         "-s", str(script), base],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    timeouts = 0
    if socket:
        connect, read, write, timeouts = (int(n) for n in socket.groups())
        errors += connect + read + write
    return Result(rps, p50, p99, errors, timeouts)


def endpoints(url: str) -> dict[str, list[str]]:
    """The endpoints to drive, each with 200 concrete paths."""
    engine = make_engine(Settings(database_url=url))
    with make_sessionmaker(engine)() as session:
        slugs = list(session.scalars(sa.select(Solution.slug).limit(5000)))
    engine.dispose()
    rng = random.Random(7)
    picks = [rng.choice(slugs) for _ in range(200)]
    queries = [rng.choice(WORDS).replace(" ", "+") for _ in range(200)]
    return {
        "/health": ["/health"],
        "API search": [f"/api/v1/solutions?q={q}" for q in queries],
        "API solution": [f"/api/v1/solutions/{s}" for s in picks],
        "search page": [f"/solutions?q={q}" for q in queries],
        "solution page": [f"/solutions/{s}" for s in picks],
    }


def run(  # noqa: PLR0917 - one call site, in main
    label: str,
    url: str,
    workers: list[int],
    seconds: int,
    connections: int,
    only: set[str] | None = None,
    figures: dict[str, dict[str, float]] | None = None,
    *,
    warm: bool = False,
) -> None:
    """Every endpoint (or those in ``only``) under every worker count, on one database;
    with ``warm``, each endpoint a second time after the first run has seen its paths."""
    paths = {k: v for k, v in endpoints(url).items() if not only or k == "/health" or k in only}
    figures = figures if figures is not None else {}
    print(f"\n{label}: wrk -t1 -c{connections} -d{seconds}s per endpoint")
    print(f"{'workers':>7} {'endpoint':<20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
          f" {'errors':>6} {'timeouts':>8} {'of /health':>10}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in workers:
            with serving(url, workers=n) as (base, _pid):
                wrk(base, ["/health"], 5, connections, Path(tmp))  # warm every worker
                ceiling = None
                rounds = [(name, concrete, "") for name, concrete in paths.items()]
                if warm:  # again, each path now seen once: the read cache's steady state
                    rounds += [(name, concrete, " warm") for name, concrete in paths.items()]
                for name, concrete, phase in rounds:
                    result = wrk(base, concrete, seconds, connections, Path(tmp))
                    ceiling = ceiling or result.rps
                    name = f"{name}{phase}"  # noqa: PLW2901 - the row's label
                    print(f"{n:>7} {name:<20} {result.rps:>8.1f} {result.p50_ms:>8.1f}"
                          f" {result.p99_ms:>8.1f} {result.errors:>6} {result.timeouts:>8}"
                          f" {result.rps / ceiling:>9.1%}")  # fmt: skip
                    figures[f"{label} w{n} {name}"] = {
                        "rps": round(result.rps, 1), "p50_ms": result.p50_ms,
                        "p99_ms": result.p99_ms, "errors": result.errors,
                        "of_health": round(result.rps / ceiling, 3),
                    }  # fmt: skip


def main() -> None:
    """Parse the arguments; SQLite, then PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=5000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    parser.add_argument("--warm", action="store_true", help="each endpoint again, cache warm")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()} or None
    figures: dict[str, dict[str, float]] = {}
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    workers = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_copy(args.solutions, Path(tmp))
        run("sqlite", url, workers, args.seconds, args.connections, only, figures,
            warm=args.warm)  # fmt: skip
    if not args.no_postgres:
        _postgres(args.solutions, workers, args.seconds, args.connections, only, figures,
                  warm=args.warm)  # fmt: skip
    print_summary({"solutions": args.solutions, "connections": args.connections, **figures})


def _postgres(  # noqa: PLR0917 - one call site, in main
    solutions: int,
    workers: list[int],
    seconds: int,
    connections: int,
    only: set[str] | None,
    figures: dict[str, dict[str, float]],
    *,
    warm: bool,
) -> None:
    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_copy(solutions))
        except sa.exc.OperationalError as exc:
            print(f"\nPostgreSQL not reachable, skipped: {exc.orig}")
            return
        run("postgresql", url.replace("+psycopg", ""), workers, seconds, connections, only,
            figures, warm=warm)  # fmt: skip


if __name__ == "__main__":
    main()
