"""Issue 8 end to end in a real browser: publish, watch the import, edit, adopt, report.

A real ``registry serve --demo`` (with its in-process worker) imports a real repository
served by ``git http-backend`` on loopback; accounts are made with the real CLI; Debian's
Chromium walks the journey (``publish_flow.mjs``) and axe-core checks the member pages.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser._server import HERE, run_node, running_registry
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.httpgit import serving
from tests.fixtures.server import EXE, registry_env

OUTPUT = HERE / "output" / "publish-flow"
PASSWORD = "a long enough password"
PROVIDER = "Dataport AöR <Betrieb>"
ACCOUNTS = [
    ("member-a@hamburg.example", "member", "lgv-hamburg"),
    ("member-b@madrid.example", "member", "madrid"),
    ("funder@bund.example", "funder", None),
]


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("publish-flow")
    repos = tmp / "repos"
    repos.mkdir()
    build_sample_repo(repos / "sample.git")
    with (
        serving(repos) as git,
        running_registry(tmp, REGISTRY_ALLOW_PRIVATE_ADDRESSES="true") as (base, url),
    ):
        for email, role, org in ACCOUNTS:
            args: list[str | Path] = [EXE, "account", "create", email, "--role", role,
                                      "--password-stdin"]  # fmt: skip
            args += ["--organisation", org] if org else []
            made = subprocess.run(args, input=f"{PASSWORD}\n", env=registry_env(url), text=True,
                                  capture_output=True, check=False, timeout=60)  # fmt: skip
            assert made.returncode == 0, made.stderr
        _add_provider(base, url)
        flow = {
            "password": PASSWORD, "memberA": ACCOUNTS[0][0], "organisationA": "lgv-hamburg",
            "memberB": ACCOUNTS[1][0], "funder": ACCOUNTS[2][0], "provider": PROVIDER,
            "repository": git.url("sample.git"), "profile": "smart-city-mpsc",
        }  # fmt: skip
        yield run_node("publish_flow.mjs", base, OUTPUT, {"FLOW": json.dumps(flow)}, timeout=300)


def _add_provider(base: str, url: str) -> None:
    """Edits choose providers that exist: member A adds this one first, on its own."""
    made = subprocess.run([EXE, "token", "create", ACCOUNTS[0][0], "--scope", "publish"],
                          env=registry_env(url), text=True, capture_output=True, check=False,
                          timeout=60)  # fmt: skip
    assert made.returncode == 0, made.stderr
    answer = httpx.post(f"{base}/api/v1/organisations", json={"name": PROVIDER,
                        "kind": "it-provider"}, timeout=30,
                        headers={"Authorization": f"Bearer {made.stdout.strip()}"})  # fmt: skip
    assert answer.status_code == 201, answer.text


def test_the_import_finishes_and_links_the_new_entry(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert "/imports/" in steps["importPage"]
    assert steps["slug"] == "maengelmelder"
    assert steps["importSeconds"] < 150


def test_the_operating_model_edit_shows_escaped_on_the_page(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert PROVIDER in steps["solutionText"]  # textContent: the markup came through as text
    # the publisher's own member sees who edited (anonymous readers see only the role)
    assert "member-a@hamburg.example" in steps["historyText"]
    assert "account:" not in steps["historyText"]


def test_the_second_town_is_listed_as_operator(journey: dict[str, Any]) -> None:
    assert "Ayuntamiento de Madrid" in journey["steps"]["adoptersText"]


def test_the_funder_prints_the_profile_report(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert "maengelmelder" in steps["reportText"].lower() or "Mängelmelder" in steps["reportText"]
    pdf = Path(steps["pdf"])
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


@pytest.mark.parametrize("name", ["login", "publish", "edit", "history", "adopt"])
def test_member_pages_have_no_wcag_violations(journey: dict[str, Any], name: str) -> None:
    (audit,) = [a for a in journey["audits"] if a["name"] == name]
    assert audit["passes"] > 10
    assert audit["violations"] == [], json.dumps(audit["violations"], indent=1)
