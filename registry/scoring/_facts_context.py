"""The context every fact builder reads: the entry, the main repository, time and evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from registry.facts import RepoFacts
from registry.scoring.evidence import Evidence, Fact

__all__ = ["Context", "Facts", "as_datetime", "main_repo", "rows_of"]

Facts = dict[str, Fact]


def as_datetime(value: Any) -> datetime | None:
    """A timezone-aware datetime from a datetime, date or ISO string; None otherwise."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def rows_of(entry: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The rows under ``key`` that are mappings (anything else is ignored)."""
    rows = entry.get(key) or []
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def day(value: Any) -> str | None:
    """The ISO date of a moment, for evidence."""
    moment = as_datetime(value)
    return moment.date().isoformat() if moment else None


@dataclass(frozen=True)
class Context:
    entry: Mapping[str, Any]
    now: datetime
    repo: RepoFacts | None
    repo_row: Mapping[str, Any]

    @property
    def commit(self) -> str | None:
        return self.repo.head_commit if self.repo else None

    def entry_ev(self, path: str) -> tuple[Evidence, ...]:
        source = "publiccode.yml" if self.entry.get("publiccode_present") else "entry"
        return (Evidence(source, path, date=day(self.entry.get("updated_at"))),)

    def repo_ev(self, path: str | None, level: str = "detected") -> Evidence:
        assert self.repo is not None
        return Evidence(
            str(self.repo_row.get("url") or self.repo.source),
            path,
            commit=self.repo.head_commit,
            date=day(self.repo.analysed_at),
            level=level,
        )

    def kinds(self) -> dict[str, str]:
        """Metadata file kind -> first path (readme, contributing, security, …)."""
        found: dict[str, str] = {}
        for meta in self.repo.metadata_files if self.repo else ():
            found.setdefault(meta.kind, meta.path)
        return found

    def repo_flag(self, kind: str) -> Fact:
        if self.repo is None:
            return Fact()
        path = self.kinds().get(kind)
        return Fact(path is not None, (self.repo_ev(path or "/"),))

    def days_since(self, value: Any) -> int | None:
        moment = as_datetime(value)
        return max(0, (self.now - moment).days) if moment else None


def main_repo(entry: Mapping[str, Any]) -> tuple[RepoFacts | None, Mapping[str, Any]]:
    rows = [r for r in rows_of(entry, "repositories") if r.get("facts")]
    rows.sort(key=lambda r: r.get("url") != entry.get("url"))
    for row in rows:
        try:
            return RepoFacts.from_json(dict(row["facts"])), row
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return None, {}
