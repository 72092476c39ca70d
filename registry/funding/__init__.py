"""Funding: a funder organisation's programmes and grants, and the reports on them.

    funding = FundingService(session)
    report = funding.report(actor, programme_id, now=utcnow())   # ProgrammeReport
    rows = report.grants[0].rows                                  # the profile's rules

The report is data (``report``); the page, CSV and PDF put it in words.
"""

from registry.funding.models import Grant, Programme, ReportRun
from registry.funding.report import (
    Change,
    Comparison,
    EvidenceLine,
    GrantReport,
    ProgrammeReport,
    RuleRow,
    compare_runs,
    grant_report,
    snapshot,
)
from registry.funding.services import FundingError, FundingService, NewGrant, NewProgramme

__all__ = [
    "Change",
    "Comparison",
    "EvidenceLine",
    "FundingError",
    "FundingService",
    "Grant",
    "GrantReport",
    "NewGrant",
    "NewProgramme",
    "Programme",
    "ProgrammeReport",
    "ReportRun",
    "RuleRow",
    "compare_runs",
    "grant_report",
    "snapshot",
]
