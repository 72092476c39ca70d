"""Package manifests and SBOMs: declared licences and dependencies.

Each reader takes a path and the file's text and returns what the file *declares*;
nothing here judges. SPDX documents are read with spdx-tools (it needs a file, so
the text is written to a temporary one); CycloneDX JSON is plain JSON.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from registry.facts import Dependency
from registry.licensing import licence_from_classifier, normalise_expression

__all__ = ["MANIFEST_NAMES", "ManifestFacts", "read_manifest", "read_sbom"]

ManifestFacts = tuple[list[tuple[str, str]], list[Dependency]]  # ([(raw licence, how)], deps)
MANIFEST_NAMES = re.compile(
    r"(?:^|/)(pyproject\.toml|setup\.cfg|package\.json|pom\.xml|composer\.json|Cargo\.toml"
    r"|[^/]+\.gemspec|[^/]+\.csproj|requirements[^/]*\.txt|go\.mod|Gemfile)$"
)
_MAX_DEPENDENCIES = 500
_log = logging.getLogger(__name__)


def _deps(ecosystem: str, path: str, names: object) -> list[Dependency]:
    if isinstance(names, dict):
        return [
            Dependency(ecosystem, str(n), path, version=str(v) if isinstance(v, str) else None)
            for n, v in names.items()
        ]
    if isinstance(names, list):
        out = []
        for item in names:
            match = re.match(r"\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)", str(item))
            if match:
                name = match.group(1).split("[", 1)[0]
                out.append(
                    Dependency(ecosystem, name, path, version=match.group(2).strip() or None)
                )
        return out
    return []


def _pyproject(path: str, text: str) -> ManifestFacts:
    data = tomllib.loads(text)
    project = data.get("project", {})
    licences: list[tuple[str, str]] = []
    licence = project.get("license")
    if isinstance(licence, str):
        licences.append((licence, "field"))
    elif isinstance(licence, dict) and isinstance(licence.get("text"), str):
        licences.append((licence["text"], "field"))
    poetry = data.get("tool", {}).get("poetry", {})
    if isinstance(poetry.get("license"), str):
        licences.append((poetry["license"], "field"))
    for classifier in project.get("classifiers", []) + poetry.get("classifiers", []):
        spdx = licence_from_classifier(str(classifier))
        if spdx:
            licences.append((spdx, "classifier"))
    deps = _deps("pypi", path, project.get("dependencies", []))
    deps += _deps(
        "pypi", path, {k: v for k, v in poetry.get("dependencies", {}).items() if k != "python"}
    )
    return licences, deps


def _package_json(path: str, text: str) -> ManifestFacts:
    data = json.loads(text)
    raw = data.get("license")
    if isinstance(raw, dict):  # the old {"type": "MIT", "url": ...} form
        raw = raw.get("type")
    licences = [(raw, "field")] if isinstance(raw, str) else []
    old = data.get("licenses")  # the old array form: a choice, like Maven's <licenses>
    for item in old if isinstance(old, list) and not licences else []:
        kind = item.get("type") if isinstance(item, dict) else item
        if isinstance(kind, str):
            licences.append((kind, "field"))
    deps = _deps("npm", path, data.get("dependencies", {}))
    return licences, deps


def _composer(path: str, text: str) -> ManifestFacts:
    data = json.loads(text)
    raw = data.get("license")
    if isinstance(raw, list):
        raw = " OR ".join(str(item) for item in raw)  # composer: a list means a choice
    licences = [(raw, "field")] if isinstance(raw, str) and raw else []
    require = {k: v for k, v in data.get("require", {}).items() if "/" in k}
    return licences, _deps("composer", path, require)


def _cargo(path: str, text: str) -> ManifestFacts:
    data = tomllib.loads(text)
    raw = data.get("package", {}).get("license")
    return ([(raw, "field")] if isinstance(raw, str) else []), _deps(
        "cargo", path, data.get("dependencies", {})
    )


def _gemspec(path: str, text: str) -> ManifestFacts:
    """``spec.license = "MIT"`` or ``spec.licenses = ["MIT", "GPL-2.0"]`` (a choice)."""
    licences: list[tuple[str, str]] = []
    for match in re.finditer(r"\.licen[cs]es?\s*=\s*(\[[^\]]{0,500}\]|['\"][^'\"\n]+['\"])", text):
        licences += [(m, "field") for m in re.findall(r"['\"]([^'\"\n]+)['\"]", match.group(1))]
    return licences, []


def _regex_reader(
    ecosystem: str, licence_rx: str, dep_rx: str | None
) -> Callable[[str, str], ManifestFacts]:
    def read(path: str, text: str) -> ManifestFacts:
        licences = [(m.group(1).strip(), "field") for m in re.finditer(licence_rx, text)]
        deps = (
            [Dependency(ecosystem, m.group(1), path) for m in re.finditer(dep_rx, text, re.M)]
            if dep_rx
            else []
        )
        return licences, deps

    return read


_READERS: dict[str, Callable[[str, str], ManifestFacts]] = {
    "pyproject.toml": _pyproject,
    "package.json": _package_json,
    "composer.json": _composer,
    "Cargo.toml": _cargo,
    "setup.cfg": _regex_reader("pypi", r"(?m)^license\s*=\s*(.+)$", None),
    "pom.xml": _regex_reader(
        "maven", r"<license>\s*<name>([^<]+)</name>", r"<artifactId>([^<]+)</artifactId>"
    ),
    ".gemspec": _gemspec,
    ".csproj": _regex_reader(
        "nuget", r"<PackageLicenseExpression>([^<]+)<", r"<PackageReference\s+Include=\"([^\"]+)\""
    ),
    "requirements": _regex_reader("pypi", r"(?!)", r"^\s*([A-Za-z0-9_.\-]+)"),
    "go.mod": _regex_reader("go", r"(?!)", r"^\s*(?:require\s+)?([a-z0-9.\-]+\.[a-z]+/[^\s]+)\s+v"),
    "Gemfile": _regex_reader("rubygems", r"(?!)", r"^\s*gem\s+['\"]([^'\"]+)['\"]"),
}


def read_manifest(path: str, text: str) -> ManifestFacts:
    """Declared licence strings (with how they were stated) and dependencies."""
    name = path.rsplit("/", 1)[-1]
    key = next((k for k in _READERS if name == k or (k.startswith(".") and name.endswith(k))), None)
    if key is None and name.startswith("requirements"):
        key = "requirements"
    if key is None:
        return [], []
    try:
        licences, deps = _READERS[key](path, text)
    # RecursionError: a hostile manifest nested thousands of levels deep (json, tomllib)
    except (ValueError, tomllib.TOMLDecodeError, AttributeError, TypeError, RecursionError) as exc:
        _log.info("manifest %s unreadable: %s", path, type(exc).__name__)
        return [], []
    return licences, deps[:_MAX_DEPENDENCIES]


def _cyclonedx(path: str, data: dict[str, Any]) -> list[Dependency]:
    deps = []
    for component in data.get("components", [])[:_MAX_DEPENDENCIES]:
        ids = [
            entry.get("expression") or (entry.get("license") or {}).get("id")
            for entry in component.get("licenses", [])
            if isinstance(entry, dict)
        ]
        expression = " AND ".join(f"({i})" if " " in i else i for i in ids if i) or None
        deps.append(
            Dependency(
                component.get("purl", "").split("/")[0].removeprefix("pkg:") or "unknown",
                str(component.get("name")),
                path,
                component.get("version"),
                normalise_expression(expression) if expression else None,
                "sbom",
            )
        )
    return deps


def read_sbom(path: str, text: str) -> list[Dependency]:
    """Packages of an SPDX (spdx-tools) or CycloneDX JSON SBOM, with their licences."""
    if path.lower().endswith(".json") and '"bomFormat"' in text:
        try:
            return _cyclonedx(path, json.loads(text))
        except (ValueError, AttributeError, TypeError, RecursionError):
            return []
    from spdx_tools.spdx.parser.error import SPDXParsingError  # noqa: PLC0415 - heavy, rarely needed
    from spdx_tools.spdx.parser.parse_anything import parse_file  # noqa: PLC0415

    suffix = "".join(Path(path).suffixes[-2:]) or ".spdx"
    with tempfile.NamedTemporaryFile("w", suffix=suffix, encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        try:
            document = parse_file(handle.name)
        except (SPDXParsingError, ValueError, KeyError, TypeError) as exc:
            _log.info("SBOM %s unreadable: %s", path, exc)
            return []
    deps = []
    for package in document.packages[:_MAX_DEPENDENCIES]:
        licence = package.license_concluded or package.license_declared
        text_licence = (
            str(licence) if licence is not None and not isinstance(licence, str) else None
        )
        deps.append(
            Dependency(
                "spdx",
                package.name,
                path,
                package.version,
                normalise_expression(text_licence) if text_licence else None,
                "sbom",
            )
        )
    return deps
