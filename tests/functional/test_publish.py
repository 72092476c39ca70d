"""The publish pages: sign-in, CSRF, preview with validation and score, progress, failures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from registry.settings import Settings
from tests.fixtures.forms import csrf as _csrf
from tests.functional.test_imports_api import (
    PASSWORD,
    HttpGit,
    build_world,
    http_git,
    make_app,
    wait_until_finished,
)

__all__ = ["http_git"]

BAD = (
    "publiccodeYmlVersion: '0.4'\n"
    "name: <script>alert(1)</script>\n"
    "url: https://git.example.org/a/portal\n"
)


def _signed_in(client: TestClient, email: str = "a@example.org") -> None:  # type: ignore[type-arg]
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "next": "/publish", "_csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/publish"


def _post(client: TestClient, fields: dict[str, str], **files: bytes) -> object:  # type: ignore[type-arg]
    token = _csrf(client.get("/publish").text)
    uploads = {name: ("publiccode.yml", data, "application/yaml") for name, data in files.items()}
    return client.post(
        "/publish",
        data={"organisation": "stadt-a", "_csrf_token": token, **fields},
        files=uploads or {"publiccode_file": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )


@pytest.fixture
def settings(fresh_settings: Settings, tmp_path: Path) -> Settings:
    return build_world(fresh_settings, tmp_path)[0]


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(app=make_app(settings)) as test_client:
        yield test_client


def test_only_signed_in_members_see_the_form(client: TestClient) -> None:  # type: ignore[type-arg]
    response = client.get("/publish", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/publish"
    _signed_in(client)
    page = client.get("/publish", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.text
    for control in ("repository_url", "organisation_url", "publiccode", "publiccode_file"):
        assert f'<label for="{control}">' in html and f'id="{control}"' in html
    assert '<option value="stadt-a">Stadt A</option>' in html and "stadt-b" not in html
    assert 'enctype="multipart/form-data"' in html
    german = client.get("/publish", headers={"Accept-Language": "de"}).text
    assert "Lösung veröffentlichen" in german and "Vorschau" in german


def test_posting_without_the_csrf_token_is_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    _signed_in(client)
    response = client.post(
        "/publish", data={"organisation": "stadt-a", "publiccode": BAD}, follow_redirects=False
    )
    assert response.status_code == 403


def test_the_preview_shows_validation_errors_and_the_score_escaped(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _signed_in(client)
    response = _post(client, {"publiccode": BAD, "action": "preview"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # kept in the textarea, escaped
    assert "developmentStatus is a required field" in html
    assert "<caption>" in html and 'scope="col"' in html
    assert re.search(r"\d+ (of|von) 100", html), "no score in the preview"
    # the preview stored nothing: no import was queued
    assert "/imports/" not in html


def test_an_uploaded_file_is_previewed_too(client: TestClient) -> None:  # type: ignore[type-arg]
    _signed_in(client)
    response = _post(client, {"action": "preview"}, publiccode_file=b"name: [unclosed\n")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert 'class="preview"' in response.text  # type: ignore[attr-defined]
    assert "notice-error" in response.text  # type: ignore[attr-defined]


def test_errors_are_summarised_and_linked_to_their_field(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _signed_in(client)
    both = _post(client, {"repository_url": "https://x.org/a/b", "publiccode": BAD})
    assert both.status_code == 422  # type: ignore[attr-defined]
    html = both.text  # type: ignore[attr-defined]
    assert 'role="alert"' in html and 'href="#repository_url"' in html
    assert 'id="repository_url"' in html and 'aria-invalid="true"' in html
    bad_url = _post(client, {"organisation_url": "javascript:alert(1)", "action": "publish"})
    assert bad_url.status_code == 422  # type: ignore[attr-defined]
    assert 'href="#organisation_url"' in bad_url.text  # type: ignore[attr-defined]
    assert 'value="javascript:alert(1)"' in bad_url.text  # type: ignore[attr-defined]


def test_publishing_queues_and_the_status_page_follows_the_import(
    settings: Settings,
) -> None:
    with TestClient(app=make_app(settings, worker=False)) as client:
        _signed_in(client)
        response = _post(client, {"publiccode": BAD, "action": "publish"})
        assert response.status_code == 303  # type: ignore[attr-defined]
        target = response.headers["location"]  # type: ignore[attr-defined]
        assert re.fullmatch(r"/imports/\d+", target)
        waiting = client.get(target, headers={"Accept-Language": "en"}).text
        assert '<meta http-equiv="refresh" content="3">' in waiting
        assert 'role="status"' in waiting and 'aria-live="polite"' in waiting
        assert "waiting in the queue" in waiting
    with TestClient(app=make_app(settings)) as client:  # a start with the in-process worker
        wait_until_finished(settings, target.rsplit("/", 1)[1])
        _signed_in(client)
        done = client.get(target, headers={"Accept-Language": "en"}).text
    assert 'http-equiv="refresh"' not in done
    assert "finished" in done and "created" in done
    slug = re.search(r'href="/solutions/([a-z0-9-]+)"', done)
    assert slug, "no link to the entry"
    assert "invalid" in done and "notice-warn" in done  # the file's findings, as a warning
    assert "<script>alert" not in done


def test_a_failed_import_shows_its_reason(client: TestClient, http_git: HttpGit) -> None:  # type: ignore[type-arg]
    _signed_in(client)
    url = http_git.url("missing<b>bold</b>.git")
    response = _post(client, {"repository_url": url, "action": "publish"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    target = response.headers["location"]  # type: ignore[attr-defined]
    settings = client.app.state.settings
    wait_until_finished(settings, target.rsplit("/", 1)[1])
    page = client.get(target, headers={"Accept-Language": "de"}).text
    assert "fehlgeschlagen" in page and 'http-equiv="refresh"' not in page
    assert "nicht lesbar" in page and "Was Sie tun können" in page
    assert "<b>bold</b>" not in page and "missing&lt;b&gt;bold&lt;/b&gt;.git" in page
    assert 'role="alert"' in page


def test_another_towns_member_cannot_see_the_import(client: TestClient) -> None:  # type: ignore[type-arg]
    _signed_in(client)
    response = _post(client, {"publiccode": BAD, "action": "publish"})
    target = response.headers["location"]  # type: ignore[attr-defined]
    wait_until_finished(client.app.state.settings, target.rsplit("/", 1)[1])
    client.post("/logout", data={"_csrf_token": _csrf(client.get("/publish").text)})
    assert client.get(target, follow_redirects=False).status_code == 303
    _signed_in(client, "b@example.org")
    assert client.get(target).status_code == 403
