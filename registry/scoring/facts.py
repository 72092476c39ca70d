"""The facts scoring reads: named values with evidence, built from a plain entry snapshot.

The input is plain data (see :func:`build_facts`): the entry's own fields and rows, the
open flag of each interface standard, and the stored ``RepoFacts`` JSON of its
repositories. Nothing here reads a database or the network, so the same facts can be
built from the database (``service.entry_input``) or from a local repository that is
not in the catalogue (``registry check --repo``).

A fact's value ``None`` means *unknown* (no evidence was given); ``applicable=False``
means the registry cannot measure it for this entry (e.g. no host API data for a plain
git server). Every fact carries the evidence it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from registry.scoring._facts_build import build_all
from registry.scoring.evidence import Evidence, Fact

__all__ = ["FACT_NAMES", "Evidence", "Fact", "FactSet", "build_facts"]


@dataclass(frozen=True, slots=True)
class FactSet:
    """All facts about one entry at one moment."""

    slug: str
    name: str
    facts: Mapping[str, Fact]
    commit: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Fact:
        """The fact called ``name``; unknown when the builder had nothing."""
        return self.facts.get(name, Fact())

    def value(self, name: str) -> Any:
        """Shortcut for ``get(name).value``."""
        return self.get(name).value


#: Every fact the builder produces, with its meaning (German, English). Profiles and the
#: rubric may name only these; the API lists them.
FACT_NAMES: dict[str, tuple[str, str]] = {
    "licence.expression": ("Wirksame Lizenz (SPDX)", "Effective licence (SPDX)"),
    "licence.declared_valid": ("Lizenz als gültiger SPDX-Ausdruck angegeben",
                               "Licence declared as a valid SPDX expression"),
    "licence.open": ("Mindestens ein OR-Zweig OSI- oder FSF-anerkannt",
                     "At least one OR branch OSI- or FSF-approved"),
    "licence.osi_approved": ("OSI-anerkannte Lizenz", "OSI-approved licence"),
    "licence.file_present": ("Lizenzdatei im Repository", "Licence file in the repository"),
    "licence.text_status": ("Lizenztext vorhanden und passend zur Angabe",
                            "Licence text present and consistent with the declaration"),
    "licence.reuse_share": ("Anteil der Dateien mit SPDX-Kopfzeile",
                            "Share of files with an SPDX header"),
    "licence.dependency_conflicts": ("Lizenzkonflikte mit Abhängigkeiten",
                                     "Licence conflicts with dependencies"),
    "interfaces.open_standards": ("Offene Schnittstellenstandards", "Open interface standards"),
    "interfaces.closed_standards": ("Nicht offene Standards", "Non-open standards"),
    "interfaces.described_in_repo": ("Maschinenlesbare Schnittstellenbeschreibungen",
                                     "Machine-readable interface descriptions"),
    "interfaces.proprietary_dependencies": ("Zwingende proprietäre Abhängigkeiten",
                                            "Mandatory proprietary dependencies"),
    "interfaces.api_documentation": ("API-Dokumentation verlinkt", "API documentation linked"),
    "conformance.validated": ("Geprüfte Standardkonformität", "Verified standards conformance"),
    "conformance.claimed": ("Behauptete Standardkonformität", "Claimed standards conformance"),
    "operating.maintenance_type": ("Wartungsart", "Maintenance type"),
    "operating.reachable_contacts": ("Erreichbare Ansprechpersonen", "Reachable contacts"),
    "operating.ways_to_run": ("Betriebswege (Selbstbetrieb, Dienstleister, Deployment-Dateien)",
                              "Ways to run it (self-hosting, provider, deployment files)"),
    "operating.support_channel": ("Support-Kanal", "Support channel"),
    "operating.funding_stated": ("Finanzierung angegeben", "Funding stated"),
    "governance.model": ("Governance dokumentiert", "Governance documented"),
    "governance.contributing": ("Beitragsleitfaden", "Contribution guide"),
    "governance.issue_tracker": ("Öffentlicher Issue-Tracker", "Public issue tracker"),
    "governance.co_developers_verified": ("Bestätigte Mitentwickler", "Verified co-developers"),
    "governance.co_developers_claimed": ("Behauptete Mitentwickler", "Claimed co-developers"),
    "governance.code_of_conduct": ("Verhaltenskodex", "Code of conduct"),
    "governance.roadmap": ("Öffentliche Roadmap", "Public roadmap"),
    "docs.readme": ("README vorhanden", "README present"),
    "docs.install": ("Installationsanleitung", "Installation instructions"),
    "docs.documentation": ("Nutzer- oder Betriebsdokumentation", "User or admin documentation"),
    "docs.changelog": ("Änderungsprotokoll", "Change log"),
    "docs.publiccode_valid": ("Gültige publiccode.yml", "Valid publiccode.yml"),
    "docs.languages": ("Beschreibung auf Deutsch und Englisch",
                       "Description in German and English"),
    "activity.commits_365d": ("Commits in 12 Monaten", "Commits in 12 months"),
    "activity.days_since_release": ("Tage seit der letzten Version", "Days since last release"),
    "activity.bus_factor": ("Bus-Faktor (12 Monate)", "Bus factor (12 months)"),
    "activity.issue_response_days": ("Median der ersten Antwort auf Issues (Tage)",
                                     "Median first response to issues (days)"),
    "activity.days_since_activity": ("Tage seit letztem Commit oder Release",
                                     "Days since last commit or release"),
    "activity.archived": ("Repository archiviert", "Repository archived"),
    "activity.age_days": ("Alter in Tagen (erster Commit oder Release)",
                          "Age in days (first commit or release)"),
    "adoption.other_orgs_verified": ("Andere Organisationen im Einsatz (bestätigt)",
                                     "Other organisations using it (verified)"),
    "adoption.other_orgs_claimed": ("Andere Organisationen im Einsatz (behauptet)",
                                    "Other organisations using it (claimed)"),
    "adoption.hosted_offers": ("Betrieb durch Dienstleister", "Hosted by a provider"),
    "security.policy": ("Sicherheitsrichtlinie (SECURITY)", "Security policy (SECURITY)"),
    "security.dependency_updates": ("Automatische Abhängigkeits-Updates",
                                    "Automated dependency updates"),
    "security.ci": ("Kontinuierliche Integration", "Continuous integration"),
    "security.signed_release_share": ("Anteil signierter Release-Tags",
                                      "Share of signed release tags"),
    "security.sbom": ("Software-Stückliste (SBOM)", "Software bill of materials (SBOM)"),
    "security.branch_protection": ("Geschützter Hauptzweig", "Protected default branch"),
    "repository.public": ("Auf einer öffentlichen Code-Plattform veröffentlicht",
                          "Published on a public code platform"),
    "publiccode.present": ("publiccode.yml vorhanden", "publiccode.yml present"),
    "solution.development_status": ("Entwicklungsstand", "Development status"),
}  # fmt: skip


def build_facts(entry: Mapping[str, Any], *, now: datetime) -> FactSet:
    """Build the fact set of one entry snapshot at ``now``.

    ``entry`` holds ``slug``, ``name``, the solution's columns (``licence``,
    ``maintenance_type``, ``governance``, ``development_status``, ``publiccode_valid``,
    ``publiccode_present``, ``publisher_id``, ``updated_at``) and lists of plain rows:
    ``texts``, ``offers``, ``contacts``, ``interfaces`` (with ``standard`` slug and
    ``standard_open``), ``dependencies``, ``adoptions``, ``funding``, ``releases`` and
    ``repositories`` (``url``, ``archived``, ``gone``, ``facts`` = ``RepoFacts.to_json()``,
    ``host_metadata``). ``standards`` maps standard slugs to their open flag. Missing
    keys count as empty.
    """
    facts, commit = build_all(entry, now=now)
    return FactSet(
        slug=str(entry.get("slug") or ""),
        name=str(entry.get("name") or ""),
        facts=facts,
        commit=commit,
        extra={"development_status": entry.get("development_status")},
    )
