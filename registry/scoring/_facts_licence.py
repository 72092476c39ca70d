"""Licence facts: the effective licence and its judgement, licence files, dependency conflicts."""

from __future__ import annotations

from registry.licensing import (
    branches,
    compatibility,
    judge_expression,
    licence_family,
    licence_ids,
    normalise_expression,
)
from registry.scoring._facts_context import Context, Facts, rows_of
from registry.scoring.evidence import Evidence, Fact

__all__ = ["licence_facts"]


def licence_facts(ctx: Context) -> Facts:
    entry, repo = ctx.entry, ctx.repo
    declared = entry.get("licence") if isinstance(entry.get("licence"), str) else None
    detected = repo.licence.detected_expression if repo else None
    effective = declared or detected or entry.get("licence_detected")
    effective = effective if isinstance(effective, str) else None
    ev = ctx.entry_ev("licence") if declared else ((ctx.repo_ev(None),) if detected else ())
    verdict = judge_expression(effective)
    osi = verdict.osi_approved if verdict.open else (False if verdict.open is False else None)
    facts: Facts = {
        "licence.expression": Fact(verdict.expression, ev),
        "licence.declared_valid": Fact(
            bool(declared and normalise_expression(declared)), ctx.entry_ev("licence")
        ),
        "licence.open": Fact(verdict.open, ev),
        "licence.osi_approved": Fact(osi, ev),
    }
    facts.update(_licence_files(ctx, declared))
    facts["licence.dependency_conflicts"] = _dependency_conflicts(ctx, verdict.open_branch)
    return facts


def _families(expression: str | None) -> set[str]:
    normal = normalise_expression(expression) if expression else None
    return {licence_family(i) for i in licence_ids(normal)} if normal else set()


def _licence_files(ctx: Context, declared: str | None) -> Facts:
    repo = ctx.repo
    if repo is None:
        return {"licence.file_present": Fact(), "licence.text_status": Fact(),
                "licence.reuse_share": Fact()}  # fmt: skip
    files = [f for f in repo.licence.findings if f.source in ("licence-file", "licenses-dir")]
    evidence = tuple(ctx.repo_ev(f.path) for f in files[:5]) or (ctx.repo_ev("/"),)
    if not files:
        status = "missing"
    elif repo.licence.disagreements:
        status = "inconsistent"
    elif repo.licence.detected_expression is None:
        status = "unrecognised"
    elif declared and not _families(declared) & _families(repo.licence.detected_expression):
        status = "inconsistent"
    else:
        status = "consistent"
    scanned = repo.licence.files_scanned_for_headers
    share = round(repo.licence.spdx_header_files / scanned, 3) if scanned else None
    return {
        "licence.file_present": Fact(bool(files), evidence),
        "licence.text_status": Fact(status, evidence),
        "licence.reuse_share": Fact(share, (ctx.repo_ev("SPDX-License-Identifier"),)),
    }


def _dependency_licences(ctx: Context) -> list[tuple[str, str, Evidence]]:
    found = [
        (str(d.get("name")), d["licence"], ctx.entry_ev("dependencies")[0])
        for d in rows_of(ctx.entry, "dependencies")
        if isinstance(d.get("licence"), str) and not d.get("optional")
    ]
    for dep in ctx.repo.dependencies if ctx.repo else ():
        if dep.licence:
            found.append((dep.name, dep.licence, ctx.repo_ev(dep.path)))
    return found


def _dependency_conflicts(ctx: Context, outbound: tuple[str, ...]) -> Fact:
    deps = _dependency_licences(ctx)
    if not deps or not outbound:
        return Fact()
    conflicts: list[Evidence] = []
    for name, licence, ev in deps:
        normal = normalise_expression(licence)
        if normal is None:
            continue
        options = branches(normal)
        verdicts = [[compatibility(i, o) for i in b for o in outbound] for b in options]
        if options and all(any(v.verdict == "incompatible" for v in vs) for vs in verdicts):
            rule = next(v for v in verdicts[0] if v.verdict == "incompatible")
            note = f"{name} ({normal}) in {rule.outbound}: {rule.rule}"
            conflicts.append(
                Evidence(ev.source, f"{ev.path}: {note}", ev.commit, ev.date, ev.level)
            )
    evidence = tuple(conflicts) or tuple(ev for _, _, ev in deps[:5])
    return Fact(len(conflicts), evidence)
