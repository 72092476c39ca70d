"""The harvested catalogues an operator registers: add, list, look up by name."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.entries import web_url
from registry.errors import Conflict, InvalidInput, NotFound
from registry.federation.models import HarvestedCatalog

__all__ = ["CatalogService"]

_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,99}")


class CatalogService:
    """Domain verbs on harvested catalogues. Never commits."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def add(self, name: str, base_url: str) -> HarvestedCatalog:
        """Register a catalogue by a short name (``developers-italia``) and its API base URL."""
        name = name.strip().lower()
        if not _NAME.fullmatch(name):
            raise InvalidInput(
                "name: Kleinbuchstaben, Ziffern, Punkt und Bindestrich (höchstens 100). / "
                "lower-case letters, digits, dots and hyphens (at most 100).",
                field="name",
            )
        url = web_url("base_url", base_url).rstrip("/")
        if self.db.scalar(select(HarvestedCatalog.id).where(HarvestedCatalog.name == name)):
            raise Conflict(
                f"name: Katalog „{name}“ gibt es schon. / catalogue '{name}' already exists.",
                field="name",
            )
        catalog = HarvestedCatalog(name=name, base_url=url, last_summary={})
        self.db.add(catalog)
        self.db.flush()
        return catalog

    def list(self) -> list[HarvestedCatalog]:
        """Every catalogue, by name."""
        return list(self.db.scalars(select(HarvestedCatalog).order_by(HarvestedCatalog.name)))

    def get(self, name: str) -> HarvestedCatalog:
        """The catalogue called ``name``, or ``NotFound``."""
        found = self.db.scalar(select(HarvestedCatalog).where(HarvestedCatalog.name == name))
        if found is None:
            raise NotFound(
                f"name: Katalog „{name}“ unbekannt. / unknown catalogue '{name}'.", field="name"
            )
        return found
