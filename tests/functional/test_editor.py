"""The publiccode.yml editor: per-field errors in the page's language, a valid file to
download (judged by the project's validator), the score it earns, and publishing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from registry.publiccode import validate
from registry.settings import Settings
from tests.fixtures.forms import csrf as _csrf
from tests.functional.test_imports_api import build_world, make_app, wait_until_finished
from tests.functional.test_publish import _signed_in

LONG = (
    "Bürgerinnen und Bürger melden Schäden im Stadtgebiet mit Foto und Ort. Die Verwaltung "
    "ordnet jede Meldung zu, beantwortet sie und zeigt den Stand öffentlich auf einer Karte."
)

FILLED: dict[str, Any] = {
    "name": "Mängelmelder",
    "url": "https://git.example.org/stadt-a/maengelmelder",
    "development_status": "stable",
    "software_type": "standalone/web",
    "platforms": ["web", "android"],
    "categories": ["data-collection"],
    "de_short": "Schäden im Stadtgebiet melden",
    "de_long": LONG,
    "de_features": "Meldung mit Foto\nKarte der Meldungen",
    "licence": "EUPL-1.2",
    "maintenance_type": "internal",
    "contact_name": "Anna Beispiel",
    "contact_email": "anna@stadt-a.example",
    "localisation_ready": "yes",
    "available_languages": "de, en",
    "organisation": "stadt-a",
}


@pytest.fixture
def client(fresh_settings: Settings, tmp_path: Path) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = build_world(fresh_settings, tmp_path)[0]
    with TestClient(app=make_app(settings)) as test_client:
        _signed_in(test_client)
        yield test_client


def _send(client: TestClient, fields: dict[str, Any], lang: str = "de") -> Any:  # type: ignore[type-arg]
    token = _csrf(client.get("/publish/editor").text)
    return client.post(
        "/publish/editor", data={"_csrf_token": token, **fields},
        headers={"Accept-Language": lang}, follow_redirects=False,
    )  # fmt: skip


def test_the_editor_needs_a_sign_in_and_explains_each_field(fresh_settings: Settings,
                                                            tmp_path: Path) -> None:  # fmt: skip
    settings = build_world(fresh_settings, tmp_path)[0]
    with TestClient(app=make_app(settings, worker=False)) as client:
        away = client.get("/publish/editor", follow_redirects=False)
        assert away.status_code == 303 and "next=/publish/editor" in away.headers["location"]
        _signed_in(client)
        german = client.get("/publish/editor", headers={"Accept-Language": "de"}).text
        english = client.get("/publish/editor", headers={"Accept-Language": "en"}).text
    assert "publiccode.yml erstellen" in german and "Make a publiccode.yml" in english
    for control in ("name", "url", "de_short", "en_long", "licence", "maintenance_type",
                    "contact_name", "available_languages", "development_status"):  # fmt: skip
        assert f'<label for="{control}">' in german and f'id="{control}-hint"' in german
    assert "(legal.license)" in german and "Die Lizenz des Codes" in german
    assert "licence as an SPDX expression" in english


def test_missing_fields_are_named_at_their_field_in_the_pages_language(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    fields = {**FILLED, "name": "", "platforms": [], "de_short": "x" * 151,
              "maintenance_type": "internal", "contact_name": "", "action": "check"}  # fmt: skip
    german = _send(client, fields, "de")
    assert german.status_code == 422
    html = german.text
    for name in ("name", "platforms", "de_short", "contact_name"):
        assert f'href="#{name}"' in html and f'id="{name}-error"' in html
    assert "Höchstens 150 Zeichen (jetzt 151)" in html
    assert "verlangt der Standard eine Ansprechperson" in html
    assert "Please fill this in" not in html  # no English on the German page
    english = _send(client, fields, "en").text
    assert "At most 150 characters (now 151)" in english
    assert "x" * 151 in english and 'value="EUPL-1.2"' in english  # typed values kept


def test_a_filled_form_downloads_a_file_the_validator_accepts(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = _send(client, {**FILLED, "action": "download"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="publiccode.yml"'
    report = validate(response.content, filename="publiccode.yml")
    assert report.valid, [issue.description for issue in report.errors]
    document = report.document
    assert isinstance(document, dict)
    assert document["name"] == "Mängelmelder" and document["platforms"] == ["web", "android"]
    assert document["description"]["de"]["features"] == ["Meldung mit Foto", "Karte der Meldungen"]
    assert document["maintenance"]["contacts"] == [{"name": "Anna Beispiel",
                                                    "email": "anna@stadt-a.example"}]  # fmt: skip
    assert document["localisation"] == {
        "localisationReady": True,
        "availableLanguages": ["de", "en"],
    }


def test_the_validator_refuses_what_the_form_cannot_know(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = _send(client, {**FILLED, "licence": "Not-A-Licence", "action": "check"}, "de")
    assert response.status_code == 422
    assert 'id="licence-error"' in response.text
    assert "Der Prüfer des Standards lehnt diesen Wert ab" in response.text


def test_checking_shows_the_score_and_adding_documentation_raises_it(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    first = _send(client, {**FILLED, "action": "check"}, "en")
    assert first.status_code == 200
    before = int(re.search(r'data-score="(\d+)"', first.text).group(1))  # type: ignore[union-attr]
    assert 'data-check="documentation.docs"' in first.text or "data-check=" in first.text
    better = {**FILLED, "de_documentation": "https://docs.stadt-a.example/maengelmelder",
              "en_short": "Report damage in town", "en_long": LONG, "en_features": "Photos",
              "action": "check"}  # fmt: skip
    after = int(re.search(r'data-score="(\d+)"', _send(client, better, "en").text).group(1))  # type: ignore[union-attr]
    assert after > before


def test_publishing_from_the_editor_creates_the_entry(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = _send(client, {**FILLED, "action": "publish"})
    assert response.status_code == 303
    target = response.headers["location"]
    assert re.fullmatch(r"/imports/\d+", target)
    wait_until_finished(client.app.state.settings, target.rsplit("/", 1)[1])
    done = client.get(target, headers={"Accept-Language": "en"}).text
    assert "created" in done
    slug = re.search(r'href="/solutions/([a-z0-9-]+)"', done)
    assert slug
    entry = client.get(f"/api/v1/solutions/{slug.group(1)}").json()
    assert entry["name"] == "Mängelmelder"


def test_publishing_for_a_foreign_organisation_is_refused_at_its_field(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = _send(client, {**FILLED, "organisation": "stadt-b", "action": "publish"}, "de")
    assert response.status_code in {403, 422}
