"""The search engine's index (Tantivy): a projection of the database, rebuilt at will.

The database stays the truth. ``_indexer`` keeps the SQL documents (``search_document``,
``search_facet``: our stems, compound parts and facet values) and logs every change in
``search_outbox`` in the same transaction. A ``SearchIndex`` follows that log: it stores
the last sequence number it applied beside its files (``registry-meta.json``, written
after Tantivy's commit, so a crash at any point re-applies, never loses, an entry) and
applies the rest before a search answers (``catch_up``). Several processes share one
index directory: Tantivy's writer lock lets one of them apply at a time, the others wait
for it and read. Each machine of a deployment keeps its own directory and follows the
same log, so any number of indexes follow one database.

Terms reach Tantivy already analysed (space-separated stems, split on whitespace only),
so the engine matches exactly what the SQL backends match; a changed schema or Tantivy
index format (``FORMAT``) rebuilds the index from the database on open.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from hashlib import sha256
from pathlib import Path
from typing import Any, Final
from weakref import WeakKeyDictionary

import sqlalchemy as sa
import tantivy
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from registry.search._query import MULTI
from registry.search.models import SearchDocument as D
from registry.search.models import SearchFacet as F
from registry.search.models import SearchOutbox as O
from registry.settings import Settings

__all__ = [
    "FACET_FIELDS",
    "FORMAT",
    "TEXT_FIELDS",
    "SearchIndex",
    "attach",
    "index_for",
    "index_path",
    "name_key",
]

#: Bump when the fields below change: an index of another format is rebuilt on open.
SCHEMA_VERSION: Final = 1
FORMAT: Final = f"registry-{SCHEMA_VERSION}/{getattr(tantivy, '__version__', '')}"
META: Final = "registry-meta.json"
#: SQL field weight -> Tantivy field (see ``_backends.FIELDS``).
TEXT_FIELDS: Final = {"A": "name", "B": "lead", "C": "body", "D": "org"}
#: Facets as ``search_facet`` holds them; each a raw, multi-valued fast field ``f_NAME``.
FACET_FIELDS: Final = (*MULTI, "osi", "alternative")
NO_DATE: Final = date(1, 1, 1).toordinal()
_CHUNK = 2000
_WS = "ws"
#: A sequence number not seen below the applied one may be a transaction still running
#: (PostgreSQL hands out numbers before commit); it is looked for again this long.
_GAP_SECONDS = 300.0
_MAX_GAPS = 10_000
_WAIT_SECONDS = 1.0


def name_key(sort_name: str) -> tuple[int, int]:
    """The first 16 bytes of a sort name as two integers: byte order, as both databases
    compare names (SQLite binary, PostgreSQL ``COLLATE "C"``)."""
    raw = sort_name.encode()[:16].ljust(16, b"\0")
    return int.from_bytes(raw[:8], "big"), int.from_bytes(raw[8:], "big")


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("sid", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS.values():
        b.add_text_field(name, tokenizer_name=_WS, index_option="basic")
    for facet in FACET_FIELDS:
        b.add_text_field(f"f_{facet}", fast=True, tokenizer_name="raw", index_option="basic")
    b.add_boolean_field("active", indexed=True, fast=True)
    b.add_unsigned_field("adopters", indexed=True, fast=True)
    b.add_float_field("score", fast=True)
    b.add_integer_field("activity", indexed=True, fast=True)
    b.add_unsigned_field("n0", fast=True)
    b.add_unsigned_field("n1", fast=True)
    b.add_text_field("sort_name", stored=True, tokenizer_name="raw", index_option="basic")
    return b.build()


def index_path(settings: Settings) -> Path:
    """Where the index of these settings lives (see ``Settings.search_index_dir``)."""
    if settings.search_index_dir:
        return Path(settings.search_index_dir)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database + "-search")
    who = url.render_as_string(hide_password=True)
    return Path(tempfile.gettempdir()) / f"registry-search-{sha256(who.encode()).hexdigest()[:16]}"


class SearchIndex:
    """One index directory following one database. Thread-safe; one per directory and
    process (``attach`` shares them)."""

    def __init__(self, path: Path, db: Engine) -> None:
        self.path = path
        self.db = db
        self._lock = threading.Lock()
        self._seen = -2  # the applied sequence number the open searcher shows
        self.schema = _schema()
        self.index = self._open()

    # -- files ------------------------------------------------------------------------
    def _open(self) -> tantivy.Index:
        """Open the directory, or start it afresh when missing or of another format."""
        self.path.mkdir(parents=True, exist_ok=True)
        meta = self._meta()
        if meta.get("format") != FORMAT or not tantivy.Index.exists(str(self.path)):
            for child in self.path.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
            self._write_meta({"format": FORMAT, "applied": -1, "gaps": {}})
        else:
            index = tantivy.Index.open(str(self.path))
        index.register_tokenizer(
            _WS, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        return index

    def _meta(self) -> dict[str, Any]:
        try:
            meta = json.loads((self.path / META).read_text())
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}

    def _write_meta(self, meta: dict[str, Any]) -> None:
        tmp = self.path / f"{META}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(meta))
        tmp.replace(self.path / META)

    @property
    def applied(self) -> int:
        """The last outbox sequence number this index holds (-1: never built)."""
        return int(self._meta().get("applied", -1))

    def size_bytes(self) -> int:
        """The index directory's size on disk."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    # -- reading ----------------------------------------------------------------------
    def searcher(self) -> tantivy.Searcher:
        """A searcher on everything applied so far (call ``catch_up`` first)."""
        applied = self.applied
        if applied != self._seen:
            self.index.reload()
            self._seen = applied
        return self.index.searcher()

    # -- following the log ------------------------------------------------------------
    def catch_up(self) -> None:
        """Apply what the log holds beyond this index, or wait (up to a second) for the
        process applying it: a committed change is visible to the next search."""
        meta = self._meta()
        applied, gaps = int(meta.get("applied", -1)), meta.get("gaps") or {}
        if applied >= 0:
            with self.db.connect() as connection:
                head = connection.scalar(sa.select(sa.func.max(O.seq))) or 0
                found_gap = bool(gaps) and connection.scalar(
                    sa.select(sa.func.count()).where(O.seq.in_([int(g) for g in gaps]))
                )
            if head <= applied and not found_gap:
                if gaps:
                    self._expire_gaps()
                return
        with self._lock:
            try:
                writer = self.index.writer(heap_size=50_000_000, num_threads=1)
            except ValueError:  # another process holds the writer: it is applying
                self._wait(applied)
                return
            try:
                self._apply(writer)
            finally:
                del writer

    def _wait(self, applied: int) -> None:
        deadline = time.monotonic() + _WAIT_SECONDS
        while time.monotonic() < deadline and self.applied <= applied:
            time.sleep(0.02)

    def _expire_gaps(self) -> None:
        with self._lock:
            meta = self._meta()
            now = time.time()
            gaps = {k: t for k, t in (meta.get("gaps") or {}).items() if now - t < _GAP_SECONDS}
            if gaps != meta.get("gaps"):
                self._write_meta({**meta, "gaps": gaps})

    def _apply(self, writer: tantivy.IndexWriter) -> None:
        meta = self._meta()  # again, under the writer lock: another process may have moved on
        applied = int(meta.get("applied", -1))
        now = time.time()
        gaps: dict[str, float] = {
            k: t for k, t in (meta.get("gaps") or {}).items() if now - t < _GAP_SECONDS
        }
        with self.db.connect() as connection:
            if applied < 0:
                head = connection.scalar(sa.select(sa.func.max(O.seq))) or 0
                self._rebuild(connection, writer)
                self._commit(writer, {**meta, "applied": head, "gaps": {}})
                return
            rows = list(
                connection.execute(
                    sa.select(O.seq, O.solution_id)
                    .where(sa.or_(O.seq > applied, O.seq.in_([int(g) for g in gaps])))
                    .order_by(O.seq)
                )
            )
            if not rows:
                self._write_meta({**meta, "gaps": gaps})
                return
            seen = {int(seq) for seq, _ in rows}
            top = max(applied, *seen)
            for seq in range(applied + 1, top):
                if seq not in seen and len(gaps) < _MAX_GAPS:
                    gaps[str(seq)] = now
            gaps = {k: t for k, t in gaps.items() if int(k) not in seen}
            if any(sid is None for _, sid in rows):
                self._rebuild(connection, writer)
            else:
                ids = sorted({int(sid) for _, sid in rows if sid is not None})
                for start in range(0, len(ids), _CHUNK):
                    chunk = ids[start : start + _CHUNK]
                    # by query: delete_documents_by_term takes a Python int as i64, which
                    # never matches the u64 field
                    writer.delete_documents_by_query(
                        tantivy.Query.term_set_query(self.schema, "sid", chunk)
                    )
                    for doc in self._documents(connection, chunk):
                        writer.add_document(doc)
        self._commit(writer, {**meta, "applied": top, "gaps": gaps})

    def _commit(self, writer: tantivy.IndexWriter, meta: dict[str, Any]) -> None:
        writer.commit()
        self._write_meta(meta)  # after the commit: a crash in between re-applies

    def _rebuild(
        self,
        connection: Connection,
        writer: tantivy.IndexWriter,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        writer.delete_all_documents()
        ids = list(connection.scalars(sa.select(D.solution_id).order_by(D.solution_id)))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for doc in self._documents(connection, chunk):
                writer.add_document(doc)
            if progress:
                progress(min(start + _CHUNK, len(ids)), len(ids))
        return len(ids)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Build the whole index again from the database (``registry search reindex``);
        returns the number of documents. Waits for a writer in another process."""
        with self._lock:
            writer = self._writer_waiting()
            try:
                with self.db.connect() as connection:
                    head = connection.scalar(sa.select(sa.func.max(O.seq))) or 0
                    n = self._rebuild(connection, writer, progress)
                self._commit(writer, {"format": FORMAT, "applied": head, "gaps": {}})
            finally:
                del writer
        return n

    def _writer_waiting(self) -> tantivy.IndexWriter:
        deadline = time.monotonic() + 30
        while True:
            try:
                return self.index.writer(heap_size=200_000_000, num_threads=2)
            except ValueError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _documents(self, connection: Connection, ids: list[int]) -> Iterator[tantivy.Document]:
        facets: dict[int, list[tuple[str, str]]] = {}
        for sid, facet, value in connection.execute(
            sa.select(F.solution_id, F.facet, F.value).where(F.solution_id.in_(ids))
        ):
            facets.setdefault(sid, []).append((facet, value))
        rows = connection.execute(
            sa.select(
                D.solution_id,
                D.name_terms,
                D.lead_terms,
                D.body_terms,
                D.org_terms,
                D.sort_name,
                D.active,
                D.verified_adopters,
                D.score,
                D.last_activity,
            ).where(D.solution_id.in_(ids))
        )
        known = set(FACET_FIELDS)
        for sid, name, lead, body, org, sort_name, active, adopters, score, activity in rows:
            doc = tantivy.Document()
            doc.add_unsigned("sid", sid)
            for field, text in (("name", name), ("lead", lead), ("body", body), ("org", org)):
                if text:
                    doc.add_text(field, text)
            doc.add_boolean("active", bool(active))
            doc.add_unsigned("adopters", int(adopters))
            doc.add_float("score", -1.0 if score is None else float(score))
            doc.add_integer("activity", activity.toordinal() if activity else NO_DATE)
            n0, n1 = name_key(sort_name)
            doc.add_unsigned("n0", n0)
            doc.add_unsigned("n1", n1)
            doc.add_text("sort_name", sort_name)
            for facet, value in facets.get(sid, ()):
                if facet in known:
                    doc.add_text(f"f_{facet}", value)
            yield doc


_ATTACHED: WeakKeyDictionary[Engine, SearchIndex] = WeakKeyDictionary()
_BY_PATH: dict[Path, SearchIndex] = {}
_GUARD = threading.Lock()


def attach(db: Engine, settings: Settings) -> SearchIndex | None:
    """Make sessions on ``db`` search through the engine (unless settings say ``sql``)."""
    if settings.search_engine != "tantivy":
        return None
    path = index_path(settings).resolve()
    with _GUARD:
        index = _BY_PATH.get(path)
        if index is None or index.db.url != db.url:
            index = _BY_PATH[path] = SearchIndex(path, db)
        index.db = db  # the newest engine on that database (an older one may be disposed)
        _ATTACHED[db] = index
    return index


def index_for(bind: Any) -> SearchIndex | None:
    """The index attached to a session's bind (an ``Engine``; a bare connection, as in an
    outer test transaction, searches the SQL index, which sees uncommitted changes)."""
    if not isinstance(bind, Engine):
        return None
    return _ATTACHED.get(bind)
