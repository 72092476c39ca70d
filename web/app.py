"""The Litestar composition root: ``create_app(settings)`` builds the whole web app."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from sqlalchemy import Engine
from sqlalchemy.exc import DisconnectionError, OperationalError

from registry.accounts import ApiThrottle, LoginThrottle, TooManyRequests, rate_limit_storage
from registry.catalogue import ReadCache
from registry.db import make_engine
from registry.errors import RegistryError
from registry.imports import in_process_worker
from registry.queue import ClaimedJob
from registry.search import attach_search_index
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from web.api.v1 import api_routers
from web.apidocs import apidocs_assets_router, openapi_config
from web.auth import COMPONENTS, provide_principal, trusted_networks
from web.deps import provide_catalogue, provide_search_query, provide_session
from web.errors import (
    database_error_handler,
    document_problems,
    http_error_handler,
    internal_error_handler,
    registry_error_handler,
)
from web.guards import request_guard
from web.pages import page_handlers
from web.pages._context import install_template_globals
from web.security import rate_limited_handler, security_headers
from web.sessions import csrf_config, provide_viewer, session_config

HERE = Path(__file__).resolve().parent


def create_app(
    settings: Settings | None = None,
    *,
    job_runner: Callable[[Engine, ClaimedJob], dict[str, Any]] | None = None,
) -> Litestar:
    """Build the app; the caller migrates the database first (``registry serve`` does).

    With ``job_runner`` (``registry serve`` passes it) and no ``REGISTRY_QUEUE_URL``, the
    app runs queued jobs in a thread of its own (``registry.imports.jobs.InProcessWorker``).
    """
    settings = settings or Settings.from_env(os.environ)
    engine = make_engine(settings)
    factory = make_sessionmaker(engine)
    attach_search_index(engine, settings)
    runner = partial(job_runner, engine) if job_runner else None
    worker = in_process_worker(settings, factory, runner) if runner else None
    app = Litestar(
        route_handlers=[
            *page_handlers(),
            *api_routers(),
            apidocs_assets_router(),
            create_static_files_router(path="/static", directories=[HERE / "static"]),
        ],
        dependencies={
            "db_session": Provide(provide_session),
            "catalogue": Provide(provide_catalogue, sync_to_thread=False),
            "principal": Provide(provide_principal, sync_to_thread=True),
            "viewer": Provide(provide_viewer, sync_to_thread=True),
            "search_query": Provide(provide_search_query, sync_to_thread=False),
        },
        template_config=TemplateConfig(
            directory=HERE / "templates",
            engine=JinjaTemplateEngine,
            engine_callback=install_template_globals,
        ),
        openapi_config=openapi_config("Registry of municipal software for reuse", COMPONENTS),
        exception_handlers={
            TooManyRequests: rate_limited_handler,
            RegistryError: registry_error_handler,
            HTTPException: http_error_handler,
            OperationalError: database_error_handler,
            DisconnectionError: database_error_handler,
            Exception: internal_error_handler,
        },
        compression_config=CompressionConfig(backend="gzip", minimum_size=1000),
        middleware=[session_config(settings).middleware],
        before_send=[security_headers(settings)],
        csrf_config=csrf_config(settings),
        on_startup=[worker.start] if worker else [],
        on_shutdown=[*([worker.stop] if worker else []), engine.dispose],
        debug=settings.debug,
    )
    # In front of the router: a bad Host header breaks even the not-found answer.
    app.asgi_handler = request_guard(app.asgi_handler)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = factory
    if worker is not None:
        app.state.job_worker = worker
        app.state.job_queue = worker.queue
    app.state.rate_limits = rate_limits = rate_limit_storage(settings.rate_limit_url)
    app.state.login_throttle = LoginThrottle(storage=rate_limits)
    app.state.trusted_proxies = trusted_networks(settings)
    app.state.api_throttle = ApiThrottle(storage=rate_limits)
    app.state.read_cache = ReadCache()  # rendered solution pages and API bodies
    document_problems(app.openapi_schema)  # errors are problem+json (web.errors)
    return app


def app_from_env() -> Litestar:
    """Factory for ``uvicorn --factory`` (used by ``registry serve``)."""
    return create_app(Settings.from_env(os.environ))
