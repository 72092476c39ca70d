"""Fuzz the whole API from its own OpenAPI document, longer than the test suite does.

The same world as ``tests/fuzz/test_api_fuzz.py`` (in-process ASGI app, SQLite file with
the demo catalogue, an admin bearer token on every request, valid and invalid requests),
with more examples per operation. Prints the requests sent per operation, the total, the
rate and every failing check (no 5xx, no undocumented status, responses conform).
Exits 1 when any operation failed.

    .venv/bin/python bench/fuzz_api.py                  # 300 examples per operation
    .venv/bin/python bench/fuzz_api.py --examples 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz._world import api_schema, fuzz_operation, fuzz_world, operations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per operation")
    args = parser.parse_args()
    failures: list[tuple[str, str]] = []
    total = 0
    with tempfile.TemporaryDirectory() as folder:
        world = fuzz_world(Path(folder))
        ops = operations(api_schema(world))
        started = time.perf_counter()
        for operation in ops:
            sent = [0]
            try:
                fuzz_operation(world, operation, examples=args.examples, sent=sent)
            except (Exception, BaseExceptionGroup) as exc:  # report every failure, go on
                failures.append((operation.label, str(exc).splitlines()[0]))
            total += sent[0]
            failed = failures and failures[-1][0] == operation.label
            print(f"{operation.label:70} {sent[0]:>6}{' FAILED' if failed else ''}", flush=True)
        elapsed = time.perf_counter() - started
    print(f"\n{len(ops)} operations, {total:,} requests in {elapsed:.1f} s "
          f"({total / elapsed:.0f}/s), {len(failures)} failing operations")  # fmt: skip
    for label, first_line in failures:
        print(f"FAILED {label}: {first_line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
