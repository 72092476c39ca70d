"""A fact and its evidence: the smallest units scoring works with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Evidence", "Fact"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: source, path, commit, date and evidence level."""

    source: str
    path: str | None = None
    commit: str | None = None
    date: str | None = None
    level: str = "declared"  # declared | detected | verified

    def to_json(self) -> dict[str, Any]:
        """Plain data, without empty fields."""
        data = {"source": self.source, "path": self.path, "commit": self.commit,
                "date": self.date, "level": self.level}  # fmt: skip
        return {key: value for key, value in data.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Fact:
    """A value (None: unknown) with its evidence; ``applicable=False``: cannot be measured."""

    value: Any = None
    evidence: tuple[Evidence, ...] = ()
    applicable: bool = True
