"""The interactive API documentation at ``/schema``, served entirely by the registry.

Litestar's viewers load their scripts from CDNs and fonts from Google Fonts; a German public
body must not send its visitors' addresses to third parties (GDPR), and the page was blank
without internet. Swagger UI's files (5.x, which reads OpenAPI 3.1) come from the
``swagger-ui-py`` package and are served under ``/static/apidocs``; the page starts it from
a static script (no inline code), reading the spec from ``/schema/openapi.json``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from litestar import Request, Router
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin, YamlRenderPlugin
from litestar.openapi.spec import Components
from litestar.static_files import create_static_files_router
from swagger_ui import __file__ as _swagger_ui_init

__all__ = ["ASSETS", "apidocs_assets_router", "openapi_config"]

#: Where the viewer's files are served from (the registry's own origin, never a CDN).
ASSETS = "/static/apidocs"
_VENDOR = Path(_swagger_ui_init).resolve().parent / "static"
_OWN = Path(__file__).resolve().parent / "static" / "apidocs"


class SelfHostedSwagger(SwaggerRenderPlugin):
    """Swagger UI from the registry's own static files, started without inline script."""

    def __init__(self) -> None:
        super().__init__(
            js_url=f"{ASSETS}/swagger-ui-bundle.js",
            css_url=f"{ASSETS}/swagger-ui.css",
            standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
            path=["/", "/swagger"],
            favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """A page whose only code is the vendored bundle and our start script."""
        title = escape(str(openapi_schema["info"]["title"]))
        spec = escape(self.get_openapi_json_route(request))
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{self.favicon}
<link href="{self.css_url}" rel="stylesheet"></head>
<body><main><div id="swagger-container" data-spec="{spec}"></div></main>
<script src="{self.js_url}"></script>
<script src="{self.standalone_preset_js_url}"></script>
<script src="{ASSETS}/start.js"></script>
</body></html>""".encode()


def openapi_config(title: str, components: Components) -> OpenAPIConfig:
    """``/schema`` (Swagger UI), ``/schema/openapi.json`` and ``/schema/openapi.yaml``."""
    return OpenAPIConfig(
        title=title,
        version="1.0.0",
        path="/schema",
        components=components,
        render_plugins=[SelfHostedSwagger(), JsonRenderPlugin(), YamlRenderPlugin()],
    )


def apidocs_assets_router() -> Router:
    """The vendored Swagger UI files and the start script, from the installed packages."""
    return create_static_files_router(path=ASSETS, directories=[_OWN, _VENDOR])
