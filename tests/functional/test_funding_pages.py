"""A funder records a programme and its grants and files the reports (issue 18), over HTTP.

The catalogue is the demo plus a real repository (built with pygit2, imported by the real
importer), so one funded solution meets the Smart City profile on detected evidence;
demo entries fail a rule or lack information. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from importers.repository import import_repository
from registry.accounts import AccountService
from registry.catalogue import models as m
from registry.demo import load_demo
from registry.organisations import Organisation
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf
from tests.fixtures.gitrepos import build_sample_repo
from web.app import create_app
from web.catalogues import texts

PASSWORD = "a long enough password"
FUNDER = "foerderin@bmbf.example"
STRANGER = "jemand@muenchen.example"
FUNDER_NAME = "Bundesministerium für Bildung und Forschung (seit 2025 BMFTR)"
PROFILE = "smart-city-mpsc"
RULES = 5  # top-level rules of smart-city-mpsc


@pytest.fixture(scope="module")
def client(
    database_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    repo = tmp_path_factory.mktemp("funding") / "maengelmelder.git"
    build_sample_repo(repo)
    with committed(settings) as session:
        load_demo(session)
        public = "https://git.example.org/stadt/maengelmelder"
        import_repository(session, str(repo), settings=settings, now=datetime.now(UTC),
                          trusted=True, url=public)  # fmt: skip
        accounts = AccountService(session)
        accounts.create(FUNDER, role="member", organisation="bmbf", password=PASSWORD)
        accounts.create(STRANGER, role="member", organisation="muenchen", password=PASSWORD)
        # An entry naming its funder as text, in another case: matched to the organisation.
        kolibri = session.scalar(select(m.Solution).where(m.Solution.slug == "kolibri"))
        assert kolibri is not None
        session.add(m.Funding(solution_id=kolibri.id, funder_name=FUNDER_NAME.upper(),
                              programme="hpi schul-cloud (PILOTPROJEKT)",
                              grant_reference="HPI-7"))  # fmt: skip
        # Reused outside the publisher: Stadt München confirms it uses Gieß den Kiez.
        giess = session.scalar(select(m.Solution).where(m.Solution.slug == "giessdenkiez"))
        muc = session.scalar(select(Organisation).where(Organisation.slug == "muenchen"))
        assert giess is not None and muc is not None
        session.add(m.Adoption(solution_id=giess.id, organisation_id=muc.id, role="uses",
                               verified=True))  # fmt: skip
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _sign_in(client: TestClient, email: str) -> None:  # type: ignore[type-arg]
    client.cookies.clear()
    token = csrf(client.get("/login").text)
    done = client.post("/login", data={"email": email, "password": PASSWORD, "_csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303


def _post(client: TestClient, path: str, form: dict[str, str], page: str):  # type: ignore[no-untyped-def,type-arg]
    token = csrf(client.get(page).text)
    return client.post(path, data={**form, "_csrf_token": token}, follow_redirects=False)


def _english(text: str) -> list[str]:
    """English funding phrases (several words, unlike the German) found in ``text``."""
    found = []
    de, en = texts("de"), texts("en")
    for key in en:
        if not key.startswith("funding."):
            continue
        english = en[key].split("{")[0].strip()
        german = de[key].split("{")[0].strip()
        if " " in english.strip(": ") and english != german and english in text:
            found.append(english)
    return found


def _programme(client: TestClient, name: str = "Digitale Modellregionen") -> str:  # type: ignore[type-arg]
    made = _post(client, "/reports/programmes",
                 {"funder": "bmbf", "name": name, "profile": PROFILE,
                  "starts_on": "2026-01-01", "ends_on": "2027-12-31"}, "/reports")  # fmt: skip
    assert made.status_code == 303, made.text
    return str(made.headers["location"])


def test_programme_form_errors_come_back_in_german_on_the_page(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    start = client.get("/reports?lang=de")
    assert start.status_code == 200 and "Programm erfassen" in start.text
    assert "Ein Anforderungsprofil fasst prüfbare Förderbedingungen" in start.text
    cases = [
        ({"name": "", "profile": PROFILE}, "Name: bitte den Namen", 'id="programme-name"'),
        ({"name": "X", "profile": "nope"}, "bitte eines der Profile", 'id="programme-profile"'),
        ({"name": "X", "profile": PROFILE, "starts_on": "1.1.26"}, "JJJJ-MM-TT",
         'id="programme-starts"'),
        ({"name": "X", "profile": PROFILE, "starts_on": "2026-05-01", "ends_on": "2026-01-01"},
         "das Ende liegt vor dem Beginn", 'id="programme-ends"'),
        ({"name": "X", "profile": PROFILE, "funder": "muenchen"}, "Nur Mitglieder", None),
    ]  # fmt: skip
    for form, german, control in cases:
        bad = _post(client, "/reports/programmes", {"funder": "bmbf", **form}, "/reports?lang=de")
        assert bad.status_code == (403 if "funder" in form else 422), form
        assert 'role="alert"' in bad.text and german in bad.text, (form, bad.text[-3000:])
        assert _english(bad.text) == [] and "Only members" not in bad.text
        if control:
            tag = bad.text.split(control, 1)[1].split(">", 1)[0]
            assert 'aria-invalid="true"' in tag
    listed = client.get("/reports").text
    assert "X" not in re.findall(r'programmes/\d+">([^<]+)<', listed)  # nothing half-written


def test_a_funder_files_programme_and_grant_reports(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    where = _programme(client)
    for slug, reference in (("maengelmelder", "DMR-001"), ("giessdenkiez", "DMR-002"),
                            ("masterportal", "DMR-003")):  # fmt: skip
        added = _post(client, f"{where}/grants", {"solution": slug, "reference": reference},
                      where)  # fmt: skip
        assert added.status_code == 303, added.text
    again = _post(client, f"{where}/grants", {"solution": "GIESSDENKIEZ", "reference": "X"}, where)
    assert again.status_code == 422 and "ist im Programm schon erfasst" in again.text
    unknown = _post(client, f"{where}/grants", {"solution": "nope", "reference": "Y"}, where)
    assert unknown.status_code == 422 and "keine Lösung mit dem Kürzel „nope“" in unknown.text

    page = client.get(f"{where}?lang=de")
    assert page.status_code == 200
    text = page.text
    assert FUNDER_NAME in text and "Digitale Modellregionen" in text
    assert "01.01.2026 bis 31.12.2027" in text
    assert "Version 2026.1" in text and "http" in text  # profile version, registry address
    assert "1 von 3 geförderten Lösungen erfüllen das Profil." in text
    assert "Nach diesem Profil zählt eine unbekannte Regel als nicht erfüllt." in text
    assert "Nachgenutzt von: Landeshauptstadt München" in text or "Nachgenutzt von: " in text
    assert "im Repository festgestellt (Commit " in text  # detected, with its commit
    assert "selbst angegeben von der Herausgeberin" in text
    assert "von der Registry berechnet" in text
    assert "Fehlt: " in text and "Liefern kann es" in text  # unknowns: what and who
    assert "Nicht erfüllt, weil Angaben fehlen" in text  # masterportal: unknown counted as fail
    assert "docs.readme" not in text and "True" not in text and "eq true" not in text
    failed_rule = '<span aria-hidden="true">✕</span> nicht erfüllt</span></p>'
    failing = text.count(failed_rule)
    assert failing >= 1
    assert text.count("<strong>Abhilfe:</strong>") == failing  # a fix only where a rule fails
    assert _english(text) == []

    english = client.get(f"{where}?lang=en").text
    assert "1 of 3 funded solutions meet the profile." in english
    assert "detected in the repository (commit " in english

    grant_link = re.search(rf'href="({re.escape(where)}/grants/\d+)">DMR-002', text)
    assert grant_link
    grant = client.get(grant_link.group(1) + "?lang=de")
    assert grant.status_code == 200 and "Bericht zur Förderung: DMR-002" in grant.text
    assert "Gieß den Kiez" in grant.text or "giessdenkiez" in grant.text.lower()
    assert _english(grant.text) == []


def _rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body)))


def test_csv_has_one_row_per_rule_per_solution_and_the_pdf_names_the_header(
    client: TestClient,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    where = _programme(client, "Offene Kommune")
    for slug, reference in (("maengelmelder", "OK-1"), ("giessdenkiez", "OK-2")):
        _post(client, f"{where}/grants", {"solution": slug, "reference": reference}, where)
    got = client.get(f"{where}/report.csv?lang=de")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    day = datetime.now(UTC).date().isoformat()
    assert day in got.headers["content-disposition"]
    header, *rows = _rows(got.text)
    assert header[:3] == ["Fördergeber", "Programm", "Anforderungsprofil"]
    assert len(rows) == 2 * RULES
    grant, rule = header.index("Förderkennzeichen"), header.index("Regel-ID")
    assert len({(r[grant], r[rule]) for r in rows}) == 2 * RULES
    assert {r[0] for r in rows} == {FUNDER_NAME} and {r[4] for r in rows} == {day}
    assert {r[3] for r in rows} == {"2026.1"}
    fixes = [r[header.index("Abhilfe")] for r in rows]
    verdicts = [r[header.index("Ergebnis")] for r in rows]
    assert all(bool(fix) == (v == "nicht erfüllt") for fix, v in zip(fixes, verdicts, strict=True))

    grant_id = re.search(rf"{re.escape(where)}/grants/(\d+)", client.get(where).text)
    assert grant_id
    one = _rows(client.get(f"{where}/report.csv?grant={grant_id.group(1)}").text)
    assert len(one) == 1 + RULES

    pdf = client.get(f"{where}/report.pdf?lang=de")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "apt-get install poppler-utils"
    words = subprocess.run([pdftotext, "-layout", path, "-"], capture_output=True, text=True,
                           check=True, timeout=60).stdout  # fmt: skip
    flat = " ".join(words.split())
    assert "Bundesministerium für Bildung" in flat and "Offene Kommune" in flat
    assert day in flat and "Version 2026.1" in flat and "Förderbedingung Modellprojekte" in flat


def test_grants_are_taken_from_the_entries_by_organisation_not_by_text(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    where = _programme(client, "HPI Schul-Cloud (Pilotprojekt)")
    taken = _post(client, f"{where}/from-entries", {}, where)
    assert taken.status_code == 303 and taken.headers["location"].endswith("taken=2")
    page = client.get(taken.headers["location"] + "&lang=de").text
    assert "2 Förderungen aus den Einträgen übernommen." in page
    assert "HPI-7" in page  # the text-named funder (other case) matched to the organisation
    assert page.count("aus den Angaben des Eintrags") >= 2
    again = _post(client, f"{where}/from-entries", {}, where)
    assert again.headers["location"].endswith("taken=0")


def test_a_kept_run_is_compared_with_the_report_now(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    where = _programme(client, "Vergleich")
    _post(client, f"{where}/grants", {"solution": "maengelmelder", "reference": "V-1"}, where)
    kept = _post(client, f"{where}/runs", {}, where)
    assert kept.status_code == 303 and "since=" in kept.headers["location"]
    same = client.get(kept.headers["location"] + "&lang=de").text
    assert "Was sich seit dem" in same and "Seitdem hat sich kein Ergebnis geändert." in same
    _post(client, f"{where}/grants", {"solution": "giessdenkiez", "reference": "V-2"}, where)
    changed = client.get(kept.headers["location"] + "&lang=de").text
    assert "(V-2) – Gesamtergebnis: vorher nicht enthalten, jetzt nicht erfüllt" in changed


def test_only_the_funders_members_see_its_programmes(client: TestClient) -> None:  # type: ignore[type-arg]
    _sign_in(client, FUNDER)
    where = _programme(client, "Vertraulich")
    client.cookies.clear()
    assert client.get(where, follow_redirects=False).status_code == 303  # to the login
    assert client.get(f"{where}/report.csv", follow_redirects=False).status_code == 303
    _sign_in(client, STRANGER)
    for path in (where, f"{where}/report.csv", f"{where}/report.pdf"):
        assert client.get(path, headers={"Accept": "text/html"}).status_code == 404
    refused = _post(client, f"{where}/grants", {"solution": "masterportal", "reference": "Z"},
                    "/reports")  # fmt: skip
    assert refused.status_code == 404
    assert "Vertraulich" not in client.get("/reports").text


def test_the_profile_report_finds_the_funder_in_any_case(client: TestClient) -> None:  # type: ignore[type-arg]
    lower = client.get("/reports/smart-city-mpsc?funded_by=bmbf&lang=de").text
    upper = client.get("/reports/smart-city-mpsc?funded_by=BMBF&lang=de").text
    count = re.search(r"(\d+) Lösungen geprüft", lower)
    assert count and int(count.group(1)) >= 2 and f"{count.group(1)} Lösungen geprüft" in upper
    missing = client.get("/reports/smart-city-mpsc?lang=de", headers={"Accept": "text/html"})
    assert missing.status_code == 422 and "Bitte einen Fördergeber angeben." in missing.text
    assert "name a funder" not in missing.text
