"""A funding report in words, in one language: for the page, the PDF and the CSV alike.

The report itself is data (``registry.funding.report``); this module is the one place that
says how a comparison, a value, a piece of evidence and a missing value read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from registry.funding import Comparison, EvidenceLine, GrantReport, ProgrammeReport, RuleRow
from registry.scoring import csv_cell
from web.i18n import Formats, has_message

_CHECK_STATUSES = ("pass", "partial", "fail", "unknown", "not_applicable")


class ReportWords:
    """Words for one language: ``words.requirement(c)``, ``words.evidence(ev)``, …"""

    def __init__(self, t: Callable[..., str], lang: str) -> None:
        self.t = t
        self.lang = lang
        self.fmt = Formats(lang)

    def value(self, value: Any) -> str:
        """A value as a reader says it: yes/no, numbers, lists, known words."""
        if value is None:
            return self.t("funding.value.none")
        if isinstance(value, bool):
            return self.t(f"funding.value.{str(value).lower()}")
        if isinstance(value, list | tuple):
            return self.t("funding.or").join(self.value(v) for v in value)
        if isinstance(value, str) and value in _CHECK_STATUSES:
            return self.t(f"status.{value}")
        if isinstance(value, str) and has_message(f"funding.value.{value}"):
            return self.t(f"funding.value.{value}")
        return str(value)

    def observed(self, c: Comparison) -> str:
        """What was found, in words (the silo finding as the score page says it)."""
        if (
            c.subject == "silo"
            and isinstance(c.observed, str)
            and has_message(f"silo.{c.observed}")
        ):
            return self.t(f"silo.{c.observed}")
        return self.value(c.observed)

    def requirement(self, c: Comparison) -> str:
        """What the rule asks, in words ("README vorhanden", "… mindestens 1")."""
        label = c.label.get(self.lang)
        if c.op == "eq" and c.expected is True:
            return self.t("funding.op.eq_true", label=label)
        if c.op == "eq" and c.expected is False:
            return self.t("funding.op.eq_false", label=label)
        expected = (
            self.t(f"silo.{c.expected}")
            if c.subject == "silo" and has_message(f"silo.{c.expected}")
            else self.value(c.expected)
        )
        return self.t(f"funding.op.{c.op}", label=label, value=expected)

    def evidence(self, ev: EvidenceLine) -> str:
        """Where a value comes from, with its date."""
        if ev.kind == "repository" and ev.commit:
            text = self.t("funding.ev.repository", commit=ev.commit[:12])
        elif ev.kind == "repository":
            text = self.t("funding.ev.repository_plain")
        else:
            text = self.t(f"funding.ev.{ev.kind}")
        if ev.where:
            text += f" ({ev.where})"
        if ev.date:
            text += " " + self.t("funding.ev.on", date=self.fmt.day(ev.date))
        return text

    def evidence_text(self, c: Comparison) -> str:
        """All evidence of a comparison on one line."""
        return "; ".join(self.evidence(ev) for ev in c.evidence) or self.t("funding.no_evidence")

    def missing(self, c: Comparison) -> str:
        """What is missing and who can supply it."""
        return self.t("funding.missing", what=c.label.get(self.lang),
                      who=self.t(f"funding.supplier.{c.supplier or 'registry'}"))  # fmt: skip

    def verdict(self, verdict: str) -> str:
        """A rule's or a solution's verdict."""
        return self.t(f"funding.verdict.{verdict}")

    def verdict_line(self, grant: GrantReport) -> str:
        """The verdict with its counts; says so when unknowns made it fail."""
        counts = grant.counts
        line = self.t("funding.verdict.line", verdict=self.verdict(grant.verdict),
                      passed=counts["pass"], failed=counts["fail"], unknown=counts["unknown"],
                      total=len(grant.rows))  # fmt: skip
        if grant.raw_verdict == "unknown" and grant.verdict == "fail":
            line += " " + self.t("funding.verdict.by_unknown")
        return line

    def period(self, report: ProgrammeReport) -> str:
        """The programme's period, or an empty string."""
        if not report.starts_on and not report.ends_on:
            return ""
        start = self.fmt.date(report.starts_on) if report.starts_on else "–"
        end = self.fmt.date(report.ends_on) if report.ends_on else self.t("funding.open_end")
        return self.t("funding.period", start=start, end=end)

    def fix(self, row: RuleRow) -> str:
        """The fix, only where the rule fails."""
        return row.fix.get(self.lang) if row.fix and row.verdict == "fail" else ""


def report_csv(report: ProgrammeReport, words: ReportWords) -> str:
    """One row per rule per funded solution, each carrying the header facts (to file)."""
    t = words.t
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([
        t("funding.h.funder"), t("funding.h.programme"), t("funding.h.profile"), "version",
        t("funding.h.date"), t("funding.h.data_date"), t("funding.h.registry"),
        t("funding.h.reference"), t("funding.h.solution"), t("funding.h.commit"),
        t("funding.csv.solution_verdict"), t("funding.csv.rule_id"), t("funding.col.rule"),
        t("funding.col.verdict"), t("funding.required"), t("funding.csv.evidence"),
        t("funding.col.fix"), t("funding.csv.missing"),
    ])  # fmt: skip
    for grant in report.grants:
        for row in grant.rows:
            writer.writerow(csv_cell(cell) for cell in (
                report.funder, report.programme, report.profile.title.get(words.lang),
                report.profile.version, report.generated_at.date().isoformat(),
                report.data_date or "", report.registry_url, grant.reference, grant.name,
                grant.commit or "", words.verdict(grant.verdict), row.id,
                row.title.get(words.lang), words.verdict(row.verdict),
                " | ".join(f"{words.requirement(c)} – {t('funding.observed')}: "
                           f"{words.observed(c)}" for c in row.comparisons),
                " | ".join(words.evidence_text(c) for c in row.comparisons),
                words.fix(row), " | ".join(words.missing(c) for c in row.missing),
            ))  # fmt: skip
    return buffer.getvalue()
