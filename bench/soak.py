"""Soak: a generated catalogue behind a real ``registry serve``, loaded from loopback.

Threads request search pages, solution pages and the JSON API for ``--seconds`` while
another thread imports real publiccode.yml files from the shared corpus into the same
database. Reports errors, latency percentiles per kind (and as a ratio to ``/health``,
the floor measured in the same run) and the server's memory over time.

    .venv/bin/python bench/soak.py --solutions 100000 --seconds 300      # the issue's soak
    .venv/bin/python bench/soak.py --solutions 5000 --seconds 60         # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_bench import generate

from registry.catalogue.models import Solution
from registry.db import make_engine, make_sessionmaker, migrate
from registry.settings import Settings

EXE = Path(sys.executable).parent / "registry"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "publiccode"
WORDS = ["portal", "karte", "abfall", "parken", "schule", "beteiligung", "daten", "energie"]


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))]


def main() -> None:  # noqa: PLR0915 - one script, read top to bottom
    """Generate, serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    url = f"sqlite:///{tmp}/soak.sqlite3"
    settings = Settings(database_url=url)
    engine = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, engine)
    engine.dispose()
    engine = make_engine(settings)
    start = time.perf_counter()
    with make_sessionmaker(engine)() as session:
        generate(session, args.solutions)
        slugs = list(session.scalars(select(Solution.slug).limit(2000)))
    engine.dispose()
    print(f"generated {args.solutions} solutions in {time.perf_counter() - start:.0f} s")

    port = 18000 + os.getpid() % 1000
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env |= {"REGISTRY_DATABASE_URL": url, "REGISTRY_PORT": str(port)}
    server = subprocess.Popen([EXE, "serve"], env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/health", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.2)
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
        for path in files:
            if time.monotonic() >= deadline:
                return
            done = subprocess.run([EXE, "import", "publiccode", str(path)], env=env,
                                  capture_output=True, check=False)  # fmt: skip
            imports["done" if done.returncode in (0, 1) else "failed"] += 1

    def watch() -> None:
        while time.monotonic() < deadline:
            memory.append(rss_kib(server.pid))
            time.sleep(2)

    threads = [threading.Thread(target=load, args=(i,)) for i in range(args.concurrency)]
    threads += [threading.Thread(target=importer), threading.Thread(target=watch)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
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
        print(f"server memory: start {memory[0] / 1024:.0f} MiB, end {memory[-1] / 1024:.0f} MiB, "
              f"max {max(memory) / 1024:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
