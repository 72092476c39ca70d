"""Errors of the search context.

RegistryError
└── InvalidInput
    └── InvalidQuery   -> 400: a malformed search request; ``field`` names the parameter
"""

from __future__ import annotations

from registry.errors import InvalidInput

__all__ = ["InvalidQuery"]


class InvalidQuery(InvalidInput):
    """A search parameter could not be understood; ``field`` is the parameter's name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}", field=field)
