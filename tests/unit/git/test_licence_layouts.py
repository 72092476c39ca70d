"""Licence layouts in real (built) repositories: dual, REUSE, expression-only, EUPL."""

from __future__ import annotations

from pathlib import Path

from importers.git import analyse
from registry.settings import Settings
from tests.fixtures.gitrepos import NOW, build_licence_repo, licence_text

SETTINGS = Settings(allow_local_repositories=True)


def _facts(tmp_path: Path, files: dict[str, str | bytes]):  # type: ignore[no-untyped-def]
    path = build_licence_repo(tmp_path / "r.git", dict(files))
    return analyse(str(path), settings=SETTINGS, now=NOW).licence


def test_dual_licence_takes_or_from_the_manifest(tmp_path: Path) -> None:
    licence = _facts(
        tmp_path,
        {
            "LICENSE-MIT": "Copyright (c) 2020 A\n\n" + licence_text("mit"),
            "LICENSE-APACHE": licence_text("apache-2.0"),
            "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n',
        },
    )
    assert licence.detected_expression == "MIT OR Apache-2.0"
    assert not licence.disagreements


def test_reuse_layout(tmp_path: Path) -> None:
    licence = _facts(
        tmp_path,
        {
            "LICENSES/EUPL-1.2.txt": licence_text("eupl-1.2"),
            "LICENSES/CC0-1.0.txt": licence_text("cc0-1.0"),
            "REUSE.toml": (
                'version = 1\n[[annotations]]\npath = "docs/**"\n'
                'SPDX-License-Identifier = "CC0-1.0"\n'
            ),
            "src/a.py": (
                "# SPDX-FileCopyrightText: 2024 Stadt\n# SPDX-License-Identifier: EUPL-1.2\n"
            ),
            "src/b.js": "// SPDX-License-Identifier: EUPL-1.2\n",
        },
    )
    assert licence.reuse_layout
    dirs = {f.path: f for f in licence.findings if f.source == "licenses-dir"}
    assert dirs["LICENSES/EUPL-1.2.txt"].score == 1.0
    assert licence.spdx_header_files == 2
    assert {f.source for f in licence.findings} >= {"reuse-toml", "spdx-header"}


def test_expression_only_file(tmp_path: Path) -> None:
    licence = _facts(tmp_path, {"LICENSE": "MIT OR EUPL-1.1\n"})
    (finding,) = licence.findings
    assert finding.method == "expression" and finding.expression == "MIT OR EUPL-1.1"


def test_eupl_appendix_does_not_add_gpl(tmp_path: Path) -> None:
    licence = _facts(tmp_path, {"LICENSE-EUPL.txt": licence_text("eupl-1.2")})
    (finding,) = licence.findings
    assert finding.ids == ("EUPL-1.2",)


def test_markdown_reflowed_licence(tmp_path: Path) -> None:
    words = licence_text("bsd-new").split()
    lines = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]
    text = "# BSD 3-Clause License\n\nCopyright © 2023 **Stadt Köln**\n\n" + "\n".join(lines)
    licence = _facts(tmp_path, {"LICENSE.md": text})
    assert licence.detected_expression == "BSD-3-Clause"
