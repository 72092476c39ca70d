"""The account page lists the organisation's solutions (score, state) and the person's own
imports with their status, failed ones first and explained; nobody else's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from registry.settings import Settings
from tests.fixtures.forms import csrf as _csrf
from tests.functional.test_editor import FILLED
from tests.functional.test_imports_api import build_world, make_app, wait_until_finished
from tests.functional.test_publish import _post, _signed_in


@pytest.fixture
def client(fresh_settings: Settings, tmp_path: Path) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = build_world(fresh_settings, tmp_path)[0]
    with TestClient(app=make_app(settings)) as test_client:
        yield test_client


def _wait(client: TestClient, response: object) -> str:  # type: ignore[type-arg]
    job_id = response.headers["location"].rsplit("/", 1)[1]  # type: ignore[attr-defined]
    wait_until_finished(client.app.state.settings, job_id)
    return str(job_id)


def test_my_solutions_and_imports_are_listed_failures_first(client: TestClient) -> None:  # type: ignore[type-arg]
    _signed_in(client)
    token = _csrf(client.get("/publish/editor").text)
    published = client.post("/publish/editor", data={"_csrf_token": token, **FILLED,
                            "action": "publish"}, follow_redirects=False)  # fmt: skip
    ok_id = _wait(client, published)
    failed = _post(client, {"repository_url": "https://no-such-host.invalid/a/b.git",
                            "action": "publish"})  # fmt: skip
    failed_id = _wait(client, failed)
    german = client.get("/account", headers={"Accept-Language": "de"}).text
    assert "Meine Lösungen und Importe" in german
    row = re.search(r'<tr data-solution="([a-z0-9-]+)">.*?</tr>', german, re.S)
    assert row and "Mängelmelder" in row.group(0)
    assert re.search(r'data-score="\d+"', row.group(0))  # scored at import
    imports = re.findall(r'<tr data-import="(\d+)" data-status="(\w+)">', german)
    assert imports[0] == (failed_id, "failed") and (ok_id, "done") in imports
    assert "Den Servernamen in der Adresse gibt es nicht" in german
    client.post("/logout", data={"_csrf_token": _csrf(german)})
    _signed_in(client, "b@example.org")
    other = client.get("/account").text
    assert "Mängelmelder" not in other and "data-import=" not in other
