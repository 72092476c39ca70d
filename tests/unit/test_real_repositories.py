"""The hand-checked facts of real repositories (tests/data) and the judges of bench/truth_eval.

The snapshots themselves are not in the suite (they are fetched for the evaluation); what the
suite keeps honest is the data file (every repository states every fact class, with SPDX
expressions that parse and standards the catalogue knows) and the judges that read a page.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from license_expression import get_spdx_licensing

ROOT = Path(__file__).resolve().parents[2]
FACTS = yaml.safe_load((ROOT / "tests/data/real_repositories.yml").read_text(encoding="utf-8"))
REPOS: list[dict[str, Any]] = FACTS["repositories"]
STANDARDS = {
    s["slug"]
    for s in yaml.safe_load((ROOT / "schemas/standards.yml").read_text(encoding="utf-8"))[
        "standards"
    ]
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("truth_eval", ROOT / "bench/truth_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["truth_eval"] = module
    spec.loader.exec_module(module)
    return module


def test_at_least_twelve_repositories_with_every_fact() -> None:
    assert len(REPOS) >= 12
    assert len({r["url"].lower() for r in REPOS}) == len(REPOS)
    keys = {"head", "last_commit", "year_before_last_commit", "name", "licence", "conflicts"}
    keys |= {"current_release", "documents", "provides", "consumes", "snapshot"}
    for repo in REPOS:
        assert keys <= repo.keys(), (repo["url"], keys - repo.keys())
        assert len(repo["head"]) == 40


@pytest.mark.parametrize("repo", REPOS, ids=lambda r: r["url"].rsplit("/", 1)[-1])
def test_facts_use_spdx_and_the_standards_catalogue(repo: dict[str, Any]) -> None:
    licensing = get_spdx_licensing()
    for key in ("licence", "licence_texts"):
        if repo.get(key):
            assert not licensing.validate(repo[key]).errors, (key, repo[key])
    assert set(repo["provides"]) | set(repo["consumes"]) <= STANDARDS
    assert set(repo["conflicts"]["culprits"]).isdisjoint(repo["conflicts"]["also_named"])


def _page(sections: dict[str, str]) -> str:
    return "".join(f'<section aria-labelledby="{k}">{v}</section>' for k, v in sections.items())


def test_judges_tell_right_from_wrong() -> None:
    bench = _bench()
    fact = next(r for r in REPOS if "design-angular-kit" in r["url"])
    right = bench.Shown(
        {
            "licence": "BSD-3-Clause-Clear",
            "licence_detected": "BSD-3-Clause",
            "interfaces": [],
            "version": {"current": "v21.2.0", "other_tags": ["v0.0.0"]},
            "releases": [{"version": "21.2.0"}],
        },
        _page(
            {
                "facts": "<dd>21.2.0</dd>",
                "licence": "<ul><li><code>publiccode.yml: BSD-3-Clause-Clear ≠ LICENSE: "
                "BSD-3-Clause</code></li></ul>",
            }
        ),
    )
    assert bench.judge_licence(fact, right).right
    assert bench.judge_conflicts(fact, right).right
    assert bench.judge_version(fact, right).right
    assert bench.judge_standards(fact, right).right
    wrong = bench.Shown(
        {
            "licence": "BSD-3-Clause-Clear AND MIT",
            "interfaces": [
                {"standard": "openapi", "role": "provides", "evidence": "CHANGELOG.md"},
            ],
            "version": {"current": "0.0.0", "other_tags": []},
        },
        _page({"facts": "0.0.0", "licence": "<ul><li>README.md: MIT ≠ LICENSE</li></ul>"}),
    )
    assert not bench.judge_licence(fact, wrong).right
    assert not bench.judge_conflicts(fact, wrong).right
    assert not bench.judge_version(fact, wrong).right
    assert not bench.judge_standards(fact, wrong).right
