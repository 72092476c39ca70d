"""Outgoing webhooks: debounced from the audit trail, signed, retried, logged."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.orm import Session

from importers.webhooks import deliver_due
from registry.accounts import AccountService
from registry.catalogue import CatalogueService, SolutionDraft
from registry.db import utcnow
from registry.errors import InvalidInput
from registry.settings import Settings
from registry.webhooks import DEBOUNCE, MAX_ATTEMPTS, WebhookService, backoff


class Receiver:
    """A subscriber endpoint on loopback that answers with ``status``."""

    def __init__(self) -> None:
        self.status = 200
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    thread = threading.Thread(target=r.server.serve_forever, daemon=True)
    thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()
    thread.join()


@pytest.fixture
def account_id(db_session: Session) -> int:
    return AccountService(db_session).create("hooks@example.org", role="funder").id


def test_subscriptions_check_their_fields(db_session: Session, account_id: int) -> None:
    service = WebhookService(db_session)
    with pytest.raises(InvalidInput) as url:
        service.subscribe(account_id, "ftp://x.example", ["solution"])
    assert url.value.field == "url"
    with pytest.raises(InvalidInput) as events:
        service.subscribe(account_id, "https://x.example", ["everything"])
    assert events.value.field == "events"


def test_changes_are_debounced_into_one_notification(db_session: Session, account_id: int) -> None:
    service = WebhookService(db_session)
    sub = service.subscribe(
        account_id, "https://subscriber.example/hook", ["solution"]
    ).subscription
    catalogue = CatalogueService(db_session)
    slug = catalogue.upsert_draft(
        SolutionDraft(name="Baumkataster", url="https://git.example.org/a/b")
    ).solution.slug
    catalogue.edit(slug, {"governance": "community"})
    now = utcnow()
    assert service.dispatch(now) >= 2
    rows = service.deliveries(sub)
    assert len(rows) == 1
    assert rows[0].action == "create" and rows[0].payload["event"] == "solution.create"
    assert rows[0].payload["entity"]["slug"] == slug
    assert service.due(now) == []  # debounced
    assert len(service.due(now + DEBOUNCE)) == 1
    catalogue.delete(slug)
    service.dispatch(now + timedelta(seconds=5))
    rows = service.deliveries(sub)
    assert len(rows) == 1 and rows[0].action == "delete"
    assert service.dispatch(now) == 0  # the cursor moved on


def test_retries_back_off_then_give_up(db_session: Session, account_id: int) -> None:
    assert backoff(1) == timedelta(minutes=1) and backoff(3) == timedelta(minutes=4)
    assert backoff(30) == timedelta(hours=6)
    service = WebhookService(db_session)
    service.subscribe(account_id, "https://subscriber.example/hook", ["solution"])
    CatalogueService(db_session).upsert_draft(
        SolutionDraft(name="X", url="https://git.example.org/x/y")
    )
    now = utcnow()
    service.dispatch(now)
    row, _sub = service.due(now + DEBOUNCE)[0]
    for attempt in range(1, MAX_ATTEMPTS):
        service.record(row, now, status=500, error="HTTP 500")
        assert row.status == "pending" and row.attempts == attempt
        assert row.next_attempt_at == now + backoff(attempt)
    service.record(row, now, status=503, error="HTTP 503")
    assert row.status == "failed"


def test_delivery_is_signed_and_logged(
    db_session: Session, account_id: int, receiver: Receiver, migrated_settings: Settings
) -> None:
    settings = replace(migrated_settings, allow_private_addresses=True)
    service = WebhookService(db_session)
    made = service.subscribe(account_id, receiver.url, ["solution", "organisation"])
    CatalogueService(db_session).upsert_draft(
        SolutionDraft(name="Ratsinfo", url="https://git.example.org/r/i")
    )
    now = utcnow()
    first = deliver_due(db_session, settings, now)
    assert first.dispatched == 1 and first.delivered == 0  # debounced
    run = deliver_due(db_session, settings, now + DEBOUNCE)
    assert run.delivered == 1 and run.failed == 0
    headers, body = receiver.received[0]
    expected = "sha256=" + hmac.new(made.secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-registry-signature-256"], expected)
    payload = json.loads(body)
    assert payload["event"] == "solution.create" and payload["entity"]["slug"] == "ratsinfo"
    assert headers["x-registry-delivery"] == str(payload["delivery"])
    log = service.deliveries(made.subscription)
    assert log[0].status == "delivered" and log[0].last_status == 200


def test_a_failing_subscriber_is_retried_and_private_targets_are_refused(
    db_session: Session, account_id: int, receiver: Receiver, migrated_settings: Settings
) -> None:
    service = WebhookService(db_session)
    made = service.subscribe(account_id, receiver.url, ["solution"])
    CatalogueService(db_session).upsert_draft(
        SolutionDraft(name="Kita", url="https://git.example.org/k/i")
    )
    now = utcnow()
    deliver_due(db_session, migrated_settings, now)
    refused = deliver_due(db_session, migrated_settings, now + DEBOUNCE)  # loopback not allowed
    assert refused.retried == 1 and receiver.received == []
    row = service.deliveries(made.subscription)[0]
    assert row.last_error is not None and row.last_error.startswith("refused")
    receiver.status = 500
    settings = replace(migrated_settings, allow_private_addresses=True)
    again = deliver_due(db_session, settings, row.next_attempt_at)
    assert again.retried == 1 and len(receiver.received) == 1
    assert row.attempts == 2 and row.last_status == 500
