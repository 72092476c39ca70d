"""``registry validate``, ``registry import publiccode`` and ``registry export`` end to end."""

from __future__ import annotations

import http.server
import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from registry.cli import app
from registry.publiccode import validate
from registry.settings import Settings
from tests.unit.publiccode._paths import CONFORMANCE, CORPUS

runner = CliRunner()
EXPECTED = json.loads((CONFORMANCE / "expected.json").read_text(encoding="utf-8"))["files"]
VALID = CORPUS / "ARPA-VdA__opas.yml"  # valid with warnings (version 0.2, deprecated keys)


def _positioned_rejects() -> list[dict[str, Any]]:
    """v0 rejects whose first expected error has a position and needs no network."""
    return [
        case
        for case in EXPECTED
        if case["path"].startswith("v0/invalid/")
        and case.get("outcome_without_network") == "reject"
        and case["results"]
        and case["results"][0]["line"] > 0
        and not case["results"][0].get("network_only")
    ][:12]


REJECTS = _positioned_rejects()


def test_help_of_the_new_commands() -> None:
    for args in (["validate"], ["import"], ["import", "publiccode"], ["export"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output


def test_a_valid_file_exits_0_and_prints_its_warnings() -> None:
    result = runner.invoke(app, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{VALID}:5:1: warning: publiccodeYmlVersion: v0.2 is not the latest version, "
        "use '0'. Parsing this file as v0.7."
    )
    assert all(": warning: " in line for line in lines)
    assert "1 valid / gültig, 0 invalid" in result.stderr


@pytest.mark.parametrize("case", REJECTS, ids=[c["path"] for c in REJECTS])
def test_a_reject_exits_1_with_the_reference_position(case: dict[str, Any]) -> None:
    path = CONFORMANCE / case["path"]
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    first = case["results"][0]
    key = f"{first['key']}: " if first["key"] else ""
    expected = f"{path}:{first['line']}:{first['column']}: error: {key}{first['description']}"
    assert expected in result.stdout.splitlines()


def test_json_form_is_a_list_per_file() -> None:
    case = REJECTS[0]
    invalid = CONFORMANCE / case["path"]
    result = runner.invoke(app, ["validate", "--format", "json", str(VALID), str(invalid)])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert list(body) == [str(VALID), str(invalid)]
    first = body[str(invalid)][0]
    assert first == {k: case["results"][0][k] for k in first}
    for issues in body.values():
        for issue in issues:
            assert set(issue) == {"type", "key", "description", "line", "column"}
            assert isinstance(issue["line"], int) and isinstance(issue["column"], int)
    assert {i["type"] for i in body[str(VALID)]} == {"warning"}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["validate", str(VALID), str(tmp_path / "nope.yml")])
    assert missing.exit_code == 2
    assert "nope.yml: not found / nicht gefunden" in missing.output
    folder = runner.invoke(app, ["validate", str(tmp_path)])
    assert folder.exit_code == 2 and "folder" in folder.output
    assert runner.invoke(app, ["validate"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml", str(VALID)]).exit_code == 2


def test_hostile_files_get_a_clear_error(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yml"
    with huge.open("wb") as handle:
        handle.write(b"name: x\n" + b"#" * (50 * 1024 * 1024))
    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes("name: Übersicht\n".encode("latin-1"))
    bomb = tmp_path / "bomb.yml"
    names = "abcdefghij"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["validate", str(huge), str(latin1), str(bomb)])
    assert result.exit_code == 1
    out = result.stdout
    assert f"{huge}:0:0: error: file is too large: {huge.stat().st_size} bytes" in out
    assert f"{latin1}:0:0: error: Invalid UTF-8" in out
    assert f"{bomb}:" in out and ": error: " in out.split(f"{bomb}:", 1)[1]


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def web_server() -> Iterator[str]:
    """A plain HTTP server on loopback answering 200 to everything."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _pointing_at(tmp_path: Path, base: str) -> Path:
    document = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    document["landingURL"] = f"{base}/landing"
    path = tmp_path / "publiccode.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert validate(path.read_bytes()).valid
    return path


def test_network_checks_go_through_the_address_guard(tmp_path: Path, web_server: str) -> None:
    path = _pointing_at(tmp_path, web_server)
    refused = runner.invoke(app, ["validate", "--network", "--format", "json", str(path)])
    issues = json.loads(refused.stdout)[str(path)]
    landing = [i for i in issues if i["key"] == "landingURL"]
    assert landing and "loopback" in landing[0]["description"], issues
    allowed = runner.invoke(
        app,
        ["validate", "--network", "--format", "json", str(path)],
        env={"REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true"},
    )
    issues = json.loads(allowed.stdout)[str(path)]
    assert not [i for i in issues if i["key"] == "landingURL"], issues
    offline = json.loads(runner.invoke(app, ["validate", "-f", "json", str(path)]).stdout)
    assert not [i for i in offline[str(path)] if i["key"] == "landingURL"]


# -- import and export through the command line, on both databases -----------------------


def _env(settings: Settings) -> dict[str, str]:
    return {"REGISTRY_DATABASE_URL": settings.database_url}


def test_import_export_round_trip(fresh_settings: Settings, tmp_path: Path) -> None:
    env = _env(fresh_settings)
    first = runner.invoke(app, ["import", "publiccode", str(VALID)], env=env)
    assert first.exit_code == 0, first.output
    assert "created: opas-open-air-system (active / aktiv)" in first.stdout
    again = runner.invoke(app, ["import", "publiccode", str(VALID)], env=env)
    assert "unchanged: opas-open-air-system" in again.stdout
    target = tmp_path / "exported.yml"
    export = runner.invoke(app, ["export", "opas-open-air-system", "-o", str(target)], env=env)
    assert export.exit_code == 0, export.output
    checked = runner.invoke(app, ["validate", str(target)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == ""  # current version, no deprecated keys: not even a warning
    spelled = runner.invoke(app, ["export", "publiccode", "opas-open-air-system"], env=env)
    assert spelled.stdout == target.read_text(encoding="utf-8")
    unknown = runner.invoke(app, ["export", "no-such-entry"], env=env)
    assert unknown.exit_code == 1 and "not found" in unknown.output


def test_import_of_invalid_and_unreadable_files(fresh_settings: Settings, tmp_path: Path) -> None:
    env = _env(fresh_settings)
    case = REJECTS[1]
    invalid = runner.invoke(app, ["import", "publiccode", str(CONFORMANCE / case["path"])], env=env)
    assert invalid.exit_code == 1
    assert "(inactive / inaktiv)" in invalid.stdout
    assert f": error: {case['results'][0]['key']}" in invalid.stdout
    garbage = tmp_path / "garbage.yml"
    garbage.write_bytes(b"\x00\x01binary\xff")
    unreadable = runner.invoke(app, ["import", "publiccode", str(garbage)], env=env)
    assert unreadable.exit_code == 1
    assert "publiccode.yml unlesbar / unreadable: Invalid UTF-8" in unreadable.output
    missing = runner.invoke(app, ["import", "publiccode", str(tmp_path / "x.yml")], env=env)
    assert missing.exit_code == 2
    refused = runner.invoke(
        app, ["import", "publiccode", "http://127.0.0.1:9/publiccode.yml"], env=env
    )
    assert refused.exit_code == 2 and "loopback" in refused.output


def test_import_publiccode_by_url(fresh_settings: Settings, tmp_path: Path) -> None:
    served = tmp_path / "site"
    served.mkdir()
    (served / "publiccode.yml").write_bytes(VALID.read_bytes())
    handler = _directory_handler(served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/publiccode.yml"
        env = {**_env(fresh_settings), "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true"}
        result = runner.invoke(app, ["import", "publiccode", url], env=env)
        assert result.exit_code == 0, result.output
        assert "created: opas-open-air-system" in result.stdout
        gone = runner.invoke(app, ["import", "publiccode", url + ".missing"], env=env)
        assert gone.exit_code == 2 and "HTTP 404" in gone.output
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _directory_handler(folder: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *_args: object) -> None:
            return

    return Handler
