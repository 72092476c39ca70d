"""Every public module imports on its own, in a fresh interpreter (no import cycles)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = ["registry.catalogue", "registry.audit", "registry.models", "registry.demo.loader",
           "registry.organisations.services", "registry.imports.services", "web.app",
           "registry.cli", "registry.wiring", "registry.pages", "registry.entries"]  # fmt: skip


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
