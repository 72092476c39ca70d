"""Issue 18 end to end in a real browser: a funder signs up, records a programme and two
grants, reads the programme and grant reports and files them as PDF and CSV.

A real ``registry serve --demo`` mails the confirmation link to a real SMTP server on
loopback; a real repository (pygit2, imported by the real CLI) is the funded solution that
meets the Smart City profile; the demo's Gieß den Kiez fails a rule and lacks one. The PDF
is rendered to PNG with poppler's ``pdftoppm`` and read with ``pdftotext``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.browser._server import HERE, run_node, running_registry
from tests.fixtures.gitrepos import build_sample_repo
from tests.fixtures.server import EXE, registry_env
from tests.fixtures.smtp import Inbox, smtp_server
from web.catalogues import texts

OUTPUT = HERE / "output" / "funding-flow"
PUBLIC_URL = "https://register.example"
FLOW = {
    "email": "lea.schmidt@stiftung-kommune.example", "person": "Lea Schmidt",
    "password": "a long enough password", "organisation": "Bundesstiftung Digitale Kommune",
    "programme": "Modellregionen Offene Verwaltung", "profile": "smart-city-mpsc",
    "grants": [["maengelmelder", "MOV-2026-001"], ["giessdenkiez", "MOV-2026-002"]],
}  # fmt: skip
RULES = 5  # top-level rules of smart-city-mpsc


def _confirmation(inbox: Inbox, to: str) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        mails = [mail for rcpt, mail in inbox.messages if to in rcpt]
        if mails:
            body = str(mails[-1].get_content())
            found = re.search(re.escape(PUBLIC_URL) + r"(/signup/confirm\?token=[\w.\-]+)", body)
            assert found, body
            return found.group(1)
        time.sleep(0.2)
    pytest.fail(f"no confirmation mail to {to}")


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("funding-flow")
    repo = tmp / "maengelmelder.git"
    build_sample_repo(repo)
    with (
        smtp_server() as (inbox, smtp_url),
        running_registry(tmp, REGISTRY_SMTP_URL=smtp_url, REGISTRY_PUBLIC_URL=PUBLIC_URL) as (
            base,
            url,
        ),
    ):
        made = subprocess.run(
            [EXE, "import", "repository", str(repo), "--url",
             "https://git.example.org/stadt/maengelmelder"],
            env=registry_env(url), text=True, capture_output=True, check=False, timeout=120,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        env = {"FLOW": json.dumps(FLOW)}
        signup = run_node("funding_flow.mjs", base, OUTPUT / "signup", {**env, "STEP": "signup"})
        link = _confirmation(inbox, FLOW["email"])
        walked = run_node("funding_flow.mjs", base, OUTPUT / "journey",
                          {**env, "STEP": "journey", "LINK": link}, timeout=300)  # fmt: skip
        yield {"signup": signup["steps"], **walked}


def test_the_person_signs_up_with_the_funder_organisation(journey: dict[str, Any]) -> None:
    assert journey["signup"]["signupStatus"] == 201
    steps = journey["steps"]
    assert "aktiv" in steps["confirmText"]
    assert steps["landedOn"].endswith("/account")  # and from there the link to the reports


def test_an_invalid_programme_comes_back_in_german(journey: dict[str, Any]) -> None:
    steps = journey["steps"]
    assert steps["invalidStatus"] == 422
    assert "JJJJ-MM-TT" in steps["invalidText"] and "YYYY" not in steps["invalidText"]
    assert steps["invalidMarked"] == "true"


def _audit(journey: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [a for a in journey["audits"] if a["name"] == name]
    return dict(found)


def _english_phrases(text: str) -> list[str]:
    found = []
    catalogues = {lang: texts(lang) for lang in ("en", "de")}
    for key in catalogues["en"]:
        if not key.startswith(("funding.", "reports.", "status.")):
            continue
        english, german = (catalogues[lang][key].split("{")[0].strip(" :") for lang in ("en", "de"))
        if " " in english and english != german and english in text:
            found.append(english)
    return found


@pytest.mark.parametrize("name", ["reports", "programme-invalid", "programme-report",
                                  "grant-report"])  # fmt: skip
def test_report_pages_pass_axe_and_fit_at_390_px(journey: dict[str, Any], name: str) -> None:
    audit = _audit(journey, name)
    assert audit["lang"] == "de"
    for width, shot in audit["shots"].items():
        serious = [v for v in shot["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (width, json.dumps(serious, indent=1))
        assert shot["passes"] > 10
        assert shot["overflow"] <= 0, f"{name} is wider than {width} px"
        assert Path(shot["screenshot"]).stat().st_size > 5000
    assert _english_phrases(audit["text"]) == []


def test_the_programme_report_reads_as_a_funder_needs_it(journey: dict[str, Any]) -> None:
    text = " ".join(_audit(journey, "programme-report")["text"].split())
    assert FLOW["organisation"] in text and FLOW["programme"] in text
    assert "Version 2026.1" in text and PUBLIC_URL in text
    assert "1 von 2 geförderten Lösungen erfüllen das Profil." in text
    assert "Am häufigsten nicht erfüllt" in text
    assert "im Repository festgestellt (Commit " in text
    assert "Fehlt: " in text and "Liefern kann es" in text
    assert "Seitdem hat sich kein Ergebnis geändert." in text  # the kept run, compared


def test_the_grant_report_names_its_grant(journey: dict[str, Any]) -> None:
    text = " ".join(_audit(journey, "grant-report")["text"].split())
    assert "MOV-2026-002" in text and "Nach diesem Profil zählt" in text
    assert "Abhilfe:" in text


def _pdf_text_and_png(pdf: Path) -> tuple[str, Path]:
    pdftoppm, pdftotext = shutil.which("pdftoppm"), shutil.which("pdftotext")
    assert pdftoppm and pdftotext, "apt-get install poppler-utils"
    stem = pdf.with_suffix("")
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", pdf, stem], check=True,
                   timeout=120)  # fmt: skip
    (png,) = pdf.parent.glob(f"{stem.name}-*1.png")
    words = subprocess.run([pdftotext, pdf, "-"], capture_output=True, text=True, check=True,
                           timeout=120).stdout  # fmt: skip
    return " ".join(words.split()), png


@pytest.mark.parametrize("which", ["programmePdf", "grantPdf"])
def test_the_pdf_names_funder_programme_date_and_profile_version(
    journey: dict[str, Any], which: str
) -> None:
    pdf = Path(journey["steps"][which]["path"])
    assert pdf.read_bytes().startswith(b"%PDF")
    text, png = _pdf_text_and_png(pdf)
    day = datetime.now(UTC).date().isoformat()
    german_day = datetime.now(UTC).strftime("%d.%m.%Y")  # the report's date as German writes it
    assert FLOW["organisation"] in text and FLOW["programme"] in text
    assert german_day in text and "Version 2026.1" in text
    assert day in journey["steps"][which]["suggested"]
    if which == "programmePdf":  # the state kept before the download, compared
        assert "Was sich seit dem" in text and "Seitdem hat sich kein Ergebnis geändert." in text
    head = png.read_bytes()[:24]
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert head.startswith(b"\x89PNG") and abs(height / width - 297 / 210) < 0.02  # A4


@pytest.mark.parametrize(("which", "solutions"), [("programmeCsv", 2), ("grantCsv", 1)])
def test_the_csv_has_one_row_per_rule_per_solution(
    journey: dict[str, Any], which: str, solutions: int
) -> None:
    path = Path(journey["steps"][which]["path"])
    with path.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert len(rows) == solutions * RULES
    grant, rule = header.index("Förderkennzeichen"), header.index("Regel-ID")
    assert len({(r[grant], r[rule]) for r in rows}) == solutions * RULES
    day = datetime.now(UTC).date().isoformat()
    assert {r[header.index("Erstellt am")] for r in rows} == {day}
    assert {r[0] for r in rows} == {FLOW["organisation"]}
