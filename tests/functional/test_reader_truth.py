"""What the reader is shown is right: version and activity of imported repositories.

Each fixture repository is written here with pygit2, imported with ``registry import`` as
an operator would, and checked through the solution JSON and the solution page, never
through the stored facts. The clock is the real one (the CLI uses it), so dates are
relative to now.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from litestar.testing import TestClient
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.fixtures.db import migrate_to_head
from tests.fixtures.gitrepos import ALICE, BOB, CAROL, RepoBuilder
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]
runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)


def _publiccode(name: str, version: str | None) -> str:
    line = f'softwareVersion: "{version}"\n' if version else ""
    return f'publiccodeYmlVersion: "0.4"\nname: {name}\n{line}legal:\n  license: EUPL-1.2\n'


def _versions_repo(path: Path) -> None:
    """Tags that are not releases, a maintenance line, a pre-release, a stale softwareVersion."""
    b = RepoBuilder(path)
    files = {"publiccode.yml": _publiccode("Fachverfahren", "2.4.0"), "README.md": "# F\n"}
    old = b.commit(files, author=ALICE, when=NOW - timedelta(days=2000), message="import")
    b.annotated_tag("PRODUCT_8.3", old, when=NOW - timedelta(days=2000))  # another product
    stamp = b.commit(files, author=ALICE, when=NOW - timedelta(days=400))
    b.lightweight_tag("20231011-v3", stamp)  # a date stamp
    v24 = b.commit(files, author=BOB, when=NOW - timedelta(days=200))
    b.annotated_tag("v2.4.0", v24, when=NOW - timedelta(days=200))
    maint = b.commit(
        files, author=BOB, when=NOW - timedelta(days=10), parents=[v24], ref="refs/heads/maint-2.4"
    )
    b.annotated_tag("v2.4.9", maint, when=NOW - timedelta(days=10))  # not on the default branch
    rc = b.commit(files, author=ALICE, when=NOW - timedelta(days=70))
    b.lightweight_tag("v2.5.0-rc.1", rc)
    final = b.commit(files, author=ALICE, when=NOW - timedelta(days=60))
    b.annotated_tag("v2.5.0", final, when=NOW - timedelta(days=60))
    beta = b.commit(files, author=CAROL, when=NOW - timedelta(days=30))
    b.lightweight_tag("v3.0.0-beta.1", beta)  # a pre-release does not replace the release
    head = b.commit(files, author=CAROL, when=NOW - timedelta(days=5))
    b.lightweight_tag("9999.9999.9999", head)  # a placeholder


def _declared_newer_repo(path: Path) -> None:
    """softwareVersion 3.1.0 declared, the newest tag is the older v3.0.0."""
    b = RepoBuilder(path)
    files = {"publiccode.yml": _publiccode("Bauportal", "3.1.0")}
    first = b.commit(files, author=ALICE, when=NOW - timedelta(days=90))
    b.annotated_tag("v3.0.0", first, when=NOW - timedelta(days=90))
    b.commit(files, author=ALICE, when=NOW - timedelta(days=3))


def _agreeing_repo(path: Path) -> None:
    b = RepoBuilder(path)
    files = {"publiccode.yml": _publiccode("Ratsinfo Lite", "1.2")}
    tagged = b.commit(files, author=ALICE, when=NOW - timedelta(days=20))
    b.lightweight_tag("release-1.2.0", tagged)


def _quiet_repo(path: Path) -> None:
    """30 commits; the last one 400 days ago, 20 by two people in the year before it."""
    b = RepoBuilder(path)
    last = NOW - timedelta(days=400)
    for day in range(10):
        b.commit({"a": f"{day}"}, author=CAROL, when=last - timedelta(days=509 - day))
    for day in range(20):
        when = last - timedelta(days=(19 - day) * 15)
        b.commit({"a": f"x{day}"}, author=(ALICE, BOB)[day % 2], when=when)


def _active_repo(path: Path) -> None:
    """25 commits by three people in the last year, the last one 10 days ago, 40 in all."""
    b = RepoBuilder(path)
    last = NOW - timedelta(days=10)
    for day in range(15):
        b.commit({"a": f"{day}"}, author=ALICE, when=last - timedelta(days=900 - day))
    for day in range(25):
        author = (ALICE, BOB, CAROL)[day % 3]
        b.commit({"a": f"y{day}"}, author=author, when=last - timedelta(days=(24 - day) * 14))


def _plain_repo(path: Path) -> None:
    RepoBuilder(path).commit({"README.md": "# App\n"}, author=ALICE, when=NOW - timedelta(days=2))


REPOS = {
    "fachverfahren": (_versions_repo, "https://code.example.org/stadt/fachverfahren"),
    "bauportal": (_declared_newer_repo, "https://code.example.org/stadt/bauportal"),
    "ratsinfo-lite": (_agreeing_repo, "https://code.example.org/stadt/ratsinfo-lite"),
    "ruhig": (_quiet_repo, "https://code.example.org/stadt/ruhig"),
    "lebendig": (_active_repo, "https://code.example.org/stadt/lebendig"),
}
#: One repository each, imported twice under URLs that differ only in case.
SPELLINGS = {
    "stadtapp": ("https://github.com/Stadt/App", "https://github.com/stadt/app.git"),
    "opendesk": (
        "https://gitlab.opencode.de/BMI/OpenDesk",
        "https://GitLab.opencode.de/bmi/opendesk.git",
    ),
    "werk": ("https://git.example.org/Stadt/Werk", "https://git.example.org/stadt/werk"),
}


@pytest.fixture(scope="module")
def client(database_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    base = tmp_path_factory.mktemp("truth")
    env = {"REGISTRY_DATABASE_URL": settings.database_url, "REGISTRY_GIT_CACHE_DIR": str(base)}
    for name, (build, url) in REPOS.items():
        build(base / name)
        result = runner.invoke(app, ["import", str(base / name), "--url", url], env=env)
        assert result.exit_code == 0, result.output
    for name, urls in SPELLINGS.items():
        _plain_repo(base / name)
        for url in urls:
            result = runner.invoke(app, ["import", str(base / name), "--url", url], env=env)
            assert result.exit_code == 0, result.output
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _json(client: Client, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/solutions/{slug}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _section(client: Client, slug: str, section: str, lang: str = "en") -> str:
    response = client.get(f"/solutions/{slug}?lang={lang}")
    assert response.status_code == 200, response.text[:2000]
    found = re.search(rf'<section aria-labelledby="{section}">(.*?)</section>', response.text, re.S)
    assert found, section
    return re.sub(r"\s+", " ", found.group(1))


def _on_page(iso_day: str) -> str:
    """A day as the English page writes it (Babel, medium: "Oct 8, 2026")."""
    return format_date(date.fromisoformat(iso_day), "medium", locale="en")


def _days_ago(days: int, offset_minutes: int = 0) -> str:
    """The date ``days`` ago as shown in a signature's own offset (fixture taggers use +01:00)."""
    zone = timezone(timedelta(minutes=offset_minutes))
    return (NOW - timedelta(days=days)).astimezone(zone).date().isoformat()


# -- 1. current version ------------------------------------------------------------------
def test_current_version_is_the_newest_release_on_the_default_branch(client: Client) -> None:
    body = _json(client, "fachverfahren")
    assert body["software_version"] == "2.5.0"
    version = body["version"]
    assert version["current"] == "2.5.0" and version["release_tag"] == "v2.5.0"
    assert version["release_tag_date"] == _days_ago(60, 60)
    assert version["declared"] == "2.4.0" and version["agrees"] is False
    assert set(version["other_tags"]) == {"9999.9999.9999", "20231011-v3", "PRODUCT_8.3"}
    released = {r["version"] for r in body["releases"]}
    assert {"2.5.0", "2.4.0", "2.4.9", "2.5.0-rc.1", "3.0.0-beta.1"} <= released
    assert not released & {"9999.9999.9999", "20231011-v3", "PRODUCT_8.3", "8.3", "3"}

    facts = _section(client, "fachverfahren", "facts")
    assert '<span class="version-current">2.5.0</span>' in facts
    assert f"release tag v2.5.0 of {_on_page(_days_ago(60, 60))}" in facts
    assert "publiccode.yml states softwareVersion 2.4.0; the newest release tag" in facts
    assert "Other tags (not releases)" in facts and "<code>PRODUCT_8.3</code>" in facts
    releases = _section(client, "fachverfahren", "releases")
    assert "9999" not in releases and "PRODUCT" not in releases and "20231011" not in releases
    german = _section(client, "fachverfahren", "facts", "de")
    assert "publiccode.yml nennt softwareVersion 2.4.0" in german


def test_an_older_tag_never_beats_the_declared_version(client: Client) -> None:
    version = _json(client, "bauportal")["version"]
    assert version["current"] == "3.1.0" and version["release_tag"] == "v3.0.0"
    assert version["agrees"] is False
    facts = _section(client, "bauportal", "facts")
    assert '<span class="version-current">3.1.0</span>' in facts
    assert (
        "states softwareVersion 3.1.0; the newest release tag on the default branch is v3.0.0"
        in facts
    )


def test_agreeing_versions_are_shown_once(client: Client) -> None:
    body = _json(client, "ratsinfo-lite")
    assert body["software_version"] == "1.2"
    assert body["version"]["release_tag"] == "release-1.2.0" and body["version"]["agrees"] is True
    facts = _section(client, "ratsinfo-lite", "facts")
    assert '<span class="version-current">1.2</span>' in facts and "Mismatch" not in facts


# -- 2. activity -------------------------------------------------------------------------
def test_activity_is_one_window_before_the_last_commit(client: Client) -> None:
    activity = _json(client, "lebendig")["activity"]
    assert activity["commits_before_last_commit"] == 25
    assert activity["authors_before_last_commit"] == 3
    assert activity["commits_total"] == 40 and activity["window_days"] == 365
    assert activity["last_commit_at"].startswith(_days_ago(10)) and activity["quiet"] is False
    html = _section(client, "lebendig", "activity")
    last = _on_page(_days_ago(10))
    assert f"25 commits by 3 authors in the 12 months before the last commit ({last})" in html
    assert "50 commits" not in html and "Quiet" not in html
    assert "40 commits in all" in html
    german = _section(client, "lebendig", "activity", "de")
    assert "25 Commits von 3 Personen in den 12 Monaten vor dem letzten Commit" in german


def test_a_quiet_repository_says_so(client: Client) -> None:
    activity = _json(client, "ruhig")["activity"]
    assert activity["commits_before_last_commit"] == 20
    assert activity["authors_before_last_commit"] == 2
    assert activity["commits_total"] == 30 and activity["quiet"] is True
    html = _section(client, "ruhig", "activity")
    assert "20 commits by 2 authors in the 12 months before the last commit" in html
    assert (
        f"Quiet: no commit in the last 12 months (last commit on {_on_page(_days_ago(400))})"
        in html
    )
    german = _section(client, "ruhig", "activity", "de")
    assert "Ruhig: kein Commit in den letzten 12 Monaten" in german


# -- 11. repository URLs differing only in case ------------------------------------------
@pytest.mark.parametrize(
    ("slug", "canonical"),
    [
        ("app", "https://github.com/stadt/app"),  # a local checkout is named after its URL
        ("opendesk", "https://gitlab.opencode.de/bmi/opendesk"),
    ],
)
def test_github_and_gitlab_spellings_are_one_entry(
    client: Client, slug: str, canonical: str
) -> None:
    body = _json(client, slug)
    assert [r["url"] for r in body["repositories"]] == [canonical]
    assert client.get(f"/api/v1/solutions/{slug}-2").status_code == 404
    listed = client.get("/api/v1/solutions", params={"q": slug, "page[size]": "100"}).json()
    assert [hit["slug"] for hit in listed["data"] if hit["slug"].startswith(slug)] == [slug]
    imports = _section(client, slug, "import")
    assert imports.count('rel="nofollow">https://') == 1 and f">{canonical}</a>" in imports
    assert client.get(f"/solutions/{slug}-2").status_code == 404


def test_other_hosts_keep_the_case_of_their_paths(client: Client) -> None:
    first, second = _json(client, "werk"), _json(client, "werk-2")
    assert [r["url"] for r in first["repositories"]] == ["https://git.example.org/Stadt/Werk"]
    assert [r["url"] for r in second["repositories"]] == ["https://git.example.org/stadt/werk"]
    assert ">https://git.example.org/stadt/werk</a>" in _section(client, "werk-2", "import")
