"""Which interface findings count, how strong each is, and how they group per standard.

One place for the rule the page, the API and scoring share: a finding under a test
folder or a fragment of a document is no evidence; a *mention* (a changelog line, a
README sentence, an ``.env`` value) supports stronger evidence but never makes an
interface on its own; evidence is ranked document > file set > identifier in code or
configuration > dependency > mention, and an interface is shown once per standard and
direction with every piece of evidence, the strongest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.facts.model import InterfaceFinding

__all__ = ["EVIDENCE_KINDS", "InterfaceGroup", "counts", "group_interfaces", "strength"]

#: Kinds of evidence, strongest first (``InterfaceFinding.how``).
EVIDENCE_KINDS = ("document", "file", "identifier", "dependency", "mention")
#: Evidence listed per interface; the rest is counted (a monorepo with 500 documents).
MAX_EVIDENCE = 50


def strength(how: str) -> int:
    """0 for the strongest kind of evidence; unknown kinds rank last."""
    return EVIDENCE_KINDS.index(how) if how in EVIDENCE_KINDS else len(EVIDENCE_KINDS)


def counts(finding: InterfaceFinding) -> bool:
    """Whether ``finding`` is evidence at all (not a test fixture, not a fragment)."""
    return not (finding.test_fixture or finding.fragment)


def _order(finding: InterfaceFinding) -> tuple[int, int, str]:
    # Among documents, the one describing most operations speaks for the interface.
    return (strength(finding.how), -(finding.operations or 0), finding.path)


@dataclass(frozen=True, slots=True)
class InterfaceGroup:
    """One standard in one direction, with its evidence strongest first."""

    standard: str
    role: str
    evidence: tuple[InterfaceFinding, ...]
    more: int = 0
    more_documents: int = 0

    @property
    def best(self) -> InterfaceFinding:
        """The strongest piece of evidence."""
        return self.evidence[0]

    @property
    def documents(self) -> int:
        """How many interface documents describe it (shown and counted ones)."""
        return sum(1 for f in self.evidence if f.how == "document") + self.more_documents


def group_interfaces(findings: tuple[InterfaceFinding, ...]) -> tuple[InterfaceGroup, ...]:
    """Group counting findings by (standard, role); groups holding only mentions are dropped."""
    grouped: dict[tuple[str, str], list[InterfaceFinding]] = {}
    for finding in findings:
        if counts(finding):
            grouped.setdefault((finding.standard, finding.role), []).append(finding)
    groups = []
    for (standard, role), items in sorted(grouped.items()):
        ordered = sorted(dict.fromkeys(items), key=_order)
        if ordered[0].how == "mention":
            continue
        shown, rest = ordered[:MAX_EVIDENCE], ordered[MAX_EVIDENCE:]
        groups.append(
            InterfaceGroup(
                standard,
                role,
                tuple(shown),
                more=len(rest),
                more_documents=sum(1 for f in rest if f.how == "document"),
            )
        )
    return tuple(groups)
