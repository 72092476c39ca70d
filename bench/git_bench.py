"""Benchmark: analyse a repository of ~10,000 commits and ~5,000 files.

Baseline in the same run: ``git log --numstat`` plus ``git ls-tree -r`` over the same
repository. The repository is generated with ``git fast-import`` (fast, no work tree).

    .venv/bin/python bench/git_bench.py [--commits 10000] [--files 5000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import print_summary

import registry.db  # noqa: F401 - settles the registry import order
from importers.git import analyse
from registry.settings import Settings


def generate(path: Path, commits: int, files: int) -> None:
    """Write a linear history where commit n changes file n mod files (first commit adds all)."""
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    people = [
        ("Alice", "alice@example.org"),
        ("Bob", "bob@example.org"),
        ("Carol", "c@example.net"),
    ]
    start = int(datetime(2020, 1, 1, tzinfo=UTC).timestamp())
    lines: list[bytes] = []
    for number in range(commits):
        who = people[number % 3]
        when = start + number * 3600
        message = f"change {number}".encode()
        lines.append(b"commit refs/heads/main\n")
        lines.append(f"committer {who[0]} <{who[1]}> {when} +0000\n".encode())
        lines.append(b"data %d\n%s\n" % (len(message), message))
        targets = range(files) if number == 0 else [number % files]
        for index in targets:
            body = f"# module {index}\nVALUE = {number}\n".encode()
            name = f"src/pkg{index // 100}/mod{index}.py"
            lines.append(f"M 100644 inline {name}\n".encode())
            lines.append(b"data %d\n%s\n" % (len(body), body))
    subprocess.run(["git", "fast-import", "--quiet"], input=b"".join(lines), cwd=path, check=True)
    subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=path, check=True)
    subprocess.run(["git", "gc", "-q"], cwd=path, check=True)


def baseline(path: Path) -> tuple[float, int]:
    """Seconds and peak child RSS (KiB) of git log --numstat + git ls-tree -r."""
    start = time.perf_counter()
    for args in (["log", "--numstat", "main"], ["ls-tree", "-r", "main"]):
        subprocess.run(["git", *args], cwd=path, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "bench.git"
        started = time.perf_counter()
        generate(repo, args.commits, args.files)
        print(
            f"generated {args.commits} commits / {args.files} files"
            f" in {time.perf_counter() - started:.1f}s"
        )
        git_seconds, git_rss = baseline(repo)
        settings = Settings(allow_local_repositories=True, git_cache_dir=Path(tmp) / "cache")
        tracemalloc.start()
        started = time.perf_counter()
        facts = analyse(str(repo), settings=settings, now=datetime.now(UTC))
        ours = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"git log --numstat + ls-tree -r: {git_seconds:.2f}s, peak RSS {git_rss / 1024:.0f} MiB"
        )
        print(
            f"analyse: {ours:.2f}s, Python peak {peak / 2**20:.0f} MiB,"
            f" process peak RSS {rss / 1024:.0f} MiB"
        )
        print(
            f"commits {facts.activity.commits}, files {facts.files_total},"
            f" limits {facts.limits_hit}"
        )
        print(f"time ratio analyse/git: {ours / git_seconds:.1f}x")
        os.sync()
    print_summary({"git_seconds": round(git_seconds, 3), "analyse_seconds": round(ours, 3),
                   "analyse_per_git": round(ours / git_seconds, 3),
                   "python_peak_mb": round(peak / 2**20, 1), "rss_mb": round(rss / 1024, 1),
                   "commits": facts.activity.commits, "files": facts.files_total})  # fmt: skip


if __name__ == "__main__":
    main()
