"""Validation throughput over the publiccode.yml corpus, beside bare YAML loading.

Run: ``.venv/bin/python bench/publiccode_bench.py [--rounds N] [--corpus DIR]``

Single process, single core, files read into memory first. The floor is PyYAML's
``safe_load`` with libyaml (C) on the same bytes in the same run; the ratio says what
our strict loading and the rules cost on top of parsing.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from registry.publiccode import validate
from registry.publiccode._yaml import YamlError, load

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "publiccode"


def _rate(files: list[bytes], rounds: int, work: Callable[[bytes], object]) -> float:
    """Files per second over ``rounds`` passes (after one warm-up pass)."""
    for data in files:
        work(data)
    started = time.perf_counter()
    for _ in range(rounds):
        for data in files:
            work(data)
    return len(files) * rounds / (time.perf_counter() - started)


def _bare_yaml(data: bytes) -> object:
    try:
        return yaml.load(data, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def _strict_yaml(data: bytes) -> object:
    try:
        return load(data.decode("utf-8"))
    except (UnicodeDecodeError, YamlError):
        return None


def main() -> None:
    """Print files/s for bare YAML, our strict loader and full validation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    files = [path.read_bytes() for path in sorted(args.corpus.iterdir()) if path.is_file()]
    size = sum(len(f) for f in files) / 1024
    print(
        f"corpus: {len(files)} files, {size:.0f} KiB, {args.rounds} rounds, libyaml: "
        f"{yaml.__with_libyaml__}"
    )
    floor = _rate(files, args.rounds, _bare_yaml)
    strict = _rate(files, args.rounds, _strict_yaml)
    full = _rate(files, args.rounds, validate)
    print(f"bare YAML (PyYAML CSafeLoader):  {floor:8.0f} files/s")
    print(f"strict YAML 1.2 loader (ours):   {strict:8.0f} files/s")
    print(f"validate() without network:      {full:8.0f} files/s")
    print(f"validation costs {floor / full:.1f}x bare YAML loading")


if __name__ == "__main__":
    main()
