"""Our own YAML data files (``schemas/``, the demo catalogue, funders' profile files).

PyYAML's C parser (libyaml, in the PyYAML wheels) reads them about fifteen times faster
than its pure-Python one, with the same safe loader and the same result; the standards
catalogue alone took a second to parse on every first import of a fresh database.
publiccode.yml files from outside go through ``registry.publiccode`` instead (YAML 1.2,
limits, duplicate keys).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["load_yaml"]

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml where PyYAML was built with it."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (CSafeLoader/SafeLoader)
