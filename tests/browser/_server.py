"""A real ``registry serve --demo`` on a free loopback port, and the Node runner that drives
Debian's Chromium over it (shared by every browser test module)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("REGISTRY_CHROMIUM", "/usr/bin/chromium")
EXE = Path(sys.executable).parent / "registry"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def registry_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a registry process: only the ``REGISTRY_*`` values given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    return env | {"REGISTRY_DATABASE_URL": database_url, **extra}


@contextmanager
def running_registry(tmp: Path, **extra: str) -> Iterator[tuple[str, str]]:
    """Serve the demo catalogue from a SQLite file in ``tmp``; yields (base URL, DB URL)."""
    port = _free_port()
    url = f"sqlite:///{tmp}/registry.sqlite3"
    env = registry_env(url, REGISTRY_PORT=str(port), **extra)
    proc = subprocess.Popen([EXE, "serve", "--demo"], env=env, cwd=tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"server did not come up:\n{out}")
                time.sleep(0.2)
        yield base, url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


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
