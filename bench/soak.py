"""Soak: the generated catalogue behind a real ``registry serve``, loaded from loopback.

Threads request search pages, solution pages and the JSON API for ``--seconds`` while
another thread imports real publiccode.yml files from the shared corpus into the same
database. Reports errors, latency percentiles per kind (and as a ratio to ``/health``,
the floor measured in the same run) and the server's memory over time. The catalogue is
a copy of the cached one from ``bench/catalogue.py``.

    .venv/bin/python bench/soak.py --solutions 100000 --seconds 300      # the issue's soak
    .venv/bin/python bench/soak.py --solutions 100000 --seconds 300 --database postgresql
    .venv/bin/python bench/soak.py --solutions 5000 --seconds 60         # a quick look
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _serve import EXE, env_for, serving
from catalogue import postgres_copy, sqlite_copy

from registry.catalogue.models import Solution
from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "publiccode"
WORDS = ["portal", "karte", "abfall", "parken", "schule", "beteiligung", "daten", "energie"]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the server's workers) in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        status = Path(f"/proc/{one}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def pct(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))]


def main() -> None:
    """Copy the catalogue, serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="soak-")))
        if args.database == "sqlite":
            url = sqlite_copy(args.solutions, tmp)
        else:
            url = stack.enter_context(postgres_copy(args.solutions)).replace("+psycopg", "")
        engine = make_engine(Settings(database_url=url))
        with make_sessionmaker(engine)() as session:
            slugs = list(session.scalars(select(Solution.slug).limit(2000)))
        engine.dispose()
        base, pid = stack.enter_context(serving(url, workers=args.workers, cwd=tmp))
        soak(args, base, pid, slugs, env_for(url))


def soak(args: argparse.Namespace, base: str, server_pid: int, slugs: list[str],
         env: dict[str, str]) -> None:  # fmt: skip
    """Load the server for ``args.seconds`` with imports beside; print the report."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    memory: list[int] = []
    imports = {"done": 0, "failed": 0}
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()

    def load(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                kind, path = rng.choice([
                    ("health", "/health"),
                    ("search page", f"/solutions?q={rng.choice(WORDS)}"),
                    ("solution page", f"/solutions/{rng.choice(slugs)}"),
                    ("api search", f"/api/v1/solutions?q={rng.choice(WORDS)}"),
                    ("api solution", f"/api/v1/solutions/{rng.choice(slugs)}"),
                ])  # fmt: skip
                began = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError:
                    status = 0
                elapsed = time.perf_counter() - began
                with lock:
                    timings[kind].append(elapsed)
                    if status >= 500 or status == 0:
                        errors[kind] += 1

    def importer() -> None:
        files = sorted(CORPUS.glob("*.y*ml"))
        for path in itertools.cycle(files):  # a second pass re-imports: mostly unchanged
            if time.monotonic() >= deadline:
                return
            done = subprocess.run([EXE, "import", "publiccode", str(path)], env=env,
                                  capture_output=True, check=False)  # fmt: skip
            imports["done" if done.returncode in (0, 1) else "failed"] += 1

    def watch() -> None:
        while time.monotonic() < deadline:
            memory.append(rss_kib(server_pid))
            time.sleep(2)

    threads = [threading.Thread(target=load, args=(i,)) for i in range(args.concurrency)]
    threads += [threading.Thread(target=importer), threading.Thread(target=watch)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    floor = statistics.median(timings["health"])
    total = sum(len(v) for v in timings.values())
    print(
        f"\n{total} requests in {args.seconds:.0f} s, {sum(errors.values())} errors (5xx/refused)"
    )
    print(
        f"{'kind':<14}{'n':>7}{'err':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'p50/health':>12}"
    )
    for kind, values in sorted(timings.items()):
        ratio = statistics.median(values) / floor if floor else 0
        print(f"{kind:<14}{len(values):>7}{errors[kind]:>5}{pct(values, 50):>9.1f}"
              f"{pct(values, 95):>9.1f}{pct(values, 99):>9.1f}{ratio:>11.1f}x")  # fmt: skip
    print(f"imports beside the load: {imports['done']} done, {imports['failed']} failed")
    if memory:
        quarters = [memory[min(len(memory) - 1, len(memory) * q // 4)] / 1024 for q in range(5)]
        print(
            "server memory (all workers) at 0/25/50/75/100% of the run: "
            + " / ".join(f"{m:.0f}" for m in quarters)
            + f" MiB, max {max(memory) / 1024:.0f} MiB"
        )


if __name__ == "__main__":
    main()
