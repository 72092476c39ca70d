"""The silo flag: a non-compensatory rule with reasons, apart from the score.

A closed or unclear licence alone makes a silo (reuse is legally impossible). The other
indicators are weaker alone, so they accumulate: ``silo_at`` of them (default three) make a
silo, ``risk_at`` (two) a silo risk. *Abandoned* is exempt for stable software that is
still maintained and used by several organisations; the exemption is listed too.
An indicator fires only on evidence; missing evidence leaves it unjudged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from registry.scoring.evidence import Evidence
from registry.scoring.facts import FactSet
from registry.scoring.rubric import SiloConfig

__all__ = ["SiloReason", "observed_text", "silo_flag"]

_MAINTAINED = ("internal", "contract", "community")
_MAINTENANCE_DE = {"none": "keine", "internal": "intern", "contract": "Vertrag",
                   "community": "Community"}  # fmt: skip

#: What an indicator observed, as results store it (English, below) and in German. One
#: ``; ``-separated part at a time; a part not listed here stays as it is.
_GERMAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), german) for pattern, german in (
        (r"(?P<expr>.+): no OSI/FSF-approved branch",
         "{expr}: kein OSI- oder FSF-anerkannter Zweig"),
        (r"no valid licence", "keine gültige Lizenz"),
        (r"no open interface standard, no interface description",
         "kein offener Schnittstellenstandard, keine Schnittstellenbeschreibung"),
        (r"maintenance not declared and no commit in 12 months",
         "Wartung nicht angegeben und kein Commit in 12 Monaten"),
        (r"maintenance type: (?P<kind>\S+)", "Wartungsart: {kind}"),
        (r"contract maintenance without a current contractor or contact",
         "Wartung per Vertrag ohne aktuellen Auftragnehmer oder Kontakt"),
        (r"no other user after (?P<n>\d+) days", "nach {n} Tagen keine weitere Nutzung"),
        (r"archived", "archiviert"),
        (r"no commit or release for (?P<n>\d+) days",
         "seit {n} Tagen kein Commit und kein Release"),
        (r"exempt: stable, maintained, used by (?P<n>\d+) other organisations",
         "ausgenommen: stabil, gewartet, von {n} anderen Organisationen genutzt"),
        (r"no README", "kein README"),
        (r"no installation guide and no documentation",
         "keine Installationsanleitung und keine Dokumentation"),
    )
)  # fmt: skip


def observed_text(observed: str) -> dict[str, str]:
    """``{"de": …, "en": …}`` of what an indicator observed (stored results keep English)."""
    parts = []
    for part in observed.split("; "):
        for pattern, german in _GERMAN:
            match = pattern.fullmatch(part)
            if match:
                values = match.groupdict()
                if "kind" in values:
                    values["kind"] = _MAINTENANCE_DE.get(values["kind"], values["kind"])
                parts.append(german.format(**values))
                break
        else:
            parts.append(part)
    return {"de": "; ".join(parts), "en": observed}


@dataclass(frozen=True, slots=True)
class SiloReason:
    """One indicator that fired (or fired but is exempt), with what was observed."""

    id: str
    observed: str
    evidence: tuple[Evidence, ...] = ()
    exempt: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain data as stored in ``ScoreResult.silo_reasons``."""
        return {"id": self.id, "observed": self.observed, "exempt": self.exempt,
                "evidence": [ev.to_json() for ev in self.evidence]}  # fmt: skip


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _licence(facts: FactSet) -> SiloReason | None:
    if facts.value("licence.open") is True:
        return None
    expression = facts.value("licence.expression")
    observed = f"{expression}: no OSI/FSF-approved branch" if expression else "no valid licence"
    return SiloReason("SI-LIC", observed, facts.get("licence.expression").evidence)


def _interfaces(facts: FactSet) -> SiloReason | None:
    opened = _num(facts.value("interfaces.open_standards")) or 0
    described = _num(facts.value("interfaces.described_in_repo")) or 0
    if opened or described:
        return None
    return SiloReason("SI-IF", "no open interface standard, no interface description",
                      facts.get("interfaces.open_standards").evidence)  # fmt: skip


def _operating(facts: FactSet) -> SiloReason | None:
    kind = facts.value("operating.maintenance_type")
    contacts = _num(facts.value("operating.reachable_contacts")) or 0
    if kind is None:  # nothing declared: what the repository shows decides, not the registry
        commits = _num(facts.value("activity.commits_365d"))
        if commits is None or commits > 0:  # unjudged, or kept up by its commits
            return None
        return SiloReason("SI-OP", "maintenance not declared and no commit in 12 months",
                          facts.get("activity.commits_365d").evidence)  # fmt: skip
    if kind not in _MAINTAINED:
        return SiloReason("SI-OP", f"maintenance type: {kind}",
                          facts.get("operating.maintenance_type").evidence)  # fmt: skip
    if kind == "contract" and not contacts:
        return SiloReason("SI-OP", "contract maintenance without a current contractor or contact",
                          facts.get("operating.reachable_contacts").evidence)  # fmt: skip
    return None


def _single_user(facts: FactSet, config: SiloConfig) -> SiloReason | None:
    users = (_num(facts.value("adoption.other_orgs_verified")) or 0) + (
        _num(facts.value("adoption.other_orgs_claimed")) or 0
    )
    age = _num(facts.value("activity.age_days"))
    if users or age is None or age <= config.single_user_after_days:
        return None
    return SiloReason("SI-SU", f"no other user after {int(age)} days",
                      facts.get("adoption.other_orgs_verified").evidence)  # fmt: skip


def _abandoned(facts: FactSet, config: SiloConfig) -> SiloReason | None:
    archived = facts.value("activity.archived") is True
    idle = _num(facts.value("activity.days_since_activity"))
    if not archived and (idle is None or idle <= config.abandoned_after_days):
        return None
    observed = "archived" if archived else f"no commit or release for {int(idle or 0)} days"
    users = _num(facts.value("adoption.other_orgs_verified")) or 0
    exempt = (
        facts.value("operating.maintenance_type") in _MAINTAINED
        and users >= config.exempt_min_other_users
        and facts.value("solution.development_status") in config.exempt_statuses
    )
    if exempt:
        observed += f"; exempt: stable, maintained, used by {int(users)} other organisations"
    evidence = facts.get("activity.days_since_activity").evidence
    return SiloReason(
        "SI-AB", observed, evidence or facts.get("activity.archived").evidence, exempt
    )


def _undocumented(facts: FactSet) -> SiloReason | None:
    no_readme = facts.value("docs.readme") is False
    no_guide = facts.value("docs.install") == "none" and facts.value("docs.documentation") is False
    if not (no_readme or no_guide):
        return None
    observed = "no README" if no_readme else "no installation guide and no documentation"
    return SiloReason("SI-DOC", observed, facts.get("docs.readme").evidence)


def silo_flag(facts: FactSet, config: SiloConfig) -> tuple[str, tuple[SiloReason, ...]]:
    """``("silo" | "risk" | "no", reasons)`` for the fact set."""
    found = [
        _licence(facts), _interfaces(facts), _operating(facts), _single_user(facts, config),
        _abandoned(facts, config), _undocumented(facts),
    ]  # fmt: skip
    reasons = tuple(reason for reason in found if reason is not None)
    counted = sum(1 for r in reasons if r.id != "SI-LIC" and not r.exempt)
    if any(r.id == "SI-LIC" for r in reasons) or counted >= config.silo_at:
        return "silo", reasons
    return ("risk" if counted >= config.risk_at else "no"), reasons
