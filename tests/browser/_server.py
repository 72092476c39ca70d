"""A real ``registry serve --demo`` on a free loopback port, and the Node runner that drives
Debian's Chromium over it (shared by every browser test module)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.fixtures.server import running_server

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("REGISTRY_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def running_registry(tmp: Path, **extra: str) -> Iterator[tuple[str, str]]:
    """Serve the demo catalogue from a SQLite file in ``tmp``; yields (base URL, DB URL)."""
    url = f"sqlite:///{tmp}/registry.sqlite3"
    with running_server(url, tmp, "--demo", **extra) as base:
        yield base, url


def run_node(
    script: str, base: str, output: Path, env: dict[str, str], timeout: int = 120
) -> dict[str, Any]:
    """Run a driver script once and return its JSON report; fails loudly without the setup."""
    node = shutil.which("node")
    assert node, "node is not installed (apt-get install nodejs npm)"
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install -y chromium"
    assert (HERE / "node_modules" / "playwright-core").is_dir(), (
        "run `npm ci --prefix tests/browser` first (make check does)"
    )
    shutil.rmtree(output, ignore_errors=True)
    done = subprocess.run([node, HERE / script, base, output],
                          env={**os.environ, "REGISTRY_CHROMIUM": CHROMIUM, **env}, cwd=HERE,
                          capture_output=True, text=True, timeout=timeout, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    return dict(json.loads(done.stdout))
