"""One harvest of one catalogue: pages of ``/software`` and ``/publishers`` into the registry.

    harvest = Harvest(session, catalog, now=now)
    for page in software_pages: harvest.software(page)      # fed by importers.catalogs
    for page in publisher_pages: harvest.publishers(page)
    summary = harvest.finish(error=None, requests=12, not_modified=10)

The rules live here, the HTTP in ``importers.catalogs``:

* an entry whose URL, aliases, publiccode.yml and ``active`` are what the last harvest saw
  is ``unchanged`` and not imported again;
* a new or changed software's publiccode.yml goes through ``import_publiccode`` (the one
  import path: invalid files become inactive entries with their findings);
* one solution per repository: a software whose URL or alias is already an entry held by
  someone else (a local publisher, an import, another catalogue) is recorded as one more
  *source* of that entry and never overwrites it; an entry this catalogue created is
  updated by it until a local import takes it over;
* ``active: false`` upstream, or gone from a complete listing, makes the entry inactive
  with the reason (only a complete harvest can tell that something is gone);
* publishers become organisations, matched by the organisation an earlier harvest made,
  a registered code source with the same URL, a publisher of another catalogue with the
  same code hosting URL, then the official identifier: never a duplicate. A software
  under a publisher's code hosting URL is published by that organisation (unless its
  publiccode.yml names another).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService, HarvestedCatalog, HarvestedEntry, OrganisationRef
from registry.catalogue import models as m
from registry.entries import normalise_repository_url
from registry.errors import InvalidInput, RegistryError
from registry.imports import ImportLogEntry, ImportRun, import_batch, import_publiccode
from registry.organisations import CodeSource, Organisation, OrganisationService

__all__ = ["HARVEST_SOURCE_PREFIX", "Harvest", "HarvestSummary"]

#: Import runs of a harvest are named ``catalog:NAME:ID`` (a local import is anything else).
HARVEST_SOURCE_PREFIX = "catalog:"
_STORED = ("created", "updated")
_MAX_FAILURES_LISTED = 20


@dataclass
class HarvestSummary:
    """What one harvest did, counted per entry, and what it cost the catalogue."""

    catalog: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    publishers: int = 0
    requests: int = 0
    not_modified: int = 0
    error: str | None = None
    failures: list[str] = field(default_factory=list)
    #: The harvest carried on where an interrupted one stopped.
    resumed: bool = False

    @property
    def ok(self) -> bool:
        """True when the whole catalogue was read (single entries may still have failed)."""
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        """The summary as stored on the catalogue row."""
        return {
            "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
            "removed": self.removed, "failed": self.failed, "publishers": self.publishers,
            "requests": self.requests, "not_modified": self.not_modified,
            "error": self.error, "failures": self.failures[:_MAX_FAILURES_LISTED],
            "resumed": self.resumed,
        }  # fmt: skip


def _text(value: object, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _canonical(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalise_repository_url(url)
    except InvalidInput:
        return None


class Harvest:
    """See the module docstring. Never commits: the caller owns the unit of work."""

    def __init__(self, session: Session, catalog: HarvestedCatalog, *, now: datetime) -> None:
        self.db = session
        self.catalog = catalog
        self.now = now
        self.summary = HarvestSummary(catalog.name)
        self.seen: set[str] = set()
        rows = session.scalars(
            select(HarvestedEntry).where(HarvestedEntry.catalog_id == catalog.id)
        )
        self.rows: dict[tuple[str, str], HarvestedEntry] = {(r.kind, r.remote_id): r for r in rows}
        self._publishers: list[HarvestedEntry] | None = None  # after the publishers' pages
        #: Where an interrupted harvest of this catalogue got to (None: start afresh).
        self.resumed: dict[str, Any] | None = self._resume(catalog.progress)

    # -- crash resume ------------------------------------------------------------------
    def _resume(self, progress: dict[str, Any] | None) -> dict[str, Any] | None:
        """Carry on after a harvest that died: what it saw counts as seen, its counts stay."""
        if not isinstance(progress, dict) or not isinstance(progress.get("started_at"), str):
            return None
        try:
            started = datetime.fromisoformat(progress["started_at"])
        except ValueError:
            return None
        self.seen = {
            remote_id for (kind, remote_id), row in self.rows.items()
            if kind == "software" and row.last_seen_at >= started
        }  # fmt: skip
        counted = progress.get("summary") or {}
        for name in ("new", "changed", "unchanged", "removed", "failed", "publishers"):
            setattr(self.summary, name, int(counted.get(name) or 0))
        self.summary.failures = [str(f) for f in counted.get("failures") or []]
        self.summary.resumed = True
        return progress

    def checkpoint(self, **where: Any) -> None:
        """Record where the harvest is (``resource``, ``next`` page) before the caller commits,
        so a crash after this point resumes from here."""
        started = (self.resumed or {}).get("started_at") or self.now.isoformat()
        self.catalog.progress = {"started_at": started, "summary": self.summary.as_json(),
                                 **where}  # fmt: skip
        self.db.flush()

    # -- projects of a GitLab instance -------------------------------------------------
    def project_fingerprint(self, remote_id: str) -> str | None:
        """What the project looked like when its publiccode.yml was last read (None: never)."""
        rows = [self.rows.get((kind, remote_id)) for kind in ("software", "project")]
        latest = max((r for r in rows if r is not None), key=lambda r: r.last_seen_at, default=None)
        if latest is None or (latest.kind == "software" and latest.details.get("gone")):
            return None  # never read, or back after it was gone: read it again
        return str(latest.details.get("fingerprint") or "") or None

    def stored_item(self, remote_id: str) -> dict[str, Any] | None:
        """An unchanged project's software as last read (None: it has no publiccode.yml)."""
        row = self.rows.get(("software", remote_id))
        if row is None or row.details.get("gone"):
            return None
        aliases = row.details.get("aliases") or []
        return {"id": remote_id, "url": row.url, "aliases": aliases,
                "publiccodeYml": row.publiccode_raw or "", "active": True}  # fmt: skip

    def remember_project(self, remote_id: str, url: str, fingerprint: str, *, listed: bool) -> None:
        """Keep the project's fingerprint; ``listed=False``: it has no publiccode.yml (a
        ``project`` row, so it is not asked again until it changes)."""
        kind = "software" if listed else "project"
        row = self.rows.get((kind, remote_id))
        if row is None:
            row = HarvestedEntry(catalog_id=self.catalog.id, kind=kind, remote_id=remote_id,
                                 url=url[:500], digest=fingerprint[:64], first_seen_at=self.now,
                                 details={})  # fmt: skip
            self.db.add(row)
            self.rows[(kind, remote_id)] = row
        row.last_seen_at = self.now
        row.details = {**row.details, "fingerprint": fingerprint}

    # -- software ----------------------------------------------------------------------
    def software(self, items: list[Any]) -> None:
        """One page of ``/software``, rescored and indexed for search once at its end."""
        with import_batch(self.db):
            self._software_page(items)

    def _software_page(self, items: list[Any]) -> None:
        for item in items:
            try:
                with self.db.begin_nested():
                    self._software(item)
            except RegistryError as exc:
                self._fail(f"software {self._id(item)}: {exc.message}")
            except SQLAlchemyError as exc:
                self._fail(f"software {self._id(item)}: database refused it ({type(exc).__name__})")

    def _id(self, item: object) -> str:
        return str(item.get("id"))[:100] if isinstance(item, dict) else "?"

    def _fail(self, message: str) -> None:
        self.summary.failed += 1
        self.summary.failures.append(message)

    def _software(self, item: object) -> None:
        if not isinstance(item, dict) or not _text(item.get("id"), 100):
            self._fail("software without id / Software ohne id")
            return
        remote_id = str(item["id"])[:100]
        self.seen.add(remote_id)
        url = _text(item.get("url"), 500)
        listed = item.get("aliases")
        aliases = (
            [a[:500] for a in listed if isinstance(a, str)][:50] if isinstance(listed, list) else []
        )
        yml = item.get("publiccodeYml")
        raw = yml if isinstance(yml, str) else ""
        active = item.get("active", True) is not False
        digest = _digest({"url": url, "aliases": aliases, "yml": raw, "active": active})
        row = self.rows.get(("software", remote_id))
        settled = row is not None and not row.details.get("gone") and not row.details.get("error")
        if row is not None and settled and row.digest == digest:
            row.last_seen_at = self.now
            self.summary.unchanged += 1
            return
        is_new = row is None
        if row is None:
            row = HarvestedEntry(catalog_id=self.catalog.id, kind="software", remote_id=remote_id,
                                 first_seen_at=self.now, details={})  # fmt: skip
            self.db.add(row)
            self.rows[("software", remote_id)] = row
        row.url, row.digest, row.publiccode_raw = url, digest, raw
        row.remote_updated_at = _text(item.get("updatedAt"), 40)
        row.last_seen_at, row.active, row.removed_reason = self.now, active, None
        row.details = {**row.details, "aliases": aliases, "gone": False}
        if not active:
            self._retire(row, f"im Katalog {self.catalog.name} inaktiv / inactive in catalogue "
                              f"{self.catalog.name}")  # fmt: skip
            self.summary.removed += 1
        elif self._import(row, url, aliases, raw):
            if is_new:
                self.summary.new += 1
            else:
                self.summary.changed += 1
        self.db.flush()

    def _import(self, row: HarvestedEntry, url: str | None, aliases: list[str], raw: str) -> bool:
        """Write the entry (or record this catalogue as one more source); False on failure."""
        held = self._match(url, aliases)
        if held is None and row.solution_id is not None and row.owner:
            held = self.db.get(m.Solution, row.solution_id)
        if held is not None and not self._may_write(row, held):
            row.solution_id, row.owner = held.id, False
            return True
        source = f"{HARVEST_SOURCE_PREFIX}{self.catalog.name}:{row.remote_id}"
        # A lone surrogate stays undecodable, so the import refuses it instead of guessing.
        data = raw.encode("utf-8", "surrogatepass")
        result = import_publiccode(self.db, data, source=source, now=self.now)
        if result.solution is None:
            reason = result.message or result.action
            row.details = {**row.details, "error": reason}
            self._fail(f"software {row.remote_id} ({url or '-'}): {reason}")
            return False
        row.solution_id, row.owner = result.solution.id, True
        row.details = {**row.details, "log_id": self._last_log_id(result.run), "error": None}
        self._add_aliases(result.solution, url, aliases)
        if result.solution.publisher_id is None:
            result.solution.publisher_id = self._publisher_of(url)
        return True

    def _publisher_rows(self) -> list[HarvestedEntry]:
        if self._publishers is None:
            rows = self.rows.values()
            self._publishers = [r for r in rows if r.kind == "publisher" and r.organisation_id]
        return self._publishers

    def _publisher_of(self, url: str | None) -> int | None:
        """The organisation of the catalogue's publisher whose code hosting holds ``url``."""
        canonical = (_canonical(url) or "").lower()
        for row in self._publisher_rows():
            for hosting in row.details.get("code_hosting", []):
                prefix = (_canonical(str(hosting)) or str(hosting)).lower().rstrip("/") + "/"
                if canonical.startswith(prefix):
                    return row.organisation_id
        return None

    def _match(self, url: str | None, aliases: list[str]) -> m.Solution | None:
        service = CatalogueService(self.db)
        for candidate in (url, *aliases):
            if _canonical(candidate):
                found = service.find_by_repository(str(candidate))
                if found is not None:
                    return found
        return None

    def _may_write(self, row: HarvestedEntry, solution: m.Solution) -> bool:
        """Only the catalogue that created an entry updates it, and only until a local
        import (the operator's or a publisher's) wrote it since: local data wins."""
        owners = list(self.db.scalars(
            select(HarvestedEntry).where(HarvestedEntry.solution_id == solution.id,
                                         HarvestedEntry.owner.is_(True))
        ))  # fmt: skip
        if not owners or any(o.id != row.id for o in owners):
            return False
        since = int(row.details.get("log_id") or 0)
        local = self.db.scalar(
            select(ImportLogEntry.id)
            .join(ImportRun, ImportRun.id == ImportLogEntry.run_id)
            .where(ImportLogEntry.solution_id == solution.id, ImportLogEntry.id > since,
                   ImportLogEntry.action.in_(_STORED),
                   ~ImportRun.source.startswith(HARVEST_SOURCE_PREFIX))
            .limit(1)
        )  # fmt: skip
        return local is None

    def _last_log_id(self, run: ImportRun) -> int:
        found = self.db.scalar(
            select(ImportLogEntry.id).where(ImportLogEntry.run_id == run.id)
            .order_by(ImportLogEntry.id.desc()).limit(1)
        )  # fmt: skip
        return int(found or 0)

    def _add_aliases(self, solution: m.Solution, url: str | None, aliases: list[str]) -> None:
        """The catalogue's aliases of the repository find this entry, too (if still free)."""
        main = _canonical(solution.url) or _canonical(url)
        repository = next((r for r in solution.repositories if r.url == main), None)
        if repository is None:
            return
        for alias in {_canonical(a) for a in aliases} - {None, repository.url}:
            taken = self.db.scalar(
                select(m.RepositoryAlias.id).where(m.RepositoryAlias.url == alias)
            )
            taken = taken or self.db.scalar(
                select(m.Repository.id).where(m.Repository.url == alias)
            )
            if taken is None:
                repository.aliases.append(m.RepositoryAlias(url=alias, recorded_at=self.now))

    def _retire(self, row: HarvestedEntry, reason: str) -> None:
        """The entry is gone or inactive upstream: inactive here too, if this catalogue holds it."""
        row.active, row.removed_reason = False, reason
        if row.solution_id is None or not row.owner:
            return
        solution = self.db.get(m.Solution, row.solution_id)
        if solution is not None and self._may_write(row, solution):
            solution.active, solution.inactive_reason = False, reason

    # -- publishers --------------------------------------------------------------------
    def publishers(self, items: list[Any]) -> None:
        """One page of ``/publishers``."""
        for item in items:
            try:
                with self.db.begin_nested():
                    self._publisher(item)
            except RegistryError as exc:
                self._fail(f"publisher {self._id(item)}: {exc.message}")
            except SQLAlchemyError as exc:
                self._fail(
                    f"publisher {self._id(item)}: database refused it ({type(exc).__name__})"
                )

    def _publisher(self, item: object) -> None:
        if not isinstance(item, dict) or not _text(item.get("id"), 100):
            self._fail("publisher without id / Herausgeber ohne id")
            return
        remote_id = str(item["id"])[:100]
        hosting = [
            h["url"][:500] for h in item.get("codeHosting") or []
            if isinstance(h, dict) and isinstance(h.get("url"), str)
        ][:50]  # fmt: skip
        name = _text(item.get("description"), 300) or _text(item.get("alternativeId"), 300)
        identifier = _text(item.get("alternativeId"), 300)
        digest = _digest({"hosting": hosting, "name": name, "id": identifier,
                          "active": item.get("active", True)})  # fmt: skip
        row = self.rows.get(("publisher", remote_id))
        if row is not None and row.digest == digest:
            row.last_seen_at = self.now
            return
        if row is None:
            row = HarvestedEntry(catalog_id=self.catalog.id, kind="publisher", remote_id=remote_id,
                                 first_seen_at=self.now, details={})  # fmt: skip
            self.db.add(row)
            self.rows[("publisher", remote_id)] = row
        row.url = hosting[0] if hosting else None
        row.digest, row.last_seen_at = digest, self.now
        row.remote_updated_at = _text(item.get("updatedAt"), 40)
        row.active = item.get("active", True) is not False
        row.details = {"code_hosting": hosting, "name": name, "alternative_id": identifier}
        org = self._organisation(row, hosting, name, identifier)
        row.organisation_id = org.id if org else None
        self._publishers = None
        self.summary.publishers += 1
        self.db.flush()

    def _organisation(
        self, row: HarvestedEntry, hosting: list[str], name: str | None, identifier: str | None
    ) -> Organisation | None:
        if row.organisation_id is not None:
            return self.db.get(Organisation, row.organisation_id)
        wanted = {u.rstrip("/").lower() for u in hosting}
        for source in self.db.scalars(select(CodeSource)):
            if source.url.rstrip("/").lower() in wanted:
                return source.organisation
        others = self.db.scalars(
            select(HarvestedEntry).where(HarvestedEntry.kind == "publisher",
                                         HarvestedEntry.organisation_id.is_not(None))
        )  # fmt: skip
        for other in others:
            theirs = {str(u).rstrip("/").lower() for u in other.details.get("code_hosting", [])}
            if wanted & theirs:
                return self.db.get(Organisation, other.organisation_id)
        if not name:
            return None
        return OrganisationService(self.db).resolve(
            OrganisationRef(name=name, identifier=identifier)
        )

    # -- the end -----------------------------------------------------------------------
    def finish(self, *, error: str | None, requests: int, not_modified: int) -> HarvestSummary:
        """Retire what a complete listing no longer holds; record the outcome on the catalogue."""
        summary = self.summary
        summary.error, summary.requests, summary.not_modified = error, requests, not_modified
        if error is None:
            reason = (f"aus dem Katalog {self.catalog.name} entfernt / removed from catalogue "
                      f"{self.catalog.name}")  # fmt: skip
            for (kind, remote_id), row in self.rows.items():
                if (
                    kind == "software"
                    and remote_id not in self.seen
                    and not row.details.get("gone")
                ):
                    row.details = {**row.details, "gone": True}
                    self._retire(row, reason)
                    summary.removed += 1
        self.catalog.last_harvest_at = self.now
        self.catalog.progress = None
        self.catalog.last_status = "ok" if error is None else "failed"
        self.catalog.last_error = error
        self.catalog.last_summary = summary.as_json()
        self.db.flush()
        return summary
