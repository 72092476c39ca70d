"""What the reader is shown from a publiccode.yml is right (issue 20, class 9).

A description without language keys is one clear error naming the keys and is read as
the file's first available language (never as languages named ``shortDescription``);
numeric dependency versions are kept as text; ``registry validate`` finds relative logo
and screenshot paths next to the file whatever the working directory. A fixture
repository is imported with ``registry import`` and read through the API, the page, the
publiccode.yml export and the ``registry validate`` output.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import ALICE, RepoBuilder
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)
URL = "https://code.example.org/stadt/ratsinfo"
LONG = " ".join(["Ratsinformation für Gemeinderäte, Ausschüsse und Bürgerschaft."] * 4)

#: The language keys are missing under ``description``; versions are YAML numbers.
PUBLICCODE = f"""\
publiccodeYmlVersion: "0"
name: Ratsinfo
url: "{URL}"
logo: img/logo.png
platforms: [web]
categories: [it-development]
developmentStatus: stable
softwareType: standalone/web
description:
  shortDescription: Sitzungen und Beschlüsse des Rates
  longDescription: {LONG}
  features:
    - Sitzungskalender
  screenshots:
    - img/screen.png
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Erika Muster
localisation:
  localisationReady: true
  availableLanguages: [de, en]
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: 17
      versionMax: 18.1
    - {{name: Java, version: 21}}
"""


def _png() -> bytes:
    """A real 1x1 PNG (the validator reads its header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\0\xff\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


FILES: dict[str, str | bytes] = {
    "publiccode.yml": PUBLICCODE,
    "img/logo.png": _png(),
    "img/screen.png": _png(),
    "README.md": "# Ratsinfo\n",
}


@pytest.fixture(scope="module")
def client(database_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    base = tmp_path_factory.mktemp("publiccode")
    env = {"REGISTRY_DATABASE_URL": settings.database_url, "REGISTRY_GIT_CACHE_DIR": str(base)}
    RepoBuilder(base / "ratsinfo").commit(dict(FILES), author=ALICE, when=NOW - timedelta(days=1))
    result = runner.invoke(app, ["import", str(base / "ratsinfo"), "--url", URL], env=env)
    assert result.exit_code == 0, result.output
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The same files as a working copy on disk."""
    for name, content in FILES.items():
        path = tmp_path / "ratsinfo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return tmp_path / "ratsinfo"


def _entry(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/solutions/ratsinfo")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_description_without_language_keys_is_read_as_the_first_language(
    client: Client,
) -> None:
    texts = _entry(client)["texts"]
    assert set(texts) == {"de"}
    assert texts["de"]["short_description"] == "Sitzungen und Beschlüsse des Rates"
    assert texts["de"]["long_description"].startswith("Ratsinformation für Gemeinderäte")
    page = client.get("/solutions/ratsinfo?lang=en").text
    assert "Sitzungen und Beschlüsse des Rates" in page
    # the validator's words are English (as the reference parser's), marked as such
    finding = re.search(r"<code>description</code>: (?:<samp[^>]*>)?([^<]*)", page)
    assert finding, page[-3000:]
    assert "the language key is missing: shortDescription, longDescription" in finding.group(1)
    assert "read as language &#39;de&#39;" in finding.group(1)
    assert "longDescription" not in page.replace(finding.group(1), "")  # never as a language
    exported = yaml.safe_load(client.get("/solutions/ratsinfo/publiccode.yml").text)
    assert set(exported["description"]) == {"de"}
    assert exported["description"]["de"]["features"] == ["Sitzungskalender"]


def test_numeric_dependency_versions_are_kept_as_text(client: Client) -> None:
    deps = {d["name"]: d for d in _entry(client)["dependencies"]}
    assert (deps["PostgreSQL"]["version_min"], deps["PostgreSQL"]["version_max"]) == ("17", "18.1")
    assert deps["Java"]["version"] == "21"
    page = client.get("/solutions/ratsinfo?lang=en").text
    section = re.search(r'<section aria-labelledby="dependencies">(.*?)</section>', page, re.S)
    assert section and "17 – 18.1" in section.group(1)
    assert re.search(r"<td[^>]*>21</td>", section.group(1))
    exported = yaml.safe_load(client.get("/solutions/ratsinfo/publiccode.yml").text)
    postgres = next(d for d in exported["dependsOn"]["open"] if d["name"] == "PostgreSQL")
    assert (postgres["versionMin"], postgres["versionMax"]) == ("17", "18.1")


@pytest.mark.parametrize("where", ["in its folder", "above it"])
def test_validate_finds_relative_images_whatever_the_working_directory(
    checkout: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "in its folder":
        monkeypatch.chdir(checkout)
        argument = "publiccode.yml"
    else:
        monkeypatch.chdir(checkout.parent)
        argument = "ratsinfo/publiccode.yml"
    result = runner.invoke(app, ["validate", argument])
    assert "no such file" not in result.output, result.output
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert lines == [
        f"{argument}:9:1: error: description: the language key is missing: shortDescription, "
        "longDescription, features, screenshots must be under a language "
        "(description.de.shortDescription); read as language 'de'"
    ], result.output
    as_json = runner.invoke(app, ["validate", "--format", "json", argument])
    issues = json.loads(as_json.stdout.splitlines()[0])[argument]
    assert [i["key"] for i in issues] == ["description"]


def test_validate_still_reports_a_missing_image(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (checkout / "img" / "screen.png").unlink()
    monkeypatch.chdir(checkout)
    result = runner.invoke(app, ["validate", "publiccode.yml"])
    assert result.exit_code == 1
    assert (
        "description.de.screenshots[0]: 'img/screen.png' is not an image: no such file: "
        "img/screen.png" in result.output
    )
    assert "logo" not in result.output
