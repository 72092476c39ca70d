"""Which repository's analysis speaks for an entry: one rule for pages and provenance."""

from __future__ import annotations

from typing import Any

from registry.catalogue import models as m
from registry.entries import normalise_repository_url
from registry.errors import InvalidInput

__all__ = ["main_facts", "release_version"]


def main_facts(solution: m.Solution) -> dict[str, Any]:
    """The analysis of the solution's own repository, else of its most recently active one."""
    analysed = [r for r in solution.repositories if isinstance(r.facts, dict) and r.facts]
    own = next((r for r in analysed if solution.url and _same_url(r.url, solution.url)), None)
    if own is not None:
        return own.facts
    newest = max(analysed, key=lambda r: str(r.facts.get("head_date") or ""), default=None)
    return newest.facts if newest is not None else {}


def release_version(facts: dict[str, Any]) -> str | None:
    """The version of the current release tag the analysis found, if it names one."""
    current = facts.get("current_release")
    tag = next(
        (t for t in facts.get("releases") or () if isinstance(t, dict) and t.get("tag") == current),
        None,
    )
    version = tag.get("version") if tag else None
    return str(version) if version else None


def _same_url(stored: str, url: str) -> bool:
    try:
        return normalise_repository_url(url) == stored
    except InvalidInput:
        return False
