"""Licence findings from a tree: texts, REUSE data, headers, and what others declare.

*Detected* statements come from the files that carry licensing (root ``LICENSE*``/
``COPYING*`` texts identified by similarity, ``LICENSES/`` per REUSE, ``REUSE.toml``,
``.reuse/dep5`` and ``SPDX-License-Identifier`` headers). *Declared* ones come from
manifests, the README and publiccode.yml. Comparison is per licence family, because a
bare GPL text cannot say "only" or "or later".
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable

from importers.git.tree import BlobReader, FileEntry
from registry.facts import LicenceDisagreement, LicenceFacts, LicenceFinding
from registry.licensing import (
    CORPUS_NAME,
    corpus_version,
    identify_licence_text,
    licence_family,
    licence_ids,
    licences_named,
    normalise_expression,
)

__all__ = ["LICENCE_FILE", "build_licence_facts", "header_expressions", "licence_file_findings"]

LICENCE_FILE = re.compile(r"(?i)(?:licen[cs]e|copying|unlicense)(?:[-._][\w.\-]*)?")
_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|#\}|$)", re.M)
_TEXT_SOURCES = ("licence-file", "licenses-dir")
_MAX_LICENCE_FILES = 20


def _families(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(licence_family(i) for i in ids)


def _ids(expression: str | None) -> tuple[str, ...]:
    return tuple(sorted(licence_ids(expression))) if expression else ()


def _from_filename(name: str) -> str | None:
    """``LICENSE.MIT`` / ``LICENSE-EUPL-1.2.txt`` name a licence in their suffix."""
    stem = re.sub(r"(?i)\.(txt|md|rst|markdown|html?)$", "", name)
    suffix = re.sub(r"(?i)^(?:licen[cs]e|copying)[-._]?", "", stem)
    return (
        (normalise_expression(suffix) or (licences_named(suffix) or (None,))[0]) if suffix else None
    )


def _text_finding(path: str, text: str, source: str) -> LicenceFinding:
    result = identify_licence_text(text)
    if result.kind == "expression":
        return LicenceFinding(
            path,
            source,
            "detected",
            result.expression,
            _ids(result.expression),
            "expression",
            raw=text.strip()[:200],
        )
    if result.matches:
        ids = tuple(dict.fromkeys(result.ids))
        return LicenceFinding(
            path,
            source,
            "detected",
            result.expression,
            ids,
            "text",
            max(m.dice for m in result.matches),
        )
    named = licences_named(text[:3000]) if len(text) < 3000 else ()
    if named:  # a short notice ("Licensed under the Apache License 2.0") declares, it is no text
        return LicenceFinding(
            path,
            source,
            "declared",
            named[0] if len(named) == 1 else None,
            named,
            "notice",
            raw=text.strip()[:200],
        )
    by_name = _from_filename(path.rsplit("/", 1)[-1])
    if by_name:
        return LicenceFinding(path, source, "detected", by_name, _ids(by_name), "filename")
    return LicenceFinding(path, source, "detected", None, (), "unknown")


def licence_file_findings(files: dict[str, FileEntry], reader: BlobReader) -> list[LicenceFinding]:
    """Root licence files and ``LICENSES/`` entries, identified by their text."""
    findings: list[LicenceFinding] = []
    candidates = [p for p in files if "/" not in p and LICENCE_FILE.fullmatch(p)]
    candidates += [p for p in files if re.fullmatch(r"LICENSES/[^/]+", p)]
    for path in sorted(candidates)[:_MAX_LICENCE_FILES]:
        text = reader.text(files[path])
        if text is None:
            continue
        if path.startswith("LICENSES/"):
            spdx = normalise_expression(path.split("/", 1)[1].rsplit(".", 1)[0])
            matched = _text_finding(path, text, "licenses-dir")
            score = matched.score if spdx and set(_ids(spdx)) <= set(matched.ids) else None
            findings.append(
                LicenceFinding(
                    path, "licenses-dir", "detected", spdx, _ids(spdx), "filename", score
                )
            )
        else:
            findings.append(_text_finding(path, text, "licence-file"))
    return findings


def reuse_findings(files: dict[str, FileEntry], reader: BlobReader) -> list[LicenceFinding]:
    """``REUSE.toml`` annotations and ``.reuse/dep5`` stanzas."""
    findings: list[LicenceFinding] = []
    if "REUSE.toml" in files and (text := reader.text(files["REUSE.toml"])) is not None:
        try:
            annotations = tomllib.loads(text).get("annotations", [])
        except (tomllib.TOMLDecodeError, RecursionError):
            annotations = []
        for item in annotations:
            raw = item.get("SPDX-License-Identifier") if isinstance(item, dict) else None
            if isinstance(raw, str) and (expr := normalise_expression(raw)):
                findings.append(
                    LicenceFinding(
                        "REUSE.toml",
                        "reuse-toml",
                        "detected",
                        expr,
                        _ids(expr),
                        "expression",
                        raw=str(item.get("path"))[:200],
                    )
                )
    if ".reuse/dep5" in files and (text := reader.text(files[".reuse/dep5"])) is not None:
        for raw in re.findall(r"(?m)^License:\s*(.+)$", text):
            if expr := normalise_expression(raw):
                findings.append(
                    LicenceFinding(
                        ".reuse/dep5", "dep5", "detected", expr, _ids(expr), "expression"
                    )
                )
    return findings


def header_expressions(path: str, head: str) -> list[str]:
    """Normalised ``SPDX-License-Identifier`` expressions in a file's first bytes."""
    return [expr for raw in _HEADER.findall(head) if (expr := normalise_expression(raw))]


def header_findings(headers: dict[str, list[str]]) -> list[LicenceFinding]:
    """One finding per distinct header expression, evidenced by its first file."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for path, expressions in sorted(headers.items()):
        for expr in expressions:
            counts[expr] += 1
            first.setdefault(expr, path)
    return [
        LicenceFinding(
            first[expr],
            "spdx-header",
            "detected",
            expr,
            _ids(expr),
            "expression",
            raw=f"{count} files",
        )
        for expr, count in counts.most_common()
    ]


def _detected_expression(texts: list[LicenceFinding], declared: list[LicenceFinding]) -> str | None:
    ids = list(dict.fromkeys(i for f in texts for i in f.ids))
    if not ids:
        return None
    if len(ids) == 1:
        return ids[0]
    for finding in declared:  # dual licences: the declaration tells OR from AND
        if finding.expression and _families(finding.ids) == _families(ids):
            return finding.expression
    return normalise_expression(" AND ".join(sorted(ids)))


def _disagreements(
    texts: list[LicenceFinding], declared: list[LicenceFinding]
) -> list[LicenceDisagreement]:
    out: list[LicenceDisagreement] = []
    detected = _families(i for f in texts for i in f.ids)
    text_paths = tuple(f.path for f in texts if f.ids)
    text_ids = tuple(sorted({i for f in texts for i in f.ids}))
    for finding in declared:
        if not finding.ids:
            continue
        if detected and not _families(finding.ids) <= detected:
            out.append(
                LicenceDisagreement(
                    finding.path,
                    finding.expression or " ".join(finding.ids),
                    text_paths,
                    text_ids,
                    "declared licence differs from the licence texts",
                )
            )
    for index, one in enumerate(declared):
        for other in declared[index + 1 :]:
            if one.ids and other.ids and not _families(one.ids) & _families(other.ids):
                out.append(
                    LicenceDisagreement(
                        one.path,
                        one.expression or " ".join(one.ids),
                        (other.path,),
                        other.ids,
                        "declarations name different licences",
                    )
                )
    return out


def build_licence_facts(
    findings: list[LicenceFinding], *, header_files: int, scanned: int, reuse_layout: bool
) -> LicenceFacts:
    """Combine all findings into ``LicenceFacts`` with the detected licence and conflicts."""
    texts = [f for f in findings if f.level == "detected" and f.source in _TEXT_SOURCES and f.ids]
    if not texts:
        texts = [f for f in findings if f.level == "detected" and f.ids]
    declared = [f for f in findings if f.level == "declared"]
    return LicenceFacts(
        findings=tuple(findings),
        detected_expression=_detected_expression(texts, declared),
        declared_expressions=tuple(dict.fromkeys(f.expression for f in declared if f.expression)),
        disagreements=tuple(_disagreements(texts, declared)),
        spdx_header_files=header_files,
        files_scanned_for_headers=scanned,
        reuse_layout=reuse_layout,
        corpus=f"{CORPUS_NAME} {corpus_version()}",
    )
