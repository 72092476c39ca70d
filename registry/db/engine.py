"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from registry.settings import Settings


def _sqlite_connect(dbapi_connection: Any, _record: Any, *, foreign_keys: bool) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and transactional DDL; let
    # SQLAlchemy emit BEGIN itself (the documented recipe). Foreign keys are off by
    # default in SQLite; WAL lets readers work beside one writer; busy_timeout makes
    # concurrent writers wait instead of failing at once.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A deferred transaction that reads and then writes fails at once ("database is
    # locked", busy_timeout does not help) when another connection wrote in between;
    # units of work that will write therefore start with BEGIN IMMEDIATE (see
    # ``begin_writing``), which waits for the writer lock instead. Readers stay deferred
    # and, in WAL mode, never wait for a writer.
    mode = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode else "BEGIN")


WRITE_OPTION = "registry_writes"


def writer(engine: Engine) -> Engine:
    """The engine for units of work that will write: their transactions begin IMMEDIATE
    on SQLite when they first touch the database (lazily, unlike ``begin_writing``)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def begin_writing(session: Session) -> Session:
    """Mark the session's transaction as one that writes (SQLite: BEGIN IMMEDIATE).

    Call before the first statement; a no-op on PostgreSQL, whose row locks need nothing.
    """
    session.connection(execution_options={WRITE_OPTION: True})
    return session


def make_engine(settings: Settings, *, for_migrations: bool = False) -> Engine:
    """Create the application engine.

    The migration engine leaves SQLite's foreign keys off, because batch migrations
    (copy-and-move tables) break under enforced foreign keys.
    """
    url = settings.database_url
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs: dict[str, Any] = {"future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        foreign_keys = not for_migrations
        event.listen(
            engine, "connect", lambda c, r: _sqlite_connect(c, r, foreign_keys=foreign_keys)
        )
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that record an audit event for every change of an audited entity, keep
    the search index current and raise the read generation (cached pages go stale)."""
    # Imported here: the audit models stand on registry.db, so a top-level import would
    # be circular whenever a model module is imported first.
    from registry.audit.listener import install_audit_listener  # noqa: PLC0415
    from registry.catalogue.readcache import install_generation_listener  # noqa: PLC0415
    from registry.search import install_search_listener  # noqa: PLC0415

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    install_audit_listener(factory)
    install_search_listener(factory)
    install_generation_listener(factory)
    return factory
