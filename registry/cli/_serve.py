"""The web app that runs queued jobs in its own process.

``app_from_env`` is the factory ``registry serve`` hands to uvicorn: on the embedded
default (no ``REGISTRY_QUEUE_URL``) the app drains the database queue in a thread, so
nothing else needs to be started. Jobs run through ``registry.cli._worker.execute``,
which hands members' publish jobs to ``registry.cli._publish``.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Litestar
    from sqlalchemy import Engine

    from registry.queue import ClaimedJob
    from registry.settings import Settings

__all__ = ["app_from_env", "create_serving_app", "run_claimed"]


def run_claimed(settings: Settings, engine: Engine, job: ClaimedJob) -> dict[str, Any]:
    """Run a job claimed from the database queue (``registry.imports.jobs.InProcessWorker``)."""
    from registry.cli._worker import execute

    payload = job.payload
    options = dict(payload.get("options") or {})
    return execute(settings, engine, job.kind, str(payload.get("url", "")), payload.get("driver"),
                   options=options)  # fmt: skip


def create_serving_app(settings: Settings) -> Litestar:
    """The web app with the in-process worker (used only without ``REGISTRY_QUEUE_URL``).

    Clones left behind by a killed predecessor are removed first.
    """
    from importers.git.clone import sweep_stale_clones
    from web.app import create_app

    sweep_stale_clones(settings.git_cache_dir)
    return create_app(settings, job_runner=partial(run_claimed, settings))


def app_from_env() -> Litestar:
    """Factory for ``uvicorn --factory`` (``registry serve``)."""
    from registry.settings import Settings

    return create_serving_app(Settings.from_env(os.environ))
