"""The API's routers (``web.api.v1``) give the same operations as the flat handler list
they replaced: every path, method, operation id, tag, security scheme and CORS header is
in ``tests/data/api_operations.txt`` (taken from the app before the change)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registry.search import PARAMETERS
from registry.settings import Settings
from web.app import create_app

EXPECTED = Path(__file__).parents[1] / "data" / "api_operations.txt"


def operation_lines(document: dict[str, Any]) -> list[str]:
    """One sorted line per operation: method, path, id, tags, security, CORS."""
    lines = []
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            security = ",".join(sorted(k for s in op.get("security", []) for k in s)) or "-"
            ok = next((r for code, r in op["responses"].items() if code.startswith("2")), {})
            cors = "Access-Control-Allow-Origin" in ok.get("headers", {})
            lines.append(f"{method.upper()} {path} {op['operationId']} tags={','.join(op['tags'])}"
                         f" security={security} cors={'yes' if cors else 'no'}")  # fmt: skip
    return sorted(lines)


def test_operations_unchanged_by_the_routers(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    document = app.openapi_schema.to_schema()
    assert operation_lines(document) == EXPECTED.read_text().splitlines()
    # Handler names, not a wrapper's: a sync GET beside a write on a flat list was
    # registered twice and documented as "Asynccallable".
    summaries = [op.get("summary") for ops in document["paths"].values() for op in ops.values()
                 if isinstance(op, dict)]  # fmt: skip
    assert "Asynccallable" not in summaries
    assert len(summaries) == 53


def test_search_parameters_documented_from_the_query_model(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    listed = app.openapi_schema.to_schema()["paths"]["/api/v1/solutions"]["get"]["parameters"]
    assert [p["name"] for p in listed] == [p.name for p in PARAMETERS]
    many = {p["name"] for p in listed if "array" in str(p["schema"])}
    assert many == {p.name for p in PARAMETERS if p.many}
