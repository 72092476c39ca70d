"""The last line of every benchmark: ``SUMMARY {json}`` with its figures, for tools."""

from __future__ import annotations

import json
from typing import Any


def print_summary(figures: dict[str, Any]) -> None:
    """Print the figures as one machine-readable line (ratios against the same run's baseline)."""
    print("SUMMARY " + json.dumps(figures, sort_keys=True, default=str), flush=True)
