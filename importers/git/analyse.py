"""Analyse one repository: open or clone it, read its tree and history, return facts.

The single orchestrator behind ``registry import``: every step is bounded (time,
files, commits, blob size, bytes read) and records what it could not do in
``RepoFacts.limits_hit``, ``missing_objects`` and ``skipped_blobs`` instead of
failing. pygit2 blocks; async callers run this in a thread.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pygit2

from importers.git.clone import open_source
from importers.git.detect import INSTALL_HEADING, metadata_files, operating_evidence, readme_paths
from importers.git.history import activity, commit_time, read_history, releases
from importers.git.interfaces import (
    DOCUMENT_SUFFIXES,
    GENERATOR_CONFIGS,
    GENERATOR_MARKERS,
    dependency_interfaces,
    document_interface,
    generated_clients,
    gtfs_interfaces,
    identifier_interfaces,
    own_api_clients,
    settle_directions,
)
from importers.git.licences import (
    build_licence_facts,
    header_expressions,
    header_findings,
    licence_file_findings,
    manifest_findings,
    readme_findings,
    reuse_findings,
)
from importers.git.manifests import MANIFEST_NAMES, read_manifest, read_sbom
from importers.git.media import read_media_blobs
from importers.git.tree import MAX_RECORDED, BlobReader, FileEntry, TreeScan, walk_tree
from registry.facts import (
    Dependency,
    InterfaceFinding,
    LicenceFinding,
    OperatingEvidence,
    RepoFacts,
    SkippedBlob,
)
from registry.licensing import (
    bundled_roots,
    generated_roots,
    is_foreign,
    looks_generated,
    normalise_expression,
)
from registry.publiccode import read_untrusted
from registry.settings import Settings

__all__ = ["Analysis", "analyse", "analyse_with_media"]

#: Total bytes of blobs read per analysis; keeps a huge monorepo from exhausting memory.
READ_BUDGET_BYTES = 64_000_000
_SCAN_SUFFIXES = (
    *DOCUMENT_SUFFIXES,
    ".py",
    ".js",
    ".ts",
    ".tsx",
    ".jsx",
    ".mjs",
    ".php",
    ".java",
    ".kt",
    ".go",
    ".rs",
    ".rb",
    ".cs",
    ".c",
    ".h",
    ".cpp",
    ".hpp",
    ".vue",
    ".svelte",
    ".xml",
    ".toml",
    ".ini",
    ".cfg",
    ".env",
    ".properties",
    ".sh",
    ".scala",
    ".swift",
    ".md",
    ".html",
    ".css",
    ".scss",
    ".sql",
    ".proto",
    ".ttl",
    ".jsonld",
    ".rdf",
    ".map",  # MapServer mapfiles (source maps are skipped below)
    ".qgs",  # QGIS Server projects
)
_NOT_SCANNED = (".js.map", ".css.map", ".min.js")
_PER_STANDARD = 5
#: Root entries kept in the facts (a flat tree of 100,000 files would store them all).
MAX_ROOT_ENTRIES = 1_000


def _readme_facts(
    files: dict[str, FileEntry], reader: BlobReader
) -> tuple[list[LicenceFinding], list[OperatingEvidence]]:
    for path in readme_paths(list(files)):
        text = reader.text(files[path])
        if text is None:
            continue
        findings = readme_findings(path, text)
        heading = INSTALL_HEADING.search(text)
        anchor = (
            re.sub(r"[^a-z0-9]+", "-", heading.group(0).strip("# ").lower()).strip("-")
            if heading
            else ""
        )
        evidence = (
            [OperatingEvidence("install-docs", f"{path}#{anchor}", "README section")]
            if heading
            else []
        )
        return findings, evidence
    return [], []


def _publiccode(
    files: dict[str, FileEntry], reader: BlobReader
) -> tuple[str | None, bytes | None, list[LicenceFinding], dict[str, Any]]:
    path = next((p for p in ("publiccode.yml", "publiccode.yaml") if p in files), None)
    if path is None:
        return None, None, [], {}
    raw = reader.read(files[path])
    if raw is None:
        return path, None, [], {}
    data: Any = read_untrusted(raw.decode("utf-8", errors="replace"))
    if not isinstance(data, dict):
        return path, raw, [], {}
    licence = (
        data.get("legal", {}).get("license")
        if isinstance(data, dict) and isinstance(data.get("legal"), dict)
        else None
    )
    expr = normalise_expression(licence) if isinstance(licence, str) else None
    ids = (
        tuple(sorted(set(re.findall(r"[A-Za-z0-9.\-+]+", expr)) - {"AND", "OR", "WITH"}))
        if expr
        else ()
    )
    findings = (
        [LicenceFinding(path, "publiccode", "declared", expr, ids, "field", raw=str(licence)[:200])]
        if licence
        else []
    )
    return path, raw, findings, data


def _scalar(value: object) -> str | None:
    """A YAML scalar as text (``softwareVersion: 1.2`` is read as a number)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()[:100] or None
    return None


def _products(source: str, publiccode: dict[str, Any]) -> tuple[str, ...]:
    """Names a release tag may start with: the repository's and the declared product's."""
    tail = source.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    return tuple(n for n in (tail, _scalar(publiccode.get("name"))) if n)


def _manifests(
    paths: list[str], files: dict[str, FileEntry], reader: BlobReader
) -> tuple[list[LicenceFinding], list[Dependency]]:
    findings: list[LicenceFinding] = []
    deps: list[Dependency] = []
    roots = generated_roots(paths)
    manifests = sorted(
        (p for p in paths if MANIFEST_NAMES.search(p) and not is_foreign(p, roots)),
        key=lambda p: (p.count("/"), p),
    )[:50]
    for path in manifests:
        text = reader.text(files[path])
        if text is None:
            continue
        licences, found = read_manifest(path, text)
        deps += found
        findings += manifest_findings(path, licences, generated=looks_generated(text))
    return findings, deps


def _generated_clients(files: dict[str, FileEntry], reader: BlobReader) -> tuple[str, ...]:
    """Folders holding a generated client (at most 50 generator marker files are read)."""
    markers = [path for path in sorted(files) if GENERATOR_MARKERS.search(path)][:50]
    return generated_clients({path: reader.text(files[path]) or "" for path in markers})


def _without_own_api_clients(
    interfaces: list[InterfaceFinding], files: dict[str, FileEntry], reader: BlobReader
) -> list[InterfaceFinding]:
    """Drop the OpenAPI client libraries when they only build a client of the project's
    own API (``own_api_clients``): that is no API the software consumes."""
    found = [p for p in sorted(files) if GENERATOR_CONFIGS.search(p) and not is_foreign(p)]
    configs = {path: reader.text(files[path]) or "" for path in found[:20]}
    provided = {
        i.path
        for i in interfaces
        if i.standard == "openapi" and i.how == "document" and i.role == "provides"
        and not (i.fragment or i.test_fixture)
    }  # fmt: skip
    if not own_api_clients(configs, provided):
        return interfaces
    return [
        i
        for i in interfaces
        if not (i.standard == "openapi" and i.how == "dependency" and i.role == "consumes")
    ]


def _content_scan(
    scan: TreeScan, reader: BlobReader, deadline: float, clients: tuple[str, ...]
) -> tuple[list[InterfaceFinding], dict[str, list[str]], int]:
    interfaces: list[InterfaceFinding] = []
    headers: dict[str, list[str]] = {}
    per_standard: dict[str, int] = {}
    scanned = 0
    for index, entry in enumerate(scan.files):
        if index % 256 == 0 and time.monotonic() > deadline:
            scan.limits_hit.add("timeout")  # a tree of 100,000 small source files
            break
        lower = entry.path.lower()
        if (
            not lower.endswith(_SCAN_SUFFIXES)
            or lower.endswith(_NOT_SCANNED)
            or "node_modules/" in lower
            or entry.size == 0
        ):
            continue
        text = reader.text(entry)
        if text is None:
            continue
        scanned += 1
        if found := header_expressions(entry.path, text[:4096]):
            headers[entry.path] = found
        document = (
            document_interface(entry.path, text, clients)
            if lower.endswith(DOCUMENT_SUFFIXES)
            else None
        )
        named = identifier_interfaces(entry.path, text, clients)
        for finding in ([document] if document else []) + named:
            key = f"{finding.standard}/{finding.how}/{finding.role}"
            per_standard[key] = per_standard.get(key, 0) + 1
            if finding.how == "document" or per_standard[key] <= _PER_STANDARD:
                interfaces.append(finding)
    return interfaces, headers, scanned


def _mailmap(files: dict[str, FileEntry], reader: BlobReader) -> pygit2.Mailmap | None:
    entry = files.get(".mailmap")
    text = reader.text(entry) if entry else None
    return pygit2.Mailmap.from_buffer(text) if text else None


def _skipped(scan: TreeScan, reader: BlobReader, max_bytes: int) -> tuple[SkippedBlob, ...]:
    """Blobs over the size limit (never read) and those the reader had to skip."""
    oversized = [SkippedBlob(e.path, "too-large", e.size) for e in scan.files if e.size > max_bytes]
    merged = dict.fromkeys(oversized + reader.skipped)
    return tuple(merged)[:MAX_RECORDED]


def analyse(source: str, *, settings: Settings, now: datetime, trusted: bool = False) -> RepoFacts:
    """Derive ``RepoFacts`` from the repository at ``source`` (a git URL or a local path).

    Local paths need ``trusted=True`` or ``settings.allow_local_repositories``. Raises
    ``UnsafeURLError`` for refused sources and ``GitSourceError`` when the repository
    cannot be read at all; anything partial is recorded in the facts instead.
    """
    return analyse_with_media(source, settings=settings, now=now, trusted=trusted).facts


@dataclass(frozen=True, slots=True)
class Analysis:
    """The facts, and the pictures publiccode.yml names by path (``importers.git.media``):
    read while the clone exists, which ends with the analysis."""

    facts: RepoFacts
    media: dict[str, bytes] = field(default_factory=dict)
    media_refused: dict[str, str] = field(default_factory=dict)


def analyse_with_media(
    source: str, *, settings: Settings, now: datetime, trusted: bool = False
) -> Analysis:
    """``analyse``, plus the bytes of the logo and screenshots the repository holds."""
    deadline = time.monotonic() + settings.git_timeout_seconds
    with open_source(source, settings=settings, trusted=trusted, deadline=deadline) as opened:
        if opened.tip is None:
            return Analysis(
                RepoFacts(
                    source=source, analysed_at=now, shallow=opened.shallow, limits_hit=("empty",)
                )
            )
        facts = _analyse_tip(
            source,
            opened.repo,
            opened.tip,
            opened.default_branch,
            opened.shallow,
            settings=settings,
            now=now,
            deadline=deadline,
        )
        media, refused = read_media_blobs(opened.tip, facts.publiccode_raw)
        return Analysis(facts, media, refused)


def _analyse_tip(
    source: str,
    repo: pygit2.Repository,
    tip: pygit2.Commit,
    branch: str | None,
    shallow: bool,
    *,
    settings: Settings,
    now: datetime,
    deadline: float,
) -> RepoFacts:
    scan = walk_tree(repo, tip.tree, max_files=settings.git_max_files, deadline=deadline)
    reader = BlobReader(repo, settings.git_max_blob_bytes, READ_BUDGET_BYTES)
    files = scan.by_path()
    paths = sorted(files)
    readme_licences, install = _readme_facts(files, reader)
    publiccode_path, publiccode_raw, publiccode_licences, declared = _publiccode(files, reader)
    manifest_licences, deps = _manifests(paths, files, reader)
    for meta in metadata_files(paths):
        if meta.kind == "sbom" and (text := reader.text(files[meta.path])) is not None:
            deps += read_sbom(meta.path, text)
    clients = _generated_clients(files, reader)
    interfaces, headers, scanned = _content_scan(scan, reader, deadline, clients)
    interfaces += dependency_interfaces(deps, clients) + gtfs_interfaces(paths, clients)
    bundled = bundled_roots(paths)  # another's software as distributed: its schemas are its own
    interfaces = [i for i in interfaces if not i.path.startswith(bundled)]
    interfaces = _without_own_api_clients(interfaces, files, reader)
    findings = licence_file_findings(files, reader) + reuse_findings(files, reader)
    findings += header_findings(headers, roots=generated_roots(paths))
    findings += readme_licences + manifest_licences + publiccode_licences
    mailmap = _mailmap(files, reader)
    commits, history_limits, history_missing = read_history(
        repo, tip, mailmap=mailmap, max_commits=settings.git_max_commits, deadline=deadline
    )
    tags, by_date, by_version, days, current = releases(
        repo, now=now, tip=tip, history=commits, products=_products(source, declared)
    )
    limits = scan.limits_hit | history_limits | ({"shallow"} if shallow else set())
    limits |= {"read-budget"} if reader.budget_hit else set()
    limits |= (
        {"blob-size"} if any(e.size > settings.git_max_blob_bytes for e in scan.files) else set()
    )
    return RepoFacts(
        source=source,
        analysed_at=now,
        default_branch=branch,
        head_commit=str(tip.id),
        head_date=commit_time(tip),
        shallow=shallow,
        files_total=scan.total_files,
        root_entries=tuple(
            sorted(
                {p.split("/", 1)[0] for p in paths}
                | {s.path.split("/", 1)[0] for s in scan.symlinks}
            )[:MAX_ROOT_ENTRIES]
        ),
        licence=build_licence_facts(
            findings,
            header_files=len(headers),
            scanned=scanned,
            reuse_layout=any(p.startswith("LICENSES/") for p in paths),
        ),
        metadata_files=metadata_files(paths),
        operating=tuple(operating_evidence(paths) + install),
        interfaces=tuple(settle_directions(interfaces)),
        dependencies=tuple(deps),
        activity=activity(
            commits, now=now, mailmap=mailmap is not None, truncated=bool(history_limits) or shallow
        ),
        releases=tags,
        newest_release_by_date=by_date,
        newest_release_by_version=by_version,
        days_since_last_release=days,
        current_release=current,
        declared_version=_scalar(declared.get("softwareVersion")),
        signed_tags=sum(1 for t in tags if t.signed),
        publiccode_path=publiccode_path,
        publiccode_raw=publiccode_raw,
        symlinks=tuple(scan.symlinks),
        missing_objects=tuple(scan.missing + reader.missing + history_missing),
        skipped_blobs=_skipped(scan, reader, settings.git_max_blob_bytes),
        limits_hit=tuple(sorted(limits)),
    )
