"""Issue 17 end to end in a real browser: (2) a provider's person who does not exist yet
signs up, joins the provider (its admin approves on „Meine Organisation“) and is picked
as provider in an offer, which then shows on the provider's page; (3) the demo's three
sign-ins each land on their own start page.

A real ``registry serve --demo`` sends its mail to a real SMTP server on loopback; the
link in it is handed to the second browser run as a person would click it. Screenshots
at 1366 and 390 px are kept in ``tests/browser/output/org-flow``.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.demo import DEMO_SIGN_INS
from tests.browser._server import HERE, run_node
from tests.fixtures.server import EXE, registry_env, running_server
from tests.fixtures.smtp import smtp_server

OUTPUT = HERE / "output" / "org-flow"
PASSWORD = "a long enough password"
ADMIN = "chefin@dataport.example"
PERSON = "neu@dataport.example"
FLOW = {"password": PASSWORD, "admin": ADMIN, "person": PERSON, "provider": "dataport",
        "providerName": "Dataport", "solution": "eappointment"}  # fmt: skip


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("org-flow")
    url = f"sqlite:///{tmp}/registry.sqlite3"
    # timeout: loading and scoring the demo takes a while on a busy machine
    with (
        smtp_server() as (inbox, smtp_url),
        running_server(url, tmp, "--demo", timeout=240, REGISTRY_SMTP_URL=smtp_url) as base,
    ):
        made = subprocess.run([EXE, "account", "create", ADMIN, "--role", "member",
                               "--organisation", "dataport", "--org-admin", "--password-stdin"],
                              input=f"{PASSWORD}\n", env=registry_env(url), text=True,
                              capture_output=True, check=False, timeout=60)  # fmt: skip
        assert made.returncode == 0, made.stderr
        first = run_node(
            "org_flow.mjs", base, OUTPUT, {"FLOW": json.dumps(FLOW | {"step": "signup"})}
        )
        mails = [m for rcpt, m in inbox.messages if PERSON in rcpt]
        assert len(mails) == 1, inbox.messages
        link = re.search(
            r"https?://[^/\s]+(/signup/confirm\?token=[\w.\-]+)", mails[0].get_content()
        )
        assert link, mails[0].get_content()
        second = run_node("org_flow.mjs", base, OUTPUT / "join",
                          {"FLOW": json.dumps(FLOW | {"step": "join", "link": link.group(1)})},
                          timeout=240)  # fmt: skip
        yield {"steps": first["steps"] | second["steps"],
               "audits": first["audits"] + second["audits"]}  # fmt: skip


def test_the_person_asks_to_join_and_waits_for_the_admins(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert PERSON in steps["sentText"]
    assert "ist aktiv" in steps["confirmedText"]
    assert "Sie gehören noch keiner Organisation an" in steps["beforeText"]
    assert PERSON in steps["requestsText"]


def test_the_admin_approves_and_the_person_is_a_member(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert "Beitrittsanfragen (0)" in steps["membersText"]
    assert PERSON in steps["membersText"] and "Mitglieder (2)" in steps["membersText"]
    assert "Meine Organisation" in steps["accountText"]
    assert steps["memberUrl"].endswith("/my-organisation/dataport")


def test_the_provider_is_picked_and_the_offer_shows_on_its_page(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert "Dataport AöR" in steps["foundText"] and "dataport" in steps["foundText"]
    assert "Ihre Änderungen sind gespeichert." in steps["savedText"]
    assert "E-Appointment" in steps["providerText"]


def test_each_demo_sign_in_lands_on_its_own_start_page(journey: dict[str, Any]) -> None:
    demo = journey["steps"]["demo"]
    assert {key: d["url"] for key, d in demo.items()} == {s.key: s.start for s in DEMO_SIGN_INS}
    assert "/publish" in demo["town"]["nav"] and "/reports" not in demo["town"]["nav"]
    assert "/reports" in demo["funder"]["nav"] and "/publish" not in demo["funder"]["nav"]
    assert (
        "/my-organisation" in demo["town"]["nav"] and "/my-organisation" in demo["provider"]["nav"]
    )
    assert "/my-organisation" not in demo["funder"]["nav"]  # no organisation to show


def test_new_pages_have_no_serious_violations_at_either_width(journey: dict[str, Any]) -> None:
    audits = journey["audits"]
    assert {(a["name"], a["width"]) for a in audits} >= {
        (name, width) for width in (1366, 390)
        for name in ("signup-found", "signup-sent", "my-organisations-none",
                     "my-organisation-requests", "my-organisation-member", "edit-search",
                     "solution-saved")
    }  # fmt: skip
    for a in audits:
        assert a["passes"] > 10, a["name"]
        serious = [v for v in a["violations"] if v["impact"] in {"serious", "critical"}]
        assert serious == [], (a["name"], a["width"], json.dumps(serious, indent=1))
        assert a["overflow"] <= 0, (a["name"], a["width"], "wider than the screen")
        assert Path(a["shot"]).stat().st_size > 5000
