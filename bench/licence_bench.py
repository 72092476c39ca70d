"""Benchmark: licence identification time per file beside merely reading the same files.

Files: every LICENSE*/COPYING* file of the installed Python packages (real-world texts).

    .venv/bin/python bench/licence_bench.py
"""

from __future__ import annotations

import sys
import sysconfig
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry.licensing import identify_licence_text, reference_texts


def main() -> None:
    site = Path(sysconfig.get_paths()["purelib"])
    files = sorted(
        p
        for p in site.glob("*.dist-info/**/*")
        if p.is_file() and p.name.upper().startswith(("LICENSE", "LICENCE", "COPYING"))
    )
    started = time.perf_counter()
    references = reference_texts()
    print(
        f"corpus: {len(references)} reference texts loaded in {time.perf_counter() - started:.2f}s"
    )
    started = time.perf_counter()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    reading = time.perf_counter() - started
    started = time.perf_counter()
    found = [identify_licence_text(text) for text in texts]
    identifying = time.perf_counter() - started
    named = sum(1 for result in found if result.ids or result.expression)
    print(f"{len(files)} files, {named} identified")
    print(
        f"read: {reading / len(files) * 1e3:.3f} ms/file; "
        f"identify: {identifying / len(files) * 1e3:.2f} ms/file;"
        f" ratio {identifying / max(reading, 1e-9):.0f}x"
    )


if __name__ == "__main__":
    main()
