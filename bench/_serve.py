"""A real ``registry serve`` on loopback for the load benchmarks, stopped afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

EXE = Path(sys.executable).parent / "registry"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(url: str, *, workers: int = 1, cwd: Path | None = None) -> Iterator[tuple[str, int]]:
    """``registry serve --workers N`` on ``url``; yields the base URL and the server's pid."""
    port = free_port()
    env = env_for(url) | {"REGISTRY_PORT": str(port)}
    server = subprocess.Popen([EXE, "serve", "--workers", str(workers)], env=env, cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise RuntimeError(f"registry serve exited with {server.returncode}")
            time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def env_for(url: str) -> dict[str, str]:
    """The environment a ``registry`` command needs to work on ``url``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    return env | {"REGISTRY_DATABASE_URL": url}
