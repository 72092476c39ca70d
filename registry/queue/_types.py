"""What is queued and how a job looks when polled (shared by both queue backends)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["JOB_KINDS", "JobQueue", "JobRequest", "JobView"]

#: ``repository``: re-import one repository URL; ``source``: crawl an organisation URL;
#: ``publiccode``: import a submitted publiccode.yml (``options["publiccode"]``);
#: ``preview``: read a repository and judge it, storing nothing (the publish page's preview);
#: ``catalog``: harvest the catalogue named by ``url`` (``registry catalogs harvest --queue``).
JOB_KINDS = ("repository", "source", "publiccode", "preview", "catalog")


@dataclass(frozen=True, slots=True)
class JobRequest:
    """A request for background work on one URL."""

    kind: str
    url: str
    requested_by: str = "system"
    reason: str = ""
    max_attempts: int = 3
    driver: str | None = None  # overrides the guess from the URL (``source`` jobs)
    #: Extra arguments, e.g. ``organisation`` (the publisher) of a member's publish request.
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Jobs with the same key never run at the same time."""
        return f"{self.kind}:{self.url}"[:600]

    def payload(self) -> dict[str, Any]:
        """The job's arguments."""
        payload: dict[str, Any] = {
            "kind": self.kind, "url": self.url, "requested_by": self.requested_by,
            "reason": self.reason, "driver": self.driver,
        }  # fmt: skip
        if self.options:
            payload["options"] = dict(self.options)
        return payload


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as a poller sees it."""

    id: str
    kind: str
    key: str
    status: str  # queued | running | done | failed
    attempts: int = 0
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


class JobQueue(Protocol):
    """Where background work is requested (web handlers, webhooks) and polled."""

    async def enqueue(self, request: JobRequest) -> str | None:
        """Queue a job; its id, or None when an equal job is already waiting or running."""

    async def get(self, job_id: str) -> JobView | None:
        """A job's state."""
