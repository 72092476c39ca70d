"""The harvested catalogues an operator registers: add, list, look up by name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import CATALOG_KINDS, GITLAB, OPEN_CATALOG_API, HarvestedCatalog
from registry.entries import web_url
from registry.errors import Conflict, InvalidInput, NotFound

__all__ = ["CatalogService"]

_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,99}")
_GROUP = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*")
_MAX_GROUPS = 100


class CatalogService:
    """Domain verbs on harvested catalogues. Never commits."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def add(
        self,
        name: str,
        base_url: str,
        *,
        kind: str = OPEN_CATALOG_API,
        groups: Sequence[str] = (),
    ) -> HarvestedCatalog:
        """Register a catalogue by a short name (``developers-italia``) and its API base URL.

        ``kind="gitlab"`` registers a GitLab instance (OpenCoDE: ``https://gitlab.opencode.de``)
        whose ``groups`` (with their subgroups) are walked for projects with a publiccode.yml.
        """
        name = name.strip().lower()
        if kind not in CATALOG_KINDS:
            raise InvalidInput(f"kind: eine von / one of {', '.join(CATALOG_KINDS)}", field="kind")
        wanted = _groups(kind, groups)
        if not _NAME.fullmatch(name):
            raise InvalidInput(
                "name: Kleinbuchstaben, Ziffern, Punkt und Bindestrich (höchstens 100). / "
                "lower-case letters, digits, dots and hyphens (at most 100).",
                field="name",
            )
        if name == "local":  # the search facet's name for this registry itself
            raise InvalidInput("name: „local“ ist vergeben. / 'local' is reserved.", field="name")
        url = web_url("base_url", base_url).rstrip("/")
        if self.db.scalar(select(HarvestedCatalog.id).where(HarvestedCatalog.name == name)):
            raise Conflict(
                f"name: Katalog „{name}“ gibt es schon. / catalogue '{name}' already exists.",
                field="name",
            )
        catalog = HarvestedCatalog(name=name, base_url=url, last_summary={}, kind=kind,
                                   options={"groups": wanted} if wanted else None)  # fmt: skip
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


def _groups(kind: str, groups: Sequence[str]) -> list[str]:
    """The group paths of a GitLab catalogue, checked (none for other kinds)."""
    wanted = list(dict.fromkeys(g.strip().strip("/") for g in groups if g.strip().strip("/")))
    if kind != GITLAB:
        if wanted:
            raise InvalidInput("group: nur für / only for --kind gitlab", field="group")
        return []
    if not wanted or len(wanted) > _MAX_GROUPS:
        raise InvalidInput(
            f"group: mindestens eine, höchstens {_MAX_GROUPS} Gruppen (--group) / "
            f"at least one, at most {_MAX_GROUPS} groups (--group)",
            field="group",
        )
    for group in wanted:
        if len(group) > 300 or not _GROUP.fullmatch(group):
            raise InvalidInput(f"group: kein Gruppenpfad / not a group path: {group!r}",
                               field="group")  # fmt: skip
    return wanted
