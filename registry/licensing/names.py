"""Licences named in prose: README licence sections, notices, manifest classifiers.

A README that says "licensed under the MIT License" *declares* a licence; it does not
contain one. These helpers find such names so that declared and detected licences can
be compared. Only a README's licence section and explicit "licensed under" phrases
are read, so a README that mentions GPL in passing declares nothing.

The GNU licences come in two variants a name alone does not tell apart: a name is read
as ``-or-later`` only when the prose says so ("v3 or later", "GPLv3+", "or (at your
option) any later version", "oder später"), otherwise as ``-only``.
"""

from __future__ import annotations

import re

from registry.licensing.expressions import normalise_expression

__all__ = [
    "licence_from_classifier",
    "licence_section",
    "licence_sections",
    "licences_in_readme",
    "licences_named",
    "named_spans",
]

_V = (
    r"(?:,?\s*(?:v(?:ersion|er\.?|\.)?\s*)?"
    # the notice every GNU licence recommends, in English and German
    r"|\s+as\s+published\s+by\s+the\s+free\s+software\s+foundation[,;]?\s*(?:either\s+)?version\s+"
    r"|,?\s+wie\s+von\s+der\s+free\s+software\s+foundation\s+veröffentlicht,?[^.;]{0,60}?"
    r"(?:entweder\s+)?(?:gemäß\s+)?version\s+)"
)
# GNU licences: (pattern with the version in group "v", SPDX base without the version).
_GNU: tuple[tuple[str, str], ...] = (
    (
        rf"gnu affero general public licen[cs]e{_V}(?P<v>3)(?:\.0)?|\bagpl[- ]?v?(?P<v2>3)(?:\.0)?",
        "AGPL",
    ),
    (
        rf"gnu (?:lesser|library) general public licen[cs]e{_V}(?P<v>2\.1|2|3)(?:\.0)?"
        r"|\blgpl[- ]?v?(?P<v2>2\.1|2|3)(?:\.0)?",
        "LGPL",
    ),
    (
        rf"gnu general public licen[cs]e{_V}(?P<v>[123])(?:\.0)?|\bgpl[- ]?v?(?P<v2>[123])(?:\.0)?",
        "GPL",
    ),
)
_GNU_VERSIONS = {"1": "1.0", "2": "2.0", "2.1": "2.1", "3": "3.0"}
#: Words right after a GNU licence's name that make it "or later".
_LATER = re.compile(
    r"\A(?:\s*\+|[^.;\n]{0,60}?(?:or\s+(?:\(at\s+your\s+option\)\s+)?(?:any\s+)?later"
    r"|or\s+newer|oder\s+(?:\(nach\s+ihrer\s+wahl\)\s+)?(?:jede[rn]?\s+)?(?:spätere|neuere)|"
    r"o\s+(?:qualsiasi\s+)?(?:versione\s+)?successiva|ou\s+ultérieure|of\s+later))",
    re.IGNORECASE,
)
_EUPL = r"european union public licen[cs]e,?\s*\(?(?:eupl\s*)?v?(?:ersion|\.)?\s?"
# (pattern, SPDX id). Order matters: longer, more specific names first.
_NAMES: tuple[tuple[str, str], ...] = (
    (rf"{_EUPL}1\.2|eupl[- ]?v?\.?\s?1\.2", "EUPL-1.2"),
    (rf"{_EUPL}1\.1|eupl[- ]?v?\.?\s?1\.1", "EUPL-1.1"),
    (r"apache licen[cs]e,? v(?:ersion|\.)? ?2(?:\.0)?|apache[- ]2(?:\.0)?", "Apache-2.0"),
    (r"mozilla public licen[cs]e,? v?(?:ersion|\.)? ?2(?:\.0)?|mpl[- ]?2(?:\.0)?", "MPL-2.0"),
    (r"eclipse public licen[cs]e,? v?(?:ersion|\.)? ?2(?:\.0)?|epl[- ]?2(?:\.0)?", "EPL-2.0"),
    (r"bsd 3-clause|3-clause bsd|new bsd|modified bsd|bsd-3-clause", "BSD-3-Clause"),
    (r"bsd 2-clause|2-clause bsd|simplified bsd|freebsd licen[cs]e|bsd-2-clause", "BSD-2-Clause"),
    (r"\bmit[- ](?:licen[cs]|lizenz|licenza)", "MIT"),
    (r"\bisc licen[cs]e", "ISC"),
    (r"the unlicense|\bunlicense\b", "Unlicense"),
    (r"cc0|creative commons zero", "CC0-1.0"),
    (r"cc[- ]by[- ]sa[- ]4\.0", "CC-BY-SA-4.0"),
    (r"cc[- ]by[- ]4\.0", "CC-BY-4.0"),
)
_COMPILED_GNU = tuple((re.compile(pattern, re.IGNORECASE), base) for pattern, base in _GNU)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), spdx) for pattern, spdx in _NAMES)
_SPDX_TOKEN = re.compile(
    r"(?<![\w.\-])(?:[A-Za-z][A-Za-z0-9]*-(?:[A-Za-z0-9.\-]*[A-Za-z0-9])?\+?|MIT|ISC)(?![\w\-])"
)
_HEADING = re.compile(
    r"^(#{1,6}\s*|\s*)(licen[cs]e|licensing|lizenz|licenza|licence|copyright and licen[cs]e)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)
_NEXT_HEADING = re.compile(r"^#{1,6}\s+\S|^\S.*\n[=\-]{3,}\s*$", re.MULTILINE)
_LICENSED_UNDER = re.compile(
    r"(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?"
    r"((?:[^\n.;]|\.(?=\w)){2,80})",
    re.IGNORECASE,
)


def licence_sections(readme: str) -> list[tuple[str, str]]:
    """Every licence section of a README as ``(heading line, body)``, in order."""
    sections = []
    for heading in _HEADING.finditer(readme):
        body = re.sub(r"^\n?[=\-]{3,}[ \t]*", "", readme[heading.end() :])
        following = _NEXT_HEADING.search(body)
        sections.append((heading.group(0), body[: following.start()] if following else body))
    return sections


def licence_section(readme: str) -> str | None:
    """The text of a README's first licence section (Markdown or underlined heading), if any."""
    sections = licence_sections(readme)
    return sections[0][1] if sections else None


def _gnu_id(base: str, version: str, rest: str) -> str:
    suffix = "-or-later" if _LATER.match(rest) else "-only"
    return f"{base}-{_GNU_VERSIONS[version]}{suffix}"


def named_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, SPDX id)`` of every licence name in ``text``, in order."""
    found: list[tuple[int, int, str]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b, _ in found)

    # Exact SPDX identifiers first: "AGPL-3.0-or-later" must not be read as "AGPL v3".
    for match in _SPDX_TOKEN.finditer(text):
        token = match.group(0)
        digits = any(char.isdigit() for char in token)
        normal = normalise_expression(token) if digits or token in ("MIT", "ISC") else None
        if normal is None:
            continue
        if normal.endswith("-only") and not token.lower().endswith("-only"):
            normal = _gnu_or_only(normal, text[match.end() :])
        found.append((match.start(), match.end(), normal))
    for pattern, base in _COMPILED_GNU:
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                version = match.group("v") or match.group("v2")
                spdx = _gnu_id(base, version, text[match.end() : match.end() + 80])
                found.append((match.start(), match.end(), spdx))
    for pattern, spdx in _COMPILED:
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                found.append((match.start(), match.end(), spdx))
    return sorted(found)


def _gnu_or_only(normal: str, rest: str) -> str:
    """``GPL-3.0`` (a deprecated id) followed by "or later" in prose is ``GPL-3.0-or-later``."""
    return normal.removesuffix("-only") + "-or-later" if _LATER.match(rest[:80]) else normal


def licences_named(text: str) -> tuple[str, ...]:
    """SPDX ids of the licences a short prose passage names, in order of appearance.

    Versions missing from the prose ("GPL") yield nothing rather than a guess.
    """
    return tuple(dict.fromkeys(spdx for _, _, spdx in named_spans(text)))


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
