"""Publish requests, publiccode.yml jobs, the in-process worker and the preview."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit import AuditEvent
from registry.catalogue.models import Solution
from registry.db import make_engine
from registry.errors import ImportFailed, InvalidInput
from registry.imports import (
    InProcessWorker,
    Submission,
    guess_kind,
    import_status,
    in_process_worker,
    preview_publiccode,
    publish_request,
    run_publiccode,
)
from registry.organisations import Organisation
from registry.queue import ClaimedJob, DatabaseQueue, JobRequest, JobView
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.db import migrate_to_head

NOW = datetime(2026, 11, 1, tzinfo=UTC)
TEXT = "publiccodeYmlVersion: '0.4'\nname: Ratsinfo\nurl: https://git.example.org/a/ratsinfo\n"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/stadt-a", "organisation"),
        ("https://github.com/stadt-a/", "organisation"),
        ("https://github.com/stadt-a/app", "repository"),
        ("https://gitlab.opencode.de/stadt/fach/app", "repository"),
        ("http://127.0.0.1:9418/sample.git", "repository"),
    ],
)
def test_the_kind_is_guessed_from_the_url(url: str, kind: str) -> None:
    assert guess_kind(url) == kind


def test_a_request_carries_the_publisher_and_one_attempt() -> None:
    repo = publish_request(
        Submission(url=" https://github.com/stadt-a/app "), "stadt-a", requested_by="a@x.org"
    )
    assert (repo.kind, repo.url, repo.max_attempts) == (
        "repository",
        "https://github.com/stadt-a/app",
        1,
    )
    assert repo.key == "repository:https://github.com/stadt-a/app"
    assert repo.payload()["options"] == {"organisation": "stadt-a", "requested_by": "a@x.org"}
    org = publish_request(Submission(url="https://github.com/stadt-a"), "stadt-a", requested_by="a")
    assert org.kind == "source"
    upload = publish_request(Submission(publiccode=TEXT), "stadt-a", requested_by="a")
    assert upload.kind == "publiccode" and upload.url.startswith("upload:sha256:")
    assert upload.options["publiccode"] == TEXT
    assert JobRequest("repository", "u").payload().get("options") is None  # unchanged shape


@pytest.mark.parametrize(
    ("submission", "field"),
    [
        (Submission(), "url"),
        (Submission(url="file:///etc/passwd"), "url"),
        (Submission(url="https://"), "url"),
        (Submission(url="https://a.org/b", publiccode=TEXT), "url"),
        (Submission(url="https://a.org/b", kind="fork"), "kind"),
        (Submission(publiccode="x" * (4 * 1024 * 1024 + 1)), "publiccode"),
    ],
)
def test_bad_submissions_name_their_field(submission: Submission, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        publish_request(submission, "stadt-a", requested_by="a")
    assert caught.value.field == field


def test_a_job_view_becomes_the_members_status() -> None:
    view = JobView(
        id="7", kind="repository", key="repository:https://x.org/a/b", status="done",
        result={"action": "created", "solution": "b", "warnings": ["w"]},
        options={"organisation": "stadt-a"},
    )  # fmt: skip
    status = import_status(view)
    assert (status.kind, status.source, status.organisation) == (
        "repository", "https://x.org/a/b", "stadt-a",
    )  # fmt: skip
    assert status.finished and status.action == "created" and status.warnings == ("w",)
    failed = import_status(JobView(id="8", kind="publiccode", key="publiccode:upload:sha256:ab",
                                   status="failed", error="unreadable"))  # fmt: skip
    assert failed.source == "publiccode.yml" and failed.reasons == ("unreadable",)


def _town(session: Session) -> Organisation:
    org = Organisation(slug="stadt-a", name="Stadt A", kind="municipality")
    session.add(org)
    session.flush()
    return org


def test_a_publiccode_job_makes_the_organisation_publisher(db_session: Session) -> None:
    org = _town(db_session)
    result = run_publiccode(db_session, {"organisation": "stadt-a", "publiccode": TEXT}, now=NOW)
    assert result["action"] == "created" and result["valid"] is False
    solution = db_session.scalars(select(Solution).where(Solution.slug == result["solution"])).one()
    assert solution.publisher_id == org.id
    changes = db_session.scalars(
        select(AuditEvent.after).where(
            AuditEvent.entity_type == "solution", AuditEvent.entity_id == solution.id
        )
    ).all()
    assert {"publisher_id": org.id} in changes
    again = run_publiccode(db_session, {"organisation": "stadt-a", "publiccode": TEXT}, now=NOW)
    # (the import itself drops a publisher its file does not name; publishing sets it again)
    assert again["solution"] == result["solution"]
    db_session.refresh(solution)
    assert solution.publisher_id == org.id


def test_an_unreadable_publiccode_fails_with_its_reason(db_session: Session) -> None:
    _town(db_session)
    with pytest.raises(ImportFailed, match="unreadable"):
        run_publiccode(db_session, {"organisation": "stadt-a", "publiccode": "- a\n- b\n"}, now=NOW)
    with pytest.raises(InvalidInput) as caught:
        run_publiccode(db_session, {"organisation": "gone", "publiccode": TEXT}, now=NOW)
    assert caught.value.field == "organisation"


def test_the_in_process_worker_runs_and_fails_jobs(fresh_settings: Settings) -> None:
    migrate_to_head(fresh_settings)
    engine = make_engine(fresh_settings)
    queue = DatabaseQueue(make_sessionmaker(engine))
    ran: list[str] = []

    def run(job: ClaimedJob) -> dict[str, Any]:
        ran.append(job.payload["url"])
        if "broken" in job.payload["url"]:
            raise ImportFailed("nicht lesbar / unreadable: no repository")
        return {"action": "created", "solution": "ok"}

    good = queue.enqueue_now(JobRequest("repository", "https://x.org/a/ok", max_attempts=1))
    bad = queue.enqueue_now(JobRequest("repository", "https://x.org/a/broken", max_attempts=1))
    assert good and bad and queue.runnable()
    worker = InProcessWorker(queue, run, poll_seconds=0.05)
    assert worker.run_pending() == 2
    assert not queue.runnable() and worker.run_pending() == 0
    done, failed = asyncio.run(queue.get(good)), asyncio.run(queue.get(bad))
    assert done is not None and done.status == "done" and done.result["solution"] == "ok"
    assert failed is not None and failed.status == "failed"
    assert failed.error == "nicht lesbar / unreadable: no repository"
    # in its thread: a job queued later runs without anyone calling run_pending
    worker.start()
    try:
        late = queue.enqueue_now(JobRequest("repository", "https://x.org/a/late"))
        assert late is not None
        worker.wake()
        deadline = time.monotonic() + 20
        while (view := asyncio.run(queue.get(late))) and view.status != "done":
            assert time.monotonic() < deadline, view
            time.sleep(0.05)
    finally:
        worker.stop()
    assert ran == ["https://x.org/a/ok", "https://x.org/a/broken", "https://x.org/a/late"]
    with_redis = Settings(database_url=fresh_settings.database_url, queue_url="redis://h:1/0")
    assert in_process_worker(with_redis, queue.factory, run) is None
    engine.dispose()


def test_the_preview_validates_and_scores_without_storing() -> None:
    preview = preview_publiccode(TEXT.encode(), now=NOW)
    assert not preview.report.valid
    assert any(issue.key == "developmentStatus" for issue in preview.report.errors)
    assert preview.score is not None and 0 <= preview.score.score <= 100
    # checks that need a repository stay unknown instead of failing
    assert preview.score.check("A1") is not None
    assert preview.score.check("A1").status == "unknown"  # type: ignore[union-attr]
    unreadable = preview_publiccode(b"\xff\xfe not utf-8", now=NOW)
    assert unreadable.score is None and not unreadable.report.valid
