"""The interface-standards catalogue: shipped as data, synced into the database, matched."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from registry.catalogue.models import Standard
from registry.datafiles import load_yaml

_FIELDS = ("name", "kind", "steward", "version", "open", "royalty_free", "url", "domains",
           "aliases", "description")  # fmt: skip


def load_standards_data() -> list[dict[str, Any]]:
    """Read ``schemas/standards.yml``."""
    text = resources.files("schemas").joinpath("standards.yml").read_text(encoding="utf-8")
    data = load_yaml(text)
    return list(data["standards"])


def _key(text: str) -> str:
    """Loose matching key: case, punctuation and a trailing slash don't matter."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@dataclass(frozen=True, slots=True)
class StandardIndex:
    """Finds a standard by slug, name, alias or URI."""

    by_key: dict[str, int]

    @classmethod
    def build(cls, session: Session) -> StandardIndex:
        """Index every stored standard."""
        by_key: dict[str, int] = {}
        for std in session.scalars(select(Standard)):
            for label in (std.slug, std.name, *std.aliases):
                by_key.setdefault(_key(label), std.id)
        return cls(by_key)

    def match(self, label: str) -> int | None:
        """The id of the standard ``label`` names, if any."""
        key = _key(label)
        if key in self.by_key:
            return self.by_key[key]
        # URIs often carry a version path after the identifying part.
        for known, std_id in self.by_key.items():
            if len(known) > 6 and key.startswith(known):
                return std_id
        return None


def catalogue_standards(session: Session) -> list[Standard]:
    """Every standard of the catalogue by name: what an editor chooses an interface from."""
    return list(session.scalars(select(Standard).order_by(Standard.name)))


def sync_standards(session: Session, data: list[dict[str, Any]] | None = None) -> int:
    """Insert or update the shipped standards; returns how many rows changed."""
    changed = 0
    existing = {std.slug: std for std in session.scalars(select(Standard))}
    for item in data if data is not None else load_standards_data():
        std = existing.get(item["slug"]) or Standard(slug=item["slug"])
        values = {name: item.get(name) for name in _FIELDS}
        values["open"] = bool(values["open"]) if values["open"] is not None else True
        values["royalty_free"] = bool(item.get("royalty_free", True))
        values["domains"] = list(item.get("domains") or [])
        values["aliases"] = [str(a) for a in item.get("aliases") or []]
        values["description"] = dict(item.get("description") or {})
        values["version"] = str(values["version"]) if values["version"] is not None else None
        diff = {k: v for k, v in values.items() if getattr(std, k) != v}
        if diff or std.id is None:
            for key, value in diff.items():
                setattr(std, key, value)
            session.add(std)
            changed += 1
    session.flush()
    return changed


def seed_standards(connection: Connection) -> int:
    """Bring the stored catalogue up to the shipped data, inside ``connection``'s transaction.

    The one seeding step: migration 0006 calls it, and ``registry db upgrade`` (every
    ``migrate.upgrade``) calls it again, so a fresh database links interfaces to standards
    and an upgraded one picks up new or changed standards. Idempotent: it only writes
    rows that differ.
    """
    session = Session(bind=connection)
    session.info["actor"] = "migration"
    try:
        return sync_standards(session)
    finally:
        session.close()
