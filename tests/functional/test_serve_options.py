"""``registry serve --host/--port`` take precedence over REGISTRY_HOST/REGISTRY_PORT."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx

from registry.settings import Settings
from tests.fixtures.server import EXE, free_port, registry_env


def test_serve_binds_the_port_given_on_the_command_line(
    fresh_settings: Settings, tmp_path: Path
) -> None:
    env_port, cli_port = free_port(), free_port()
    env = registry_env(fresh_settings.database_url, REGISTRY_PORT=str(env_port))
    log = (tmp_path / "serve.log").open("wb")
    args = [EXE, "serve", "--host", "127.0.0.1", "--port", str(cli_port)]
    proc = subprocess.Popen(args, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline, status = time.monotonic() + 60, None
        while status is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{cli_port}/health", timeout=2).status_code
            except httpx.TransportError:
                time.sleep(0.2)
        assert status == 200, (tmp_path / "serve.log").read_text(errors="replace")[-2000:]
        try:
            httpx.get(f"http://127.0.0.1:{env_port}/health", timeout=2)
            raise AssertionError("the environment's port answered too")
        except httpx.TransportError:
            pass
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
