"""Licence findings from a tree: texts, REUSE data, headers, and what others declare.

*Detected* statements come from the files that carry licensing (root ``LICENSE*``/
``COPYING*`` texts identified by similarity, else those of the one application folder;
``LICENSES/`` per REUSE, ``REUSE.toml``, ``.reuse/dep5``, ``SPDX-License-Identifier``
headers and the GNU licences' notice in a file's head). *Declared* ones come from
manifests, the README and publiccode.yml. Vendored and generated files
(``registry.licensing.scope``) are no statement about the project and are left out.
``importers.git.licence_facts`` combines the findings.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable

from importers.git.licence_facts import build_licence_facts
from importers.git.tree import BlobReader, FileEntry
from registry.facts import LicenceFinding
from registry.licensing import (
    declared_field,
    identify_licence_text,
    is_foreign,
    licence_ids,
    licences_named,
    normalise_expression,
    prose_statement,
    readme_statement,
)

__all__ = [
    "LICENCE_FILE",
    "build_licence_facts",
    "header_expressions",
    "licence_file_candidates",
    "licence_file_findings",
    "manifest_findings",
    "readme_findings",
]

LICENCE_FILE = re.compile(r"(?i)(?:licen[cs]e|copying|unlicense)(?:[-._][\w.\-]*)?")
_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|#\}|$)", re.M)
# The notice the GNU licences recommend for every source file ("... as published by the
# Free Software Foundation, either version 3 of the License, or (at your option) ...").
_GNU_NOTICE = re.compile(
    r"GNU\s+(?:Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e[^.;]{0,40}?"
    r"(?:as\s+published\s+by\s+the|wie\s+von\s+der)\s+Free\s+Software\s+Foundation"
    r"(?:[^.]|\.(?=\d)){0,220}",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"(?m)^[ \t]*(?:#+|//+|/?\*+|--|;+|%+|<!--|-->|\*/)[ \t]?")
_MAX_LICENCE_FILES = 20


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
            result.expression or _preamble(text, ids),
            ids,
            "text",
            max(m.dice for m in result.matches),
        )
    said = prose_statement(text) if len(text) < 3000 else None
    if said and said.ids:  # a short notice ("Licensed under the Apache License 2.0") declares
        return LicenceFinding(
            path, source, "declared", said.expression, said.ids, "notice", raw=text.strip()[:200]
        )
    by_name = _from_filename(path.rsplit("/", 1)[-1])
    if by_name:
        return LicenceFinding(path, source, "detected", by_name, _ids(by_name), "filename")
    return LicenceFinding(path, source, "detected", None, (), "unknown")


def _preamble(text: str, ids: tuple[str, ...]) -> str | None:
    """How a file holding several licence texts combines them, if its first lines say so.

    "This software is dual-licensed; you may choose MIT or EUPL-1.1" or a written
    ``MIT OR EUPL-1.1`` gives that expression; the texts alone say nothing about it.
    """
    said = prose_statement(text[:1500])
    if said.expression is None or len(said.ids) < 2:
        return None
    same = {i.removesuffix("+") for i in said.ids} == {i.removesuffix("+") for i in ids}
    return said.expression if same else None


#: Top-level folders whose licence file speaks for something else than the application:
#: documentation, examples, tests, packaging, CI.
_NOT_THE_APPLICATION = re.compile(
    r"(?i)(?:\.[\w-]+|docs?|documentation|examples?|samples?|demos?|tests?|spec|fixtures?|"
    r"testdata|scripts?|tools?|ci|deploy(?:ment)?|helm|charts?|k8s|kubernetes|docker)"
)


def licence_file_candidates(paths: Iterable[str]) -> list[str]:
    """The licence files that speak for the whole project.

    Root ``LICENSE*``/``COPYING*`` files and ``LICENSES/`` entries. A repository that
    keeps the application in one top-level folder (``app/``, ``src/``) beside only
    packaging at the root keeps the licence there: when the root has none, the licence
    files at the top of the one such folder that has any count as the project's.
    """
    paths = list(paths)
    candidates = [p for p in paths if "/" not in p and LICENCE_FILE.fullmatch(p)]
    candidates += [p for p in paths if re.fullmatch(r"LICENSES/[^/]+", p)]
    if candidates:
        return candidates
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.partition("/")
        if (
            name
            and "/" not in name
            and LICENCE_FILE.fullmatch(name)
            and not _NOT_THE_APPLICATION.fullmatch(folder)
            and not is_foreign(path)
        ):
            by_folder.setdefault(folder, []).append(path)
    return next(iter(by_folder.values())) if len(by_folder) == 1 else []


def licence_file_findings(files: dict[str, FileEntry], reader: BlobReader) -> list[LicenceFinding]:
    """The project's licence files (``licence_file_candidates``), identified by their text."""
    findings: list[LicenceFinding] = []
    candidates = licence_file_candidates(files)
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
    """Normalised licence expressions a file's first bytes state for that file.

    ``SPDX-License-Identifier`` lines, and the GNU licences' recommended notice, which
    says "only" or "or (at your option) any later version" in words.
    """
    if LICENCE_FILE.fullmatch(path.rsplit("/", 1)[-1]):
        return []  # a licence text's own "How to apply" appendix is no statement
    found = [expr for raw in _HEADER.findall(head) if (expr := normalise_expression(raw))]
    if not found and "Free Software Foundation" in head:
        plain = " ".join(_COMMENT.sub("", head).split())
        for notice in _GNU_NOTICE.finditer(plain):
            said = prose_statement(notice.group(0))
            if said.expression and said.expression not in found:
                found.append(said.expression)
    return found


def header_findings(
    headers: dict[str, list[str]], *, roots: tuple[str, ...] = ()
) -> list[LicenceFinding]:
    """One finding per distinct header expression, evidenced by its first file.

    Vendored and generated files (``scope.is_foreign``) are left out.
    """
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for path, expressions in sorted(headers.items()):
        if is_foreign(path, roots):
            continue
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


def readme_findings(path: str, text: str) -> list[LicenceFinding]:
    """What the README says about the project's own licence (data and dependencies left out)."""
    said = readme_statement(text)
    if not said.ids:
        return []
    return [LicenceFinding(path, "readme", "declared", said.expression, said.ids, "name")]


def manifest_findings(
    path: str, licences: list[tuple[str, str]], *, generated: bool = False
) -> list[LicenceFinding]:
    """A manifest's declared licence: one finding for its field(s), one for its classifiers.

    Several licence fields in one manifest (Maven ``<licenses>``, a gemspec's
    ``licenses``, npm's old ``licenses`` array) offer a choice, so they combine with OR.
    ``UNLICENSED``/``proprietary`` is kept as a statement (``PROPRIETARY``): it
    contradicts an open licence text. A nested manifest without a licence is dropped.
    """
    if generated:
        return []
    fields = [(raw, declared_field(raw)) for raw, how in licences if how == "field"]
    classifiers = [spdx for raw, how in licences if how == "classifier" for spdx in (raw,)]
    findings: list[LicenceFinding] = []
    stated = [said for _, said in fields if said.ids]
    if stated or ("/" not in path and fields):
        expressions = list(dict.fromkeys(s.expression for s in stated if s.expression))
        expression = (
            expressions[0]
            if len(expressions) == 1
            else normalise_expression(" OR ".join(f"({e})" for e in expressions))
            if expressions and len(expressions) == len(stated)
            else None
        )
        ids = tuple(dict.fromkeys(i for s in stated for i in s.ids))
        raw = " | ".join(raw for raw, _ in fields)[:200]
        findings.append(
            LicenceFinding(path, "manifest", "declared", expression, ids, "field", raw=raw)
        )
    ids = tuple(dict.fromkeys(i for c in classifiers for i in _ids(normalise_expression(c))))
    if ids:
        expression = ids[0] if len(ids) == 1 else None
        raw = " | ".join(classifiers)[:200]
        findings.append(
            LicenceFinding(path, "manifest", "declared", expression, ids, "classifier", raw=raw)
        )
    return findings
