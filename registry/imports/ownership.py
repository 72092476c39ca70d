"""Whose entry an import may write: the one rule for every import path.

A member's import (the API, the publish page, the CLI's ``imports submit``, a crawl of
the organisation's code source) runs *for* an organisation. It may write

- a new entry,
- an entry its organisation publishes,
- an entry without publisher that the organisation can prove: a repository under one of
  its code sources (when the organisation is verified) or on one of its verified domains,
- any entry, when a registry admin submitted it (the publisher stays as it was).

Anything else would let organisation X overwrite organisation Y's entry and move it to X,
so it is refused before anything is written and the refusal is logged on the import run.
Moving an entry between organisations is ``registry.catalogue.transfer``, never an import.
Imports without a writer (the operator's command line, the scheduled crawl) are trusted.

    with acting_for(session, Writer(org.id, admin=False)):
        import_publiccode(session, data, source=...)   # write_entry asks refusal()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from registry.catalogue import CatalogueService
from registry.catalogue.models import Solution
from registry.entries import normalise_repository_url
from registry.errors import Conflict, InvalidInput, NotFound
from registry.imports.services import ImportRecorder
from registry.organisations import CodeSource, Organisation

__all__ = ["EntryTaken", "Writer", "acting_for", "check_submission", "refusal"]

_KEY = "import_writer"


class EntryTaken(Conflict):
    """The import would write an entry another organisation publishes (409).

    ``key`` and ``values`` name the message for pages that speak one language.
    """

    def __init__(self, message: str, *, key: str, values: dict[str, str]) -> None:
        super().__init__(message, field="url")
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Writer:
    """Who an import writes for: the publishing organisation, and whether an admin asked."""

    organisation_id: int
    admin: bool = False


@contextmanager
def acting_for(session: Session, writer: Writer | None) -> Iterator[None]:
    """Every entry written on ``session`` inside the block is checked against ``writer``."""
    previous = session.info.get(_KEY)
    session.info[_KEY] = writer
    try:
        yield
    finally:
        session.info[_KEY] = previous


def current_writer(session: Session) -> Writer | None:
    """The writer set by ``acting_for`` (None: a trusted import)."""
    writer = session.info.get(_KEY)
    return writer if isinstance(writer, Writer) else None


def _urls(entry: Solution) -> list[str]:
    urls = [entry.url] if entry.url else []
    return urls + [r.url for r in entry.repositories]


def _under(url: str, prefix: str) -> bool:
    try:
        url, prefix = normalise_repository_url(url), prefix.rstrip("/").lower()
    except InvalidInput:
        return False
    return url.lower().startswith(prefix + "/")


def _on_domain(url: str, domains: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains if d)


def proves(session: Session, organisation: Organisation, entry: Solution) -> bool:
    """Whether ``organisation`` shows the entry's repository is its own."""
    urls = _urls(entry)
    if any(_on_domain(url, organisation.verified_domains or []) for url in urls):
        return True
    if not organisation.verified:
        return False
    sources = session.scalars(
        select(CodeSource.url).where(CodeSource.organisation_id == organisation.id)
    ).all()
    return any(_under(url, source) for url in urls for source in sources)


def _message(entry: Solution, publisher: Organisation | None) -> str:
    if publisher is None:
        return (
            f"Der Eintrag „{entry.slug}“ hat keinen Herausgeber. Übernehmen kann ihn eine "
            "Organisation, deren bestätigte Code-Quelle oder Domain das Repository enthält, "
            "oder ein Registry-Admin. / "
            f"The entry '{entry.slug}' has no publisher. An organisation whose verified code "
            "source or domain holds the repository can take it over, or a registry admin."
        )
    return (
        f"Der Eintrag „{entry.slug}“ wird von „{publisher.name}“ veröffentlicht; nur deren "
        "Mitglieder dürfen ihn importieren. Eine Übertragung beantragen Sie bei den "
        "Administratoren beider Organisationen oder der Registry. / "
        f"The entry '{entry.slug}' is published by '{publisher.name}'; only its members may "
        "import it. To move it to your organisation, ask both organisations' admins or a "
        "registry admin for a transfer."
    )


def refusal(session: Session, entry: Solution | None) -> str | None:
    """Why the current writer may not write ``entry`` (None: it may)."""
    writer = current_writer(session)
    if writer is None or writer.admin or entry is None:
        return None
    if entry.publisher_id == writer.organisation_id:
        return None
    organisation = session.get_one(Organisation, writer.organisation_id)
    if entry.publisher_id is None and proves(session, organisation, entry):
        return None
    publisher = session.get(Organisation, entry.publisher_id) if entry.publisher_id else None
    return _message(entry, publisher)


def check_submission(
    session: Session, url: str | None, writer: Writer, *, log: sessionmaker[Session]
) -> None:
    """Refuse a repository URL at once when it is another organisation's entry (409).

    The refusal is recorded as an import run of its own (in its own unit of work from
    ``log``, since the request's is rolled back with the error), so the log shows who tried.
    """
    if not url:
        return
    try:
        entry = CatalogueService(session).find_by_repository(url)
    except (InvalidInput, NotFound):
        return  # not a repository URL the catalogue reads: the import reports it
    with acting_for(session, writer):
        reason = refusal(session, entry)
    if reason is None:
        return
    assert entry is not None
    publisher = session.get(Organisation, entry.publisher_id) if entry.publisher_id else None
    key = "publish.taken" if publisher else "publish.unowned"
    values = {"slug": entry.slug, "publisher": publisher.name if publisher else ""}
    with log.begin() as record:
        record.info["actor"] = session.info.get("actor", "web")
        recorder = ImportRecorder(record, kind="publish", source=url)
        recorder.log("refused", url=url, solution_id=entry.id, message=reason)
        recorder.finish(error=reason)
    raise EntryTaken(reason, key=key, values=values)
