"""Licences named in prose: README licence sections, notices, manifest classifiers.

A README that says "licensed under the MIT License" *declares* a licence; it does not
contain one. These helpers find such names so that declared and detected licences can
be compared. Only a README's licence section and explicit "licensed under" phrases
are read, so a README that mentions GPL in passing declares nothing.
"""

from __future__ import annotations

import re

from registry.licensing.expressions import normalise_expression

__all__ = ["licence_from_classifier", "licence_section", "licences_in_readme", "licences_named"]

# (pattern, SPDX id). Order matters: longer, more specific names first.
_NAMES: tuple[tuple[str, str], ...] = (
    (r"gnu affero general public licen[cs]e,? v(?:ersion|\.)? ?3(?:\.0)?|agpl-?v?3", "AGPL-3.0"),
    (r"gnu lesser general public licen[cs]e,? v(?:ersion|\.)? ?2\.1|lgpl-?v?2\.1", "LGPL-2.1"),
    (r"gnu lesser general public licen[cs]e,? v(?:ersion|\.)? ?3|lgpl-?v?3", "LGPL-3.0"),
    (r"gnu general public licen[cs]e,? v(?:ersion|\.)? ?3|\bgpl-?v?3", "GPL-3.0"),
    (r"gnu general public licen[cs]e,? v(?:ersion|\.)? ?2|\bgpl-?v?2", "GPL-2.0"),
    (r"european union public licen[cs]e,? v?(?:ersion|\.)? ?1\.2|eupl[- ]?v?1\.2", "EUPL-1.2"),
    (r"european union public licen[cs]e,? v?(?:ersion|\.)? ?1\.1|eupl[- ]?v?1\.1", "EUPL-1.1"),
    (r"apache licen[cs]e,? v(?:ersion|\.)? ?2(?:\.0)?|apache[- ]2(?:\.0)?", "Apache-2.0"),
    (r"mozilla public licen[cs]e,? v(?:ersion|\.)? ?2(?:\.0)?|mpl[- ]?2(?:\.0)?", "MPL-2.0"),
    (r"eclipse public licen[cs]e,? v(?:ersion|\.)? ?2(?:\.0)?|epl[- ]?2(?:\.0)?", "EPL-2.0"),
    (r"bsd 3-clause|3-clause bsd|new bsd|modified bsd|bsd-3-clause", "BSD-3-Clause"),
    (r"bsd 2-clause|2-clause bsd|simplified bsd|freebsd licen[cs]e|bsd-2-clause", "BSD-2-Clause"),
    (r"\bmit licen[cs]e|\bmit\b", "MIT"),
    (r"\bisc licen[cs]e", "ISC"),
    (r"the unlicense|\bunlicense\b", "Unlicense"),
    (r"cc0|creative commons zero", "CC0-1.0"),
    (r"cc[- ]by[- ]sa[- ]4\.0", "CC-BY-SA-4.0"),
    (r"cc[- ]by[- ]4\.0", "CC-BY-4.0"),
)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), spdx) for pattern, spdx in _NAMES)
_SPDX_TOKEN = re.compile(r"\b(?:[A-Z][A-Za-z0-9]*-[A-Za-z0-9.+\-]*[0-9][A-Za-z0-9.+\-]*|MIT|ISC)\b")
_HEADING = re.compile(
    r"^(#{1,6}\s*|\s*)(licen[cs]e|licensing|lizenz|copyright and licen[cs]e)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)
_NEXT_HEADING = re.compile(r"^#{1,6}\s+\S|^\S.*\n[=\-]{3,}\s*$", re.MULTILINE)
_LICENSED_UNDER = re.compile(
    r"(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?"
    r"((?:[^\n.;]|\.(?=\w)){2,80})",
    re.IGNORECASE,
)


def licence_section(readme: str) -> str | None:
    """The text of a README's licence section (Markdown or underlined heading), if any."""
    heading = _HEADING.search(readme)
    if heading is None:
        return None
    body = re.sub(r"^\n?[=\-]{3,}[ \t]*", "", readme[heading.end() :])
    following = _NEXT_HEADING.search(body)
    return body[: following.start()] if following else body


def licences_named(text: str) -> tuple[str, ...]:
    """SPDX ids of the licences a short prose passage names, in order of appearance.

    Versions missing from the prose ("GPL") yield nothing rather than a guess.
    """
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    # Exact SPDX identifiers first: "AGPL-3.0-or-later" must not be read as "AGPL v3".
    for match in _SPDX_TOKEN.finditer(text):
        normal = normalise_expression(match.group(0))
        if normal:
            taken.append(range(match.start(), match.end()))
            found.append((match.start(), normal))
    for pattern, spdx in _COMPILED:
        for match in pattern.finditer(text):
            if not any(match.start() in other or match.end() - 1 in other for other in taken):
                taken.append(range(match.start(), match.end()))
                found.append((match.start(), spdx))
    return tuple(dict.fromkeys(spdx for _, spdx in sorted(found)))


def licences_in_readme(readme: str) -> tuple[str, ...]:
    """Licences a README declares: its licence section, else its "licensed under" phrases."""
    section = licence_section(readme)
    if section is not None:
        named = licences_named(section[:2000])
        if named:
            return named
    phrases = " \n".join(match.group(1) for match in _LICENSED_UNDER.finditer(readme))
    return licences_named(phrases)


def licence_from_classifier(classifier: str) -> str | None:
    """``License :: OSI Approved :: MIT License`` -> ``MIT`` (Python trove classifiers)."""
    if not classifier.startswith("License ::"):
        return None
    named = licences_named(classifier.rsplit("::", 1)[-1])
    return named[0] if len(named) == 1 else None
