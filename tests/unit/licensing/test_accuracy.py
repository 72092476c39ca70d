"""Licence identification accuracy on real licence texts and realistic variants.

The 35 most used licences (GitHub, ClearlyDefined and Debian usage) are taken from the
reference corpus and altered the way projects alter them: another copyright line,
re-wrapped lines, Markdown, CRLF with typographic quotes and British spelling.
Independent copies from ``/usr/share/common-licenses`` are added where the machine
has them. Texts that only *name* licences must not be identified as licences.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from registry.licensing import identify_licence_text, licence_family
from tests.fixtures.gitrepos import licence_text

TOP = {
    "mit": "MIT",
    "apache-2.0": "Apache-2.0",
    "gpl-3.0": "GPL-3.0-only",
    "gpl-2.0": "GPL-2.0-only",
    "bsd-new": "BSD-3-Clause",
    "bsd-simplified": "BSD-2-Clause",
    "agpl-3.0": "AGPL-3.0-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "mpl-2.0": "MPL-2.0",
    "isc": "ISC",
    "unlicense": "Unlicense",
    "cc0-1.0": "CC0-1.0",
    "epl-1.0": "EPL-1.0",
    "epl-2.0": "EPL-2.0",
    "eupl-1.2": "EUPL-1.2",
    "eupl-1.1": "EUPL-1.1",
    "bsd-zero": "0BSD",
    "zlib": "Zlib",
    "boost-1.0": "BSL-1.0",
    "wtfpl-2.0": "WTFPL",
    "artistic-2.0": "Artistic-2.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "mit-0": "MIT-0",
    "ofl-1.1": "OFL-1.1",
    "postgresql": "PostgreSQL",
    "lgpl-2.0": "LGPL-2.0-only",
    "ms-pl": "MS-PL",
    "apache-1.1": "Apache-1.1",
    "bsd-original": "BSD-4-Clause",
    "afl-3.0": "AFL-3.0",
    "osl-3.0": "OSL-3.0",
    "cecill-2.1": "CECILL-2.1",
    "upl-1.0": "UPL-1.0",
}
DEBIAN = {
    "Apache-2.0": "Apache-2.0",
    "GPL-2": "GPL-2.0-only",
    "GPL-3": "GPL-3.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-3": "LGPL-3.0-only",
    "MPL-2.0": "MPL-2.0",
    "CC0-1.0": "CC0-1.0",
    "BSD": "BSD-3-Clause",
}
NEGATIVES = [
    "# Project\n\nThis tool is licensed under the GPL. See LICENSE for details.",
    "Compatible Licences according to Article 5 EUPL are: "
    "GNU General Public License (GPL) v. 2, v. 3; "
    "GNU Affero General Public License (AGPL) v. 3; "
    "Open Software License (OSL) v. 2.1, v. 3.0; "
    "Eclipse Public License (EPL) v. 1.0; CeCILL v. 2.0, v. 2.1; "
    "Mozilla Public Licence (MPL) v. 2; "
    "GNU Lesser General Public Licence (LGPL) v. 2.1, v. 3; "
    "Creative Commons Attribution-ShareAlike v. 3.0",
    "Copyright (c) 2024 Stadt Beispiel. All rights reserved.",
    "Install with pip, then run the server. The API follows OpenAPI 3 and OParl 1.1. " * 5,
]


def _reflow(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(textwrap.fill(p, width=52) for p in paragraphs)


def _markdown(text: str, title: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = [f"# {title} licence", "", "Copyright © 2022 [Stadt Ulm](https://ulm.de)", ""]
    for index, para in enumerate(paragraphs):
        words = para.split(" ", 2)
        head = f"**{' '.join(words[:2])}**" + (" " + words[2] if len(words) > 2 else "")
        out.append(f"- {head}" if index % 3 == 0 else f"> {head}" if index % 3 == 1 else head)
        out.append("")
    return "\n".join(out)


def _british(text: str) -> str:
    return text.replace("\n", "\r\n").replace('"', "“").replace("license", "licence")


def _cases() -> list[tuple[str, str, str | None]]:
    cases: list[tuple[str, str, str | None]] = []
    for key, spdx in TOP.items():
        body = licence_text(key)
        cases += [
            (
                f"{key}/copyright",
                "Copyright (c) 2019-2024 Landeshauptstadt München\n\n" + body,
                spdx,
            ),
            (
                f"{key}/reflowed",
                "Copyright 2021 Jane Doe <jane@example.org>\n" + _reflow(body),
                spdx,
            ),
            (f"{key}/markdown", _markdown(body, spdx), spdx),
            (f"{key}/british-crlf", _british(body), spdx),
        ]
    common = Path("/usr/share/common-licenses")
    for name, spdx in DEBIAN.items():
        if (common / name).is_file():
            cases.append((f"debian/{name}", (common / name).read_text(encoding="utf-8"), spdx))
    cases += [(f"negative/{n}", text, None) for n, text in enumerate(NEGATIVES)]
    return cases


def _correct(text: str, expected: str | None) -> bool:
    result = identify_licence_text(text)
    if expected is None:
        return not result.matches
    return (
        bool(result.ids)
        and licence_family(result.ids[0]) == licence_family(expected)
        and (result.ids[0] == expected or expected.endswith("-only"))
    )


def test_accuracy_floor(capsys: pytest.CaptureFixture[str]) -> None:
    cases = _cases()
    wrong = [name for name, text, expected in cases if not _correct(text, expected)]
    accuracy = 1 - len(wrong) / len(cases)
    with capsys.disabled():
        print(
            f"\nlicence identification accuracy: {accuracy:.1%} of {len(cases)} texts;"
            f" wrong: {wrong}"
        )
    assert accuracy >= 0.95, wrong
