"""Profile reports as text, JSON, CSV and HTML, in German or English.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) are prefixed with an apostrophe; every HTML value is
escaped. The HTML page is self-contained and prints well (a funder's paper trail).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from typing import Any

from registry.errors import InvalidInput
from registry.scoring.evidence import Evidence
from registry.scoring.profiles import ProfileReport, RuleResult

__all__ = ["FORMATS", "MEDIA_TYPES", "csv_cell", "render_reports"]

FORMATS = ("text", "json", "csv", "html")
MEDIA_TYPES = {"text": "text/plain", "json": "application/json", "csv": "text/csv",
               "html": "text/html"}  # fmt: skip
_WORDS = {
    "de": {"pass": "ERFÜLLT", "fail": "NICHT ERFÜLLT", "unknown": "UNBEKANNT",
           "profile": "Profil", "solution": "Lösung", "rule": "Regel", "verdict": "Ergebnis",
           "observed": "Beobachtet", "evidence": "Nachweis", "anchor": "Grundlage",
           "fix": "Abhilfe", "of": "von", "rules_passed": "Regeln erfüllt",
           "unknown_as": "Unbekannt zählt als", "score": "Punktzahl", "silo": "Silo",
           "title": "Prüfbericht"},
    "en": {"pass": "PASS", "fail": "FAIL", "unknown": "UNKNOWN", "profile": "Profile",
           "solution": "Solution", "rule": "Rule", "verdict": "Verdict",
           "observed": "Observed", "evidence": "Evidence", "anchor": "Anchor", "fix": "Fix",
           "of": "of", "rules_passed": "rules passed", "unknown_as": "Unknown counts as",
           "score": "Score", "silo": "Silo", "title": "Requirement report"},
}  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _evidence_text(evidence: Sequence[Evidence]) -> str:
    parts = []
    for ev in evidence[:3]:
        bits = [ev.source, ev.path, ev.commit[:12] if ev.commit else None, ev.date]
        parts.append(" ".join(b for b in bits if b))
    return "; ".join(parts)


def _observed(value: Any) -> str:
    return "–" if value is None else json.dumps(value, ensure_ascii=False)


def _name(rule: RuleResult, lang: str) -> str:
    return rule.title.get(lang) if rule.title else rule.label


def _text(reports: Sequence[ProfileReport], lang: str) -> str:
    w = _WORDS[lang]
    lines: list[str] = []
    for report in reports:
        leaves = report.leaves()
        passed = sum(1 for r in leaves if r.verdict == "pass")
        lines.append(
            f"{w['profile']} {report.profile.profile} ({report.profile.version}) · "
            f"{report.name or report.slug} → {w[report.verdict]} "
            f"({passed} {w['of']} {len(leaves)} {w['rules_passed']})"
        )
        for rule in report.root.flat()[1:]:
            indent = "  " * rule.depth
            line = f"{indent}{w[rule.verdict]:<13} {_name(rule, lang)}"
            if rule.kind in ("fact", "check"):
                line += f" = {_observed(rule.observed)}"
                if rule.evidence:
                    line += f"  ({_evidence_text(rule.evidence)})"
            if rule.verdict != "pass" and rule.fix:
                line += f"  → {rule.fix.get(lang)}"
            lines.append(line)
        lines.append("")
    return "\n".join(lines)


def _csv(reports: Sequence[ProfileReport], lang: str) -> str:
    w = _WORDS[lang]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([w["solution"], w["profile"], w["verdict"], "rule_id", w["rule"],
                     f"{w['rule']} {w['verdict']}", w["observed"], w["evidence"], w["anchor"],
                     w["fix"]])  # fmt: skip
    for report in reports:
        for rule in report.leaves():
            writer.writerow(csv_cell(cell) for cell in (
                report.slug, report.profile.profile, report.verdict, rule.id, _name(rule, lang),
                rule.verdict, _observed(rule.observed), _evidence_text(rule.evidence),
                rule.anchor, rule.fix.get(lang) if rule.fix and rule.verdict != "pass" else "",
            ))  # fmt: skip
    return buffer.getvalue()


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}"
    "table{border-collapse:collapse;width:100%;margin-bottom:2rem}"
    "th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    ".pass{color:#0a5c2b}.fail{color:#a11}.unknown{color:#6b4e00}"
    "@media print{body{margin:0}}"
)


def _html(reports: Sequence[ProfileReport], lang: str) -> str:
    w = _WORDS[lang]
    e = html.escape
    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
             f"<title>{e(w['title'])}</title><style>{_STYLE}</style></head><body>"]  # fmt: skip
    for report in reports:
        parts.append(
            f"<section><h1>{e(report.profile.title.get(lang))}</h1>"
            f"<p>{e(w['solution'])}: <strong>{e(report.name or report.slug)}</strong> · "
            f'{e(w["verdict"])}: <strong class="{e(report.verdict)}">{e(w[report.verdict])}'
            f"</strong> · {e(w['unknown_as'])}: {e(report.profile.unknown_as)}</p>"
            f"<table><thead><tr><th>{e(w['rule'])}</th><th>{e(w['verdict'])}</th>"
            f"<th>{e(w['observed'])}</th><th>{e(w['evidence'])}</th><th>{e(w['anchor'])}</th>"
            f"<th>{e(w['fix'])}</th></tr></thead><tbody>"
        )
        for rule in report.leaves():
            fix = rule.fix.get(lang) if rule.fix and rule.verdict != "pass" else ""
            parts.append(
                f"<tr><td>{e(_name(rule, lang))}</td>"
                f'<td class="{e(rule.verdict)}">{e(w[rule.verdict])}</td>'
                f"<td>{e(_observed(rule.observed))}</td>"
                f"<td>{e(_evidence_text(rule.evidence))}</td><td>{e(rule.anchor or '')}</td>"
                f"<td>{e(fix)}</td></tr>"
            )
        parts.append("</tbody></table></section>")
    parts.append("</body></html>")
    return "".join(parts)


def render_reports(reports: Sequence[ProfileReport], fmt: str = "text", lang: str = "en") -> str:
    """Render ``reports`` as ``text``, ``json``, ``csv`` or ``html`` in ``de`` or ``en``."""
    if lang not in _WORDS:
        raise InvalidInput(f"unknown language {lang!r} (de or en)", field="lang")
    if fmt == "json":
        return json.dumps([r.to_json(lang) for r in reports], ensure_ascii=False, indent=2)
    renderers = {"text": _text, "csv": _csv, "html": _html}
    if fmt not in renderers:
        raise InvalidInput(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})", field="format")
    return renderers[fmt](reports, lang)
