"""What a statement in prose or a manifest field says about the project's *own* licence.

A README's licence section often says more than one thing: the code's licence, the
data's, the documentation's, a dependency's. Only what is said about the project
itself counts, so each licence name is kept or dropped by the nearest subject before it
in its sentence ("the code is EUPL-1.2, the data CC-BY-4.0": EUPL-1.2 only). How
several licences combine is taken from the words: an SPDX expression written out
(``MIT OR EUPL-1.1``) or choice wording ("dual-licensed", "you can choose") gives
``OR``; otherwise nothing is guessed.

A manifest field that names no SPDX licence but says the project is closed
(``UNLICENSED``, ``proprietary``) is a statement too: :data:`PROPRIETARY`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from registry.licensing.expressions import licence_ids, normalise_expression
from registry.licensing.names import licence_sections, named_spans

__all__ = ["PROPRIETARY", "Statement", "declared_field", "prose_statement", "readme_statement"]

#: The expression recorded for a manifest that declares the project closed.
PROPRIETARY = "LicenseRef-proprietary"

_OTHER = re.compile(
    r"\b(?:data|datasets?|databases?|contents?|documentation|docs|images?|icons?|fonts?|logos?"
    r"|assets|artwork|media|photos?|pictures?|graphics|maps?|tiles|screenshots?|translations?"
    r"|dependenc(?:y|ies)|third[- ]party|vendor(?:ed)?|bundled|librar(?:y|ies)|packages?"
    r"|modules?|plugins?|components?|frameworks?|uses|using|based\s+on|built\s+(?:on|with)"
    r"|daten|datensätze|datenbank|inhalte?|dokumentation|bilder|grafiken|schriften|karten"
    r"|abhängigkeiten|drittanbieter|bibliothek(?:en)?|komponenten|dati|contenuti"
    r"|documentazione|immagini|librerie|dipendenze|données|contenus?|gegevens|inhoud)\b",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"\b(?:this|the|our|dieses?|diese|unser(?:e|er)?|questo|il|ce|dit|este)\s+"
    r"(?:project|software|repository|repo|program|programme|application|app|tool|work"
    r"|library|package|module|plugin|component|code|source\s+code|projekt|quellcode"
    r"|progetto|codice|projet|proyecto|código)\b|\b(?:source\s+code|quellcode|codice)\b"
    r"|^\s*code\b|\bcode\s*(?::|is|ist|è|est)",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)")
_CHOICE = re.compile(
    r"dual[- ]?licen[cs]|\bdual\s+licen|(?:you|user)s?\s+(?:can|may)\s+(?:choose|select|pick)"
    r"|choose\s+(?:between|either|one|any)|at\s+your\s+(?:option|choice)(?!\)?\s+any\s+later)"
    r"|of\s+your\s+choice|wahlweise|nach\s+wahl|(?:wählen|auswählen)|a\s+scelta|à\s+votre\s+choix"
    r"|\beither\b[^.;\n]{2,80}\bor\b",
    re.IGNORECASE,
)
# An SPDX expression written out: identifiers joined by upper-case operators.
_ID = r"\(?[A-Za-z][A-Za-z0-9.\-]{0,60}\+?\)?"
_WRITTEN = re.compile(rf"{_ID}(?:[ \t]{{1,3}}(?:OR|AND|WITH)[ \t]{{1,3}}{_ID}){{1,12}}")
_CLOSED = re.compile(
    r"^\s*(?:unlicensed|proprietary|proprietär|commercial|closed[- ]source|all rights reserved"
    r"|private|other/proprietary license|licenseref-proprietary)\s*$",
    re.IGNORECASE,
)
_HEADING_LINE = re.compile(r"^#{1,6}\s*(.+)$|^(\S.*)\n[=\-]{3,}\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Statement:
    """The licences a statement names (SPDX ids) and, where it says so, how they combine."""

    expression: str | None
    ids: tuple[str, ...]


def _about_other(text: str, start: int) -> bool:
    """True when the nearest subject before ``start`` in its sentence is not the project."""
    begin = max(0, start - 400)  # bounded: a hostile README holds thousands of names
    ends = [m.end() for m in _SENTENCE_END.finditer(text, begin, start)]
    window = text[(ends[-1] if ends else begin) : start][-160:]
    other = [m.end() for m in _OTHER.finditer(window)]
    own = [m.end() for m in _SELF.finditer(window)]
    return bool(other) and (not own or other[-1] > own[-1])


def _under_other_heading(text: str, start: int) -> bool:
    """True when the nearest sub-heading above ``start`` is about data, docs or dependencies."""
    headings = list(_HEADING_LINE.finditer(text, max(0, start - 3000), start))
    if not headings:
        return False
    title = headings[-1].group(1) or headings[-1].group(2) or ""
    return bool(_OTHER.search(title)) and not _SELF.search(title)


def _written_expression(text: str) -> str | None:
    for match in _WRITTEN.finditer(text):
        if _about_other(text, match.start()) or _under_other_heading(text, match.start()):
            continue
        expression = normalise_expression(match.group(0).strip())
        if expression and len(licence_ids(expression)) > 1:
            return expression
    return None


def prose_statement(text: str) -> Statement:
    """What a passage of prose says about the project's licence."""
    written = _written_expression(text)
    if written:
        return Statement(written, tuple(sorted(licence_ids(written))))
    spans = [
        spdx
        for start, _, spdx in named_spans(text)
        if not _about_other(text, start) and not _under_other_heading(text, start)
    ]
    ids = tuple(dict.fromkeys(spans))
    if len(ids) == 1:
        return Statement(ids[0], ids)
    if len(ids) > 1 and _CHOICE.search(text):
        return Statement(normalise_expression(" OR ".join(ids)), ids)
    return Statement(None, ids)


_LICENSED_UNDER = re.compile(
    r"(?:licen[cs]ed|released|distributed|available|lizenziert|veröffentlicht)\s+under"
    r"\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?(?:[^\n.;]|\.(?=\w)){2,80}",
    re.IGNORECASE,
)


def readme_statement(readme: str) -> Statement:
    """A README's statement: its licence section, else its "licensed under" sentences.

    A section whose heading is about something else ("Data licence", "Lizenz der
    Daten") is skipped for the next licence heading.
    """
    for heading, body in licence_sections(readme):
        if _OTHER.search(heading) and not _SELF.search(heading):
            continue
        found = prose_statement(body[:3000])
        if found.ids:
            return found
    sentences = []
    for match in itertools.islice(_LICENSED_UNDER.finditer(readme), 20):
        if not _about_other(readme, match.start()):
            sentences.append(readme[max(0, match.start() - 200) : match.end()])
    if not sentences:
        return Statement(None, ())
    # The sentence's own subject decides; earlier words in the window only give context.
    return prose_statement(" \n\n".join(s.rsplit("\n\n", 1)[-1] for s in sentences))


def declared_field(raw: str) -> Statement:
    """A manifest's licence field: an SPDX expression, a licence name, or "closed"."""
    expression = normalise_expression(raw)
    if expression:
        return Statement(expression, tuple(sorted(licence_ids(expression))))
    if _CLOSED.match(raw):
        return Statement(PROPRIETARY, (PROPRIETARY,))
    if re.match(r"(?i)\s*see licen[cs]e in\b", raw):
        return Statement(None, ())  # npm: a pointer to the licence file, not a licence
    return prose_statement(raw[:300])
