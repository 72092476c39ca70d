"""Where the shared conformance data and corpus live (``../shared`` next to the repo)."""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(
    os.environ.get("REGISTRY_TEST_SHARED_DIR", Path(__file__).resolve().parents[4] / "shared")
)
CONFORMANCE = SHARED / "conformance" / "publiccode-parser-testdata"
CORPUS = SHARED / "corpus" / "publiccode"
