"""`make run` (serve --demo): three demo sign-ins on the console and the login page.

Each is used the way a newcomer would: the button on the login page, on a real server.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.fixtures.server import running_server

EXPECTED = {"town": "/publish", "provider": "/organisations/maykin", "funder": "/reports"}


def _demo_forms(html: str) -> dict[str, dict[str, str]]:
    section = html.split('id="demo-signins"', 1)[1].split("</section>", 1)[0]
    forms: dict[str, dict[str, str]] = {}
    for form in section.split("<form")[1:]:
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
        key = re.search(r'data-demo="([^"]+)"', form)
        assert key
        forms[key.group(1)] = fields
    return forms


def test_demo_sign_ins_land_on_their_own_start_pages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/r.sqlite3"
    with running_server(url, tmp_path, "--demo", timeout=60) as base:
        forms = _demo_forms(httpx.get(f"{base}/login", timeout=10).text)
        assert {k: f["next"] for k, f in forms.items()} == EXPECTED
        for key, start in EXPECTED.items():
            with httpx.Client(base_url=base, timeout=10) as client:
                fields = _demo_forms(client.get("/login").text)[key]  # this client's CSRF token
                landed = client.post("/login", data=fields, follow_redirects=True)
                assert landed.status_code == 200, (key, landed.text[:300])
                assert landed.url.path == start, key
                account = client.get("/account", follow_redirects=False)
                assert account.status_code == 200 and fields["email"] in account.text, key
    log = next(tmp_path.glob("serve-*.log")).read_text()
    for fields in forms.values():
        assert f"{fields['email']} / {fields['password']}" in log


def test_without_demo_the_login_page_offers_no_demo_sign_ins(tmp_path: Path) -> None:
    with running_server(f"sqlite:///{tmp_path}/r.sqlite3", tmp_path, timeout=60) as base:
        page = httpx.get(f"{base}/login", timeout=10)
        assert page.status_code == 200 and "<form" in page.text
        assert "demo-signins" not in page.text and "demo-stadt@example.org" not in page.text
