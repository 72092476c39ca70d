"""Git-host webhooks: ``POST /api/v1/hooks/github`` and ``POST /api/v1/hooks/gitlab``.

A verified push event enqueues a re-import of the pushed repository (202 with the job
id). A bad signature or token is 403, a replayed delivery (same id, or the same push
under a new id) 409, more than ``PUSHES_PER_HOUR`` pushes of one repository 429, a
malformed body 422; events other than pushes are acknowledged and ignored.
"""

from dataclasses import dataclass
from typing import Any

from litestar import Request, Router, post
from litestar.datastructures import State
from litestar.params import RawBody

from registry.accounts import SlidingWindow
from registry.crawl import (
    PUSHES_PER_HOUR,
    accept_push,
    push_key,
    push_url,
    verify_github,
    verify_gitlab,
)
from registry.queue import JobQueue, make_queue
from web.auth import GITHUB_SIGNATURE, GITLAB_TOKEN

__all__ = ["HookAnswer", "github_hook", "gitlab_hook", "router"]

MAX_BODY = 5_000_000


@dataclass
class HookAnswer:
    """What happened to a delivery: ``queued``, ``already-queued`` or ``ignored``."""

    status: str
    job: str | None = None


def _queue(state: State) -> JobQueue:
    """One queue per app, made on first use from the app's settings."""
    if "job_queue" not in state:
        state.job_queue = make_queue(state.settings, state.sessionmaker)
    queue: JobQueue = state.job_queue
    return queue


def _pushes(state: State) -> SlidingWindow:
    """Pushes per repository, one window per app."""
    if "hook_pushes" not in state:
        state.hook_pushes = SlidingWindow(
            PUSHES_PER_HOUR, 3600.0, storage=state.rate_limits, name="hook-pushes"
        )
    window: SlidingWindow = state.hook_pushes
    return window


async def _accept(request: Request[Any, Any, Any], provider: str, delivery: str | None,
                  body: bytes) -> HookAnswer:  # fmt: skip
    state = request.app.state
    url = push_url(provider, body)
    pushes = _pushes(state)
    pushes.check(url.lower().rstrip("/"), f"pushes of {url}")
    job = await accept_push(state.sessionmaker, _queue(state), provider=provider,
                            delivery_id=delivery, url=url,
                            content=push_key(provider, url, body))  # fmt: skip
    pushes.hit(url.lower().rstrip("/"))
    return HookAnswer("queued" if job else "already-queued", job)


@post("/github", status_code=202, operation_id="ReceiveGitHubWebhook", security=GITHUB_SIGNATURE)
async def github_hook(request: Request[Any, Any, Any], body: RawBody) -> HookAnswer:
    """A GitHub delivery, signed with ``X-Hub-Signature-256``."""
    settings = request.app.state.settings
    verify_github(settings.webhook_github_secret, body, request.headers.get("x-hub-signature-256"))
    if request.headers.get("x-github-event") != "push":
        return HookAnswer("ignored")
    return await _accept(request, "github", request.headers.get("x-github-delivery"), body)


@post("/gitlab", status_code=202, operation_id="ReceiveGitLabWebhook", security=GITLAB_TOKEN)
async def gitlab_hook(request: Request[Any, Any, Any], body: RawBody) -> HookAnswer:
    """A GitLab delivery, authenticated with ``X-Gitlab-Token``."""
    verify_gitlab(request.app.state.settings.webhook_gitlab_token,
                  request.headers.get("x-gitlab-token"))  # fmt: skip
    if request.headers.get("x-gitlab-event") not in {"Push Hook", "Tag Push Hook"}:
        return HookAnswer("ignored")
    delivery = request.headers.get("x-gitlab-event-uuid") or request.headers.get("idempotency-key")
    return await _accept(request, "gitlab", delivery, body)


def router() -> Router:
    """The Git hosts' push webhooks (each host signs in its own way)."""
    return Router(
        "/api/v1/hooks",
        tags=["hooks"],
        request_max_body_size=MAX_BODY,
        route_handlers=[github_hook, gitlab_hook],
    )
