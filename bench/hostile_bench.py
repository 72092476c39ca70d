"""Hostile repositories: time and peak memory of ``importers.git.analyse`` per case.

    .venv/bin/python bench/hostile_bench.py [--size-gib 2] [--files 200000]

Figures, never pass/fail. Builds each repository of ``tests/hostile/repos.py`` in a
temporary folder, analyses it with the default limits (timeout as given) and prints
the build time, the analysis time, the growth of the peak resident set (``VmHWM``
after ``/proc/self/clear_refs``) and what was recorded. The clone cases (a server that
never finishes sending, a redirect) run through ``git_timeout_seconds``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import print_summary

from importers.git import GitSourceError, analyse
from registry.settings import Settings
from tests.fixtures.gitrepos import NOW
from tests.hostile import repos


def _case(
    name: str, build: Callable[[Path], object], base: Path, settings: Settings, source: str = ""
) -> dict[str, float]:
    path = base / f"{name}.git"
    start = time.perf_counter()
    build(path)
    built = time.perf_counter() - start
    with repos.measured(python_heap=False) as usage:
        try:
            facts = analyse(source or str(path), settings=settings, now=NOW, trusted=True)
            outcome = (
                f"files={facts.files_total} limits={','.join(facts.limits_hit) or '-'} "
                f"skipped={len(facts.skipped_blobs)} missing={len(facts.missing_objects)} "
                f"symlinks={len(facts.symlinks)}"
            )
        except GitSourceError as exc:
            outcome = f"{type(exc).__name__}: {exc}"
    print(
        f"{name:<14} build {built:7.2f} s  analyse {usage.seconds:7.2f} s  "
        f"peak RSS +{usage.rss_growth_mb:7.1f} MB  {outcome}",
        flush=True,
    )
    return {"build_seconds": round(built, 3), "analyse_seconds": round(usage.seconds, 3),
            "analyse_per_build": round(usage.seconds / built, 3) if built else 0.0,
            "rss_growth_mb": round(usage.rss_growth_mb, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-gib", type=float, default=2.0)
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        base = Path(tmp)
        settings = Settings(
            git_cache_dir=base / "cache",
            git_timeout_seconds=args.timeout,
            allow_private_addresses=True,
        )
        size = int(args.size_gib * repos.GIB)
        figures["huge-blob"] = _case(
            "huge-blob", lambda p: repos.huge_blob_repo(p, size), base, settings
        )
        figures["many-files"] = _case(
            "many-files", lambda p: repos.many_files_repo(p, args.files), base, settings
        )
        figures["git-bomb"] = _case("git-bomb", repos.git_bomb_repo, base, settings)
        figures["deep-1000"] = _case(
            "deep-1000", lambda p: repos.deep_repo(p, 1_000), base, settings
        )
        figures["deep-2100"] = _case(
            "deep-2100", lambda p: repos.deep_repo(p, 2_100), base, settings
        )
        figures["symlinks"] = _case("symlinks", repos.symlink_repo, base, settings)
        figures["broken"] = _case("broken", repos.broken_repo, base, settings)
        short = Settings(
            git_cache_dir=base / "cache", git_timeout_seconds=5.0, allow_private_addresses=True
        )
        with repos.trickling() as server:
            figures["trickle-5s"] = _case(
                "trickle-5s", lambda _p: None, base, short, server.url("x.git")
            )
        with repos.redirecting("http://169.254.169.254/x.git/info/refs") as server:
            figures["redirect"] = _case(
                "redirect", lambda _p: None, base, short, f"{server.base}/x.git"
            )
    print_summary(figures)


if __name__ == "__main__":
    main()
