"""publiccode.yml over HTTP: ``POST /api/v1/validate`` and the export of an entry.

The validation endpoint takes the YAML as the raw request body (any content type) and
answers 200 with the report, valid or not; a body over the validator's limit is refused
with 413 before it is read whole. It never reaches the network: reachability checks are
for the command line (``registry validate --network``).
"""

from dataclasses import dataclass
from typing import Any

from litestar import Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, RawBody

from registry.catalogue import CatalogueService
from registry.imports import export_publiccode
from registry.publiccode import DEFAULT_MAX_BYTES, to_json, validate

__all__ = [
    "ValidationResult",
    "publiccode_yml",
    "publiccode_yml_page",
    "router",
    "validate_publiccode",
]

YAML_MEDIA_TYPE = "application/yaml"


@dataclass
class ValidationResult:
    """The verdict on one publiccode.yml, issues as the reference parser's ``-json``."""

    valid: bool
    outcome: str
    version: str | None
    errors: int
    warnings: int
    results: list[dict[str, Any]]


@post(
    "/api/v1/validate",
    sync_to_thread=True,
    status_code=200,
    request_max_body_size=DEFAULT_MAX_BYTES,
    operation_id="ValidatePubliccode",
)
def validate_publiccode(body: RawBody) -> ValidationResult:
    """Validate the publiccode.yml in the request body (offline checks)."""
    report = validate(body)
    return ValidationResult(
        valid=report.valid, outcome=report.outcome, version=report.version,
        errors=len(report.errors), warnings=len(report.warnings), results=to_json(report),
    )  # fmt: skip


def _yaml(catalogue: CatalogueService, slug: str) -> Response[str]:
    text = export_publiccode(catalogue, slug)
    return Response(text, media_type=f"{YAML_MEDIA_TYPE}; charset=utf-8")


@get(
    "/api/v1/solutions/{slug:str}/publiccode.yml",
    sync_to_thread=True,
    media_type=YAML_MEDIA_TYPE,
    operation_id="GetSolutionPubliccode",
)
def publiccode_yml(
    catalogue: NamedDependency[CatalogueService], slug: FromPath[str]
) -> Response[str]:
    """The entry as a current-version publiccode.yml."""
    return _yaml(catalogue, slug)


@get("/solutions/{slug:str}/publiccode.yml", sync_to_thread=True, include_in_schema=False)
def publiccode_yml_page(
    catalogue: NamedDependency[CatalogueService], slug: FromPath[str]
) -> Response[str]:
    """The same file beside the entry's page, where harvesters look for it."""
    return _yaml(catalogue, slug)


def router() -> Router:
    """publiccode.yml: validation and each entry's file."""
    return Router(
        "/",
        tags=["publiccode"],
        route_handlers=[validate_publiccode, publiccode_yml, publiccode_yml_page],
    )
