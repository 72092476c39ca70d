"""Host webhooks, judged: signatures, replayed deliveries, the pushed repository's URL.

GitHub signs the raw body with HMAC-SHA256 (``X-Hub-Signature-256: sha256=<hex>``);
GitLab sends a shared token (``X-Gitlab-Token``). Both are compared in constant time.
A delivery id is accepted once, and so is the signed content: the same push (repository
and pushed commit) sent again under a new delivery id is a replay too, because the id is
a header outside the signature. An accepted push enqueues a re-import of the repository
through ``registry.queue`` (web never imports importers); the caller limits how many
pushes per repository it takes (``PUSHES_PER_HOUR``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from registry.crawl.models import WebhookDelivery
from registry.errors import Conflict, Forbidden, InvalidInput
from registry.queue import JobQueue, JobRequest

__all__ = ["PUSHES_PER_HOUR", "accept_push", "push_key", "push_url", "verify_github",
           "verify_gitlab"]  # fmt: skip

PROVIDERS = ("github", "gitlab")
#: Re-imports a host's pushes may start per repository and hour (more are answered 429).
PUSHES_PER_HOUR = 12


def verify_github(secret: str, body: bytes, signature: str | None) -> None:
    """Raise ``Forbidden`` unless ``signature`` is the HMAC-SHA256 of ``body`` with ``secret``."""
    if not secret:
        raise Forbidden("webhook: no GitHub secret is configured / kein Geheimnis konfiguriert")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(expected, signature.strip()):
        raise Forbidden(
            "X-Hub-Signature-256: signature does not match / Signatur ungültig",
            field="X-Hub-Signature-256",
        )


def verify_gitlab(token: str, given: str | None) -> None:
    """Raise ``Forbidden`` unless ``given`` equals the configured token."""
    if not token:
        raise Forbidden("webhook: no GitLab token is configured / kein Token konfiguriert")
    if not given or not hmac.compare_digest(token.encode(), given.encode()):
        raise Forbidden("X-Gitlab-Token: token does not match / Token ungültig",
                        field="X-Gitlab-Token")  # fmt: skip


def push_url(provider: str, body: bytes) -> str:
    """The web URL of the pushed repository, from a push event's JSON."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        raise InvalidInput("body: not JSON / kein JSON", field="body") from None
    holder = (data.get("repository") if provider == "github" else data.get("project")) if (
        isinstance(data, dict)
    ) else None  # fmt: skip
    keys = ("html_url",) if provider == "github" else ("web_url", "homepage")
    url = next((holder.get(k) for k in keys if isinstance(holder, dict) and holder.get(k)), None)
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        where = "repository.html_url" if provider == "github" else "project.web_url"
        raise InvalidInput(f"{where}: missing or not a URL / fehlt", field=where)
    return url


def push_key(provider: str, url: str, body: bytes) -> str:
    """What makes a push this push, whatever its delivery id: the repository and the
    commit it moved to (``after``, GitLab's ``checkout_sha``), or the whole signed body."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        data = None
    commit = next((data.get(k) for k in ("after", "checkout_sha")
                   if isinstance(data, dict) and isinstance(data.get(k), str)), None)  # fmt: skip
    ref = data.get("ref") if isinstance(data, dict) and isinstance(data.get("ref"), str) else ""
    what = f"{url}\n{ref}\n{commit}".encode() if commit else body
    return "push:" + hashlib.sha256(provider.encode() + b"\n" + what).hexdigest()


def _seen(factory: sessionmaker[Session], provider: str, *keys: str) -> bool:
    with factory() as session:
        return (
            session.query(WebhookDelivery.id)
            .filter(WebhookDelivery.provider == provider,
                    WebhookDelivery.delivery_id.in_([k[:200] for k in keys]))
            .first()
            is not None
        )  # fmt: skip


def _record(factory: sessionmaker[Session], provider: str, *keys: str) -> None:
    for key in keys:
        try:
            with factory() as session, session.begin():
                session.add(WebhookDelivery(provider=provider, delivery_id=key[:200]))
        except IntegrityError:  # a concurrent copy of the same delivery was recorded first
            continue


async def accept_push(
    factory: sessionmaker[Session], queue: JobQueue, *, provider: str, delivery_id: str | None,
    url: str, content: str,
) -> str | None:  # fmt: skip
    """Enqueue a re-import of ``url`` for a push seen for the first time.

    ``content`` is the push's ``push_key``. Returns the job id, or None when the
    repository is already queued. Raises ``InvalidInput`` without a delivery id and
    ``Conflict`` for a replayed delivery id or content. Each step is its own short
    transaction, so no database write lock is held while enqueueing.
    """
    if not delivery_id:
        raise InvalidInput("delivery id: missing / fehlt", field="delivery_id")
    if _seen(factory, provider, delivery_id, content):
        raise Conflict(f"delivery {delivery_id}: this push was already received / "
                       "dieser Push ist bereits eingegangen", field="delivery_id")  # fmt: skip
    job = await queue.enqueue(JobRequest("repository", url, requested_by=f"webhook:{provider}",
                                         reason=f"push {delivery_id}"))  # fmt: skip
    _record(factory, provider, delivery_id, content)
    return job
