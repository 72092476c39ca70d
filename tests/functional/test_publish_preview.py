"""The repository preview: read in the background, judged, nothing stored until published.

A real repository served over HTTP on loopback, the app's own in-process worker, and the
pages a member sees; failures are told in plain words with what to do next.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from registry.catalogue.models import Solution
from registry.db import make_engine
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.functional.test_imports_api import HttpGit, build_world, http_git, make_app
from tests.functional.test_imports_api import wait_until_finished as _wait
from tests.functional.test_publish import _post, _signed_in

__all__ = ["http_git"]


@pytest.fixture
def client(fresh_settings: Settings, tmp_path: Path) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = build_world(fresh_settings, tmp_path)[0]
    with TestClient(app=make_app(settings)) as test_client:
        yield test_client


def _entries(settings: Settings) -> int:
    engine = make_engine(settings)
    try:
        with make_sessionmaker(engine)() as session:
            return int(session.scalar(select(func.count()).select_from(Solution)) or 0)
    finally:
        engine.dispose()


def _finished(client: TestClient, target: str, lang: str = "en") -> str:  # type: ignore[type-arg]
    _wait(client.app.state.settings, target.rsplit("/", 1)[1])
    return client.get(target, headers={"Accept-Language": lang}).text


def test_a_repository_preview_reads_judges_and_stores_nothing(
    client: TestClient,  # type: ignore[type-arg]
    http_git: HttpGit,
) -> None:
    _signed_in(client)
    url = http_git.url("sample.git")
    response = _post(client, {"repository_url": url, "action": "preview"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    target = response.headers["location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/imports/\d+", target)
    page = _finished(client, target)
    assert "preview ready" in page and 'http-equiv="refresh"' not in page
    assert "Nothing is stored yet" in page
    assert "Mängelmelder" in page or "maengelmelder" in page.lower()  # the name it would store
    score = re.search(r'data-score="(\d+)"', page)
    assert score and 0 < int(score.group(1)) <= 100
    assert "Checks not met and how to fix them" in page
    assert re.search(r"<tr data-check=\"[\w.:-]+\">", page), page[page.find("failing-caption") :][
        :1500
    ]
    assert _entries(client.app.state.settings) == 0  # judged, not stored
    # the page's own button publishes what was previewed
    form = re.search(r'<form class="stacked-form" action="/publish".*?</form>', page, re.S)
    assert form and f'value="{url}"' in form.group(0) and 'value="stadt-a"' in form.group(0)
    published = _post(client, {"repository_url": url, "action": "publish"})
    done = _finished(client, published.headers["location"])  # type: ignore[attr-defined]
    assert "created" in done and re.search(r'href="/solutions/[a-z0-9-]+"', done)
    assert _entries(client.app.state.settings) == 1


class _WebPage(BaseHTTPRequestHandler):
    """A web page where a repository was expected."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>Projektseite</body></html>")

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture(scope="module")
def web_page() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WebPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/stadt/app"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("where", "code", "german"),
    [("missing", "not_found", "kein Repository"), ("page", "not_git", "kein Git-Repository")],
)
def test_a_failed_preview_is_explained_in_plain_words(  # noqa: PLR0917 - fixtures and cases
    client: TestClient,  # type: ignore[type-arg]
    http_git: HttpGit,
    web_page: str,
    where: str,
    code: str,
    german: str,
) -> None:
    _signed_in(client)
    url = http_git.url("missing.git") if where == "missing" else web_page
    response = _post(client, {"repository_url": url, "action": "preview"})
    page = _finished(client, response.headers["location"], "de")  # type: ignore[attr-defined]
    assert f'data-problem="{code}"' in page
    assert german in page and "Was Sie tun können" in page
    assert "Technische Meldung" in page  # the raw text only folded away underneath
    assert "unreadable" not in page  # the German page shows no English


def test_an_unknown_host_is_a_dns_problem_not_an_errno(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _signed_in(client)
    response = _post(
        client, {"repository_url": "https://no-such-host.invalid/town/app.git", "action": "publish"}
    )
    page = _finished(client, response.headers["location"], "en")  # type: ignore[attr-defined]
    assert 'data-problem="dns"' in page
    assert "The server name in the address does not exist" in page
    assert "Check the address for typos" in page
    head = page.split("<details>")[0]
    assert "Errno" not in head  # the raw libc message is not the headline


def test_a_pasted_publiccode_preview_lists_failing_checks_with_fixes(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    _signed_in(client)
    text = (
        "publiccodeYmlVersion: '0'\nname: Portal\nurl: https://git.example.org/a/portal\n"
        "platforms: [web]\ndevelopmentStatus: beta\nsoftwareType: standalone/web\n"
        "legal: {license: EUPL-1.2}\nmaintenance: {type: none}\n"
        "localisation: {localisationReady: false, availableLanguages: [de]}\n"
        "description:\n  de:\n    shortDescription: Ein Portal\n"
        f"    longDescription: {'Ein Portal für alle Anliegen der Bürgerinnen. ' * 5}\n"
        "    features: [Formulare]\n"
    )
    page = _post(client, {"publiccode": text, "action": "preview"})
    html = page.text  # type: ignore[attr-defined]
    assert page.status_code == 200  # type: ignore[attr-defined]
    assert "Checks not met and how to fix them" in html or "Nicht erfüllte Prüfungen" in html
    assert '<tr data-check="D3">' in html  # no documentation link: the check and its fix
    assert "/imports/" not in html  # nothing queued, nothing stored
