"""The Litestar composition root: ``create_app(settings)`` builds the whole web app."""

from __future__ import annotations

import os
from pathlib import Path

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.openapi.config import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from registry.db import make_engine, make_sessionmaker
from registry.errors import RegistryError
from registry.settings import Settings
from web.api.health import health
from web.deps import provide_catalogue, provide_session
from web.errors import http_error_handler, internal_error_handler, registry_error_handler
from web.pages.home import home, switch_language

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app; the caller migrates the database first (``registry serve`` does)."""
    settings = settings or Settings.from_env(os.environ)
    engine = make_engine(settings)
    app = Litestar(
        route_handlers=[
            home,
            switch_language,
            health,
            create_static_files_router(path="/static", directories=[HERE / "static"]),
        ],
        dependencies={
            "db_session": Provide(provide_session),
            "catalogue": Provide(provide_catalogue, sync_to_thread=False),
        },
        template_config=TemplateConfig(directory=HERE / "templates", engine=JinjaTemplateEngine),
        openapi_config=OpenAPIConfig(
            title="Registry of municipal software for reuse", version="1.0.0", path="/schema"
        ),
        exception_handlers={
            RegistryError: registry_error_handler,
            HTTPException: http_error_handler,
            Exception: internal_error_handler,
        },
        compression_config=CompressionConfig(backend="gzip", minimum_size=1000),
        on_shutdown=[engine.dispose],
        debug=settings.debug,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    return app


def app_from_env() -> Litestar:
    """Factory for ``uvicorn --factory`` (used by ``registry serve``)."""
    return create_app(Settings.from_env(os.environ))
