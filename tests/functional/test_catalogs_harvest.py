"""``registry catalogs add|list|harvest`` against open-catalog-api catalogues on loopback.

The catalogues answer with our own example data in the API's shapes (see
``tests.fixtures.catalogserver``); what a harvest did is checked where people meet it:
the command's output and exit code, the solution's JSON and its page.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from registry.catalogue import CatalogueService
from registry.catalogue import models as m
from registry.cli import app
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.catalogserver import (
    CatalogServer,
    catalog_servers,
    publiccode,
    publisher,
    software,
)
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

__all__ = ["catalog_servers"]

runner = CliRunner()
ENTRIES = 25
PAGE = 10  # three pages of /software
PAGES = 4  # three of /software, one of /publishers


def _url(i: int) -> str:
    return f"https://github.com/comune-{i % 3}/servizio-{i}"


@pytest.fixture
def env(fresh_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    migrate_to_head(fresh_settings)
    values = {
        "REGISTRY_DATABASE_URL": fresh_settings.database_url,
        "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "git"),
        "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "true",  # the catalogues run on loopback
        "REGISTRY_HOST_MAX_RETRIES": "1",
        "REGISTRY_HOST_MAX_WAIT_SECONDS": "3",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return Settings.from_env(values)


@pytest.fixture
def italy(catalog_servers: list[CatalogServer]) -> CatalogServer:
    server = catalog_servers[0]
    server.world.software = [software(f"Servizio {i}", _url(i)) for i in range(ENTRIES)]
    server.world.publishers = [
        publisher(f"Comune {i}", f"https://github.com/comune-{i}", alternative_id=f"c_{i}")
        for i in range(3)
    ]
    return server


def _harvest(*names: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["catalogs", "harvest", "--interval", "0", "--page-size", str(PAGE), *names]
    )
    return result.exit_code, result.output


def _counts(output: str) -> dict[str, int]:
    pairs = re.findall(r"(\w+) / \S+ (\d+)", output)
    return {key: int(value) for key, value in pairs}


@pytest.fixture
def client(env: Settings) -> Iterator[TestClient[Any]]:
    with TestClient(app=create_app(env)) as test_client:
        yield test_client


def _entry(client: TestClient[Any], url: str) -> dict[str, Any]:
    settings: Settings = client.app.state.settings
    with committed(settings) as session:
        found = CatalogueService(session).find_by_repository(url)
        assert found is not None, url
        slug = found.slug
    body: dict[str, Any] = client.get(f"/api/v1/solutions/{slug}").json()
    return body


def test_first_harvest_then_unchanged_changed_and_removed(
    env: Settings, italy: CatalogServer, client: TestClient[Any]
) -> None:
    added = runner.invoke(app, ["catalogs", "add", "developers-italia", italy.base_url])
    assert added.exit_code == 0, added.output
    assert "never" in runner.invoke(app, ["catalogs", "list"]).output

    code, first = _harvest()
    assert code == 0, first
    counts = _counts(first)
    assert counts["new"] == ENTRIES and counts["failed"] == 0 and counts["publishers"] == 3
    assert counts["requests"] == PAGES
    entry = _entry(client, _url(7))
    assert entry["active"] is True and entry["name"] == "Servizio 7"
    assert entry["publisher"] == "comune-1"  # its publisher's code hosting holds it
    remote_id = italy.world.find(_url(7))["id"]
    expected = {"kind": "catalogue", "catalogue": "developers-italia", "id": remote_id,
                "url": _url(7), "active": True}  # fmt: skip
    assert expected in entry["sources"]
    assert not any(s["kind"] == "local" for s in entry["sources"])
    with committed(env) as session:  # publishers became organisations, once each
        names = list(session.scalars(select(Organisation.name).order_by(Organisation.name)))
        assert [n for n in names if n.startswith("Comune ")] == ["Comune 0", "Comune 1", "Comune 2"]
        scored = select(func.count()).select_from(m.ScoreResult).where(m.ScoreResult.current)
        assert session.scalar(scored) == ENTRIES  # rescored together at each page's end
    banded = client.get("/api/v1/solutions", params={"catalog": "developers-italia"}).json()
    assert sum(v["count"] for v in banded["facets"]["score_band"]) == ENTRIES  # and indexed

    code, second = _harvest("developers-italia")
    again = _counts(second)
    # Nothing changed: one conditional request per page, every one a 304, no entry written.
    assert code == 0 and again["unchanged"] == ENTRIES and again["new"] == again["changed"] == 0
    assert again["requests"] <= 0.05 * counts["requests"] + PAGES
    assert f"(304: {PAGES})" in second
    print(f"requests: first {counts['requests']}, unchanged re-harvest {again['requests']}")

    changed = italy.world.find(_url(3))
    changed["publiccodeYml"] = publiccode("Servizio tre", _url(3))
    changed["updatedAt"] = "2026-12-06T10:00:00Z"
    italy.world.software.remove(italy.world.find(_url(4)))
    italy.world.find(_url(5))["active"] = False
    code, third = _harvest()
    after = _counts(third)
    assert code == 0, third
    assert after["changed"] == 1 and after["removed"] == 2 and after["unchanged"] == ENTRIES - 3
    assert _entry(client, _url(3))["name"] == "Servizio tre"
    removed, inactive = _entry(client, _url(4)), _entry(client, _url(5))
    assert (
        removed["active"] is False
        and "removed from catalogue developers-italia" in (removed["inactive_reason"])
    )
    assert inactive["active"] is False and "inactive in catalogue" in inactive["inactive_reason"]
    assert removed["sources"][0]["active"] is False
    page = client.get(f"/solutions/{removed['slug']}?lang=de").text
    assert "aus developers-italia" in page and "dort nicht mehr geführt" in page

    italy.world.software.append(software("Servizio 4", _url(4)))  # it comes back
    code, fourth = _harvest()
    assert code == 0 and _counts(fourth)["changed"] == 1
    assert _entry(client, _url(4))["active"] is True


def test_one_solution_from_two_catalogues_and_a_local_import(
    env: Settings, catalog_servers: list[CatalogServer], client: TestClient[Any], tmp_path: Path
) -> None:
    shared = "https://github.com/comune-bologna/segnalazioni"
    italy, other = catalog_servers
    italy.world.software = [software("Segnalazioni", shared)]
    # The second catalogue knows it under an older address and an upper-case spelling.
    other.world.software = [
        {**software("Segnalazioni (copia)", "https://GitHub.com/Comune-Bologna/Segnalazioni.git"),
         "id": "1b4e28ba-2fa1-4d2e-a3f6-0a3a1b2c3d4e"}
    ]  # fmt: skip
    broken = "https://github.com/comune-bologna/rotto"
    other.world.software.append(
        {
            **software("Rotto", broken),
            "publiccodeYml": f"publiccodeYmlVersion: '0.4'\nurl: {broken}\n",
        }
    )
    other.world.publishers = [publisher("Comune di Bologna", "https://github.com/comune-bologna")]
    italy.world.publishers = [publisher("Comune di Bologna", "https://github.com/comune-bologna/")]
    for name, server in (("developers-italia", italy), ("opencode", other)):
        assert runner.invoke(app, ["catalogs", "add", name, server.base_url]).exit_code == 0
    code, output = _harvest()
    assert code == 0, output
    invalid = _entry(client, broken)  # an invalid file: an inactive entry with its findings
    assert invalid["active"] is False and invalid["publiccode_valid"] is False
    assert "invalid" in invalid["inactive_reason"]
    assert invalid["sources"][-1]["catalogue"] == "opencode"
    local = tmp_path / "publiccode.yml"
    local.write_text(publiccode("Segnalazioni Bologna", shared, summary="Locale"), "utf-8")
    imported = runner.invoke(app, ["import", "publiccode", str(local)])
    assert imported.exit_code == 0, imported.output

    italy.world.software[0]["publiccodeYml"] = publiccode("Renamed upstream", shared)
    code, output = _harvest("developers-italia")
    assert code == 0 and _counts(output)["changed"] == 1, output

    entry = _entry(client, shared)
    assert entry["name"] == "Segnalazioni Bologna"  # the local import wins over the harvest
    assert entry["provenance"]["name"] == {"kind": "local", "catalogue": None}
    assert _entry(client, broken)["provenance"]["description"]["catalogue"] == "opencode"
    kinds = [(s["kind"], s["catalogue"]) for s in entry["sources"]]
    assert kinds == [("local", None), ("catalogue", "developers-italia"), ("catalogue", "opencode")]
    assert entry["sources"][2]["id"] == "1b4e28ba-2fa1-4d2e-a3f6-0a3a1b2c3d4e"
    found = client.get("/api/v1/solutions", params={"q": "Segnalazioni"}).json()["data"]
    assert len(found) == 1
    page = client.get(f"/solutions/{entry['slug']}?lang=de").text
    section = page[page.index('id="sources"') :]
    section = section[: section.index("</ul>")]
    assert "aus developers-italia" in section and "aus opencode" in section
    assert "in diesem Register veröffentlicht" in section
    with committed(env) as session:  # one organisation for the publisher of both catalogues
        count = session.scalar(
            select(func.count()).select_from(Organisation)
            .where(Organisation.name == "Comune di Bologna")
        )  # fmt: skip
        assert count == 1


@pytest.mark.parametrize("fault", ["500", "garbage"])
def test_a_catalogue_failing_mid_harvest_keeps_what_came_and_says_so(
    env: Settings, italy: CatalogServer, client: TestClient[Any], fault: str
) -> None:
    italy.world.fail_software_pages_from, italy.world.fail_with = 1, fault
    assert runner.invoke(app, ["catalogs", "add", "flaky", italy.base_url]).exit_code == 0
    code, output = _harvest("flaky")
    assert code == 1, output
    assert _counts(output)["new"] == PAGE and _counts(output)["removed"] == 0
    assert ("HTTP 500" if fault == "500" else "malformed JSON") in output
    listed = runner.invoke(app, ["catalogs", "list"]).output
    assert "failed" in listed and ("HTTP 500" in listed or "malformed" in listed)
    assert _entry(client, _url(PAGE - 1))["active"] is True
    italy.world.fail_software_pages_from = None
    code, output = _harvest("flaky")
    assert code == 0 and _counts(output)["new"] == ENTRIES - PAGE, output


@pytest.mark.parametrize("status", [429, 503])
def test_a_throttled_catalogue_is_waited_for(
    env: Settings, italy: CatalogServer, status: int
) -> None:
    italy.world.throttle_next, italy.world.throttle_status = 1, status  # Retry-After: 1
    assert runner.invoke(app, ["catalogs", "add", "slow", italy.base_url]).exit_code == 0
    code, output = _harvest()
    assert code == 0 and _counts(output)["new"] == ENTRIES, output
    assert italy.world.requests[0] == italy.world.requests[1]  # the same page, asked again
    assert italy.world.stamps[1] - italy.world.stamps[0] >= 0.9  # after the wait it asked for


def test_bad_names_and_urls_are_refused(env: Settings) -> None:
    bad = runner.invoke(app, ["catalogs", "add", "Not A Name", "https://example.org/v1"])
    assert bad.exit_code == 2 and "name" in bad.output
    bad = runner.invoke(app, ["catalogs", "add", "ok", "ftp://example.org"])
    assert bad.exit_code == 2 and "base_url" in bad.output
    unknown = runner.invoke(app, ["catalogs", "harvest", "nobody"])
    assert unknown.exit_code == 2 and "nobody" in unknown.output


def test_the_scheduled_harvest_runs_pass_after_pass(env: Settings, italy: CatalogServer) -> None:
    from registry.cli import migrated_engine
    from registry.cli._catalogs import run_schedule

    assert runner.invoke(app, ["catalogs", "add", "it", italy.base_url]).exit_code == 0
    waits: list[float] = []
    engine = migrated_engine(env)
    try:
        passes = run_schedule(engine, env, [], every=timedelta(hours=6), sleep=waits.append,
                              passes=2, interval=0.0, page_size=PAGE)  # fmt: skip
    finally:
        engine.dispose()
    assert passes == [True, True]
    assert len(waits) == 1 and 6 * 3600 - 60 < waits[0] <= 6 * 3600
    listed = runner.invoke(app, ["catalogs", "list"]).output
    assert "\tok\t" in listed


def test_a_queued_harvest_is_run_by_the_worker(
    env: Settings, italy: CatalogServer, client: TestClient[Any]
) -> None:
    assert runner.invoke(app, ["catalogs", "add", "it", italy.base_url]).exit_code == 0
    queued = runner.invoke(app, ["catalogs", "harvest", "--queue"])
    assert queued.exit_code == 0 and "it: queued" in queued.output, queued.output
    again = runner.invoke(app, ["catalogs", "harvest", "--queue"])
    assert "it: already queued" in again.output  # one job per catalogue at a time
    assert italy.world.requests == []  # nothing harvested until a worker runs the job
    worked = runner.invoke(app, ["worker", "--burst"])
    assert worked.exit_code == 0 and "jobs run / Aufträge ausgeführt: 1" in worked.output
    assert _entry(client, _url(7))["name"] == "Servizio 7"
    assert "\tok\t" in runner.invoke(app, ["catalogs", "list"]).output


def test_a_harvest_killed_half_way_resumes_at_the_next_page(
    env: Settings, italy: CatalogServer, client: TestClient[Any]
) -> None:
    """A real ``registry catalogs harvest`` process is killed (SIGKILL) while it waits for
    the second page; the next harvest starts there, and counts and retires as one."""
    assert runner.invoke(app, ["catalogs", "add", "it", italy.base_url]).exit_code == 0
    italy.world.hold_software_page = 1
    environ = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    environ |= {k: v for k, v in os.environ.items() if k.startswith("REGISTRY_")}
    environ["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    command = [str(Path(sys.executable).parent / "registry"), "catalogs", "harvest",
               "--interval", "0", "--page-size", str(PAGE)]  # fmt: skip
    with subprocess.Popen(command, env=environ, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as proc:  # fmt: skip
        try:
            assert italy.world.held.wait(timeout=60), "the harvest never asked for page 2"
        finally:
            proc.kill()
            proc.wait(timeout=30)
    italy.world.release.set()
    assert proc.returncode == -signal.SIGKILL
    italy.world.requests.clear()
    code, output = _harvest()
    assert code == 0 and "it: resumed / fortgesetzt" in output, output
    counts = _counts(output)
    # The first page's entries (not listed again) count as seen: nothing retired.
    assert counts["new"] == ENTRIES and counts["removed"] == 0 and counts["failed"] == 0
    assert not any("/publishers" in r for r in italy.world.requests)  # done before the kill
    assert "page%5Bafter%5D" in italy.world.requests[0]  # page 2 first, not page 1 again
    assert _entry(client, _url(0))["active"] is True
    italy.world.software.pop(0)  # a first-page entry gone: the next whole listing retires it
    code, output = _harvest()
    assert code == 0 and "resumed" not in output and _counts(output)["removed"] == 1, output
