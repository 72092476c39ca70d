"""``registry crawl --schedule HOURS``: a pass now, then one every interval; Ctrl-C ends it.

The loop runs against the replay server with a committed database of each dialect; the
sleep is injected, so two passes take no waiting. The second pass costs only the
listing pages (answered ``304`` thanks to the stored ETags).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from registry.catalogue.models import Repository
from registry.cli._crawl import run_schedule
from registry.db import make_engine, migrate
from registry.organisations import CodeSource, Organisation
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.fixtures.hostserver import HostServer, host_server

__all__ = ["host_server"]

NAMES = ("portal", "ratsinfo", "karten")


@pytest.fixture
def committed_engine(fresh_settings: Settings) -> Iterator[Engine]:
    """A migrated database of its own: every pass commits."""
    migration = make_engine(fresh_settings, for_migrations=True)
    migrate.upgrade(fresh_settings, migration)
    migration.dispose()
    engine = make_engine(fresh_settings)
    yield engine
    engine.dispose()


def _register(engine: Engine, host: HostServer, owner: str, names: tuple[str, ...]) -> None:
    """A GitHub organisation with these repositories, registered as a source."""
    host.world.owners[owner] = "org"
    for name in names:
        host.world.add(owner, name)
    with make_sessionmaker(engine)() as session, session.begin():
        org = Organisation(slug=owner, name=f"Stadt {owner}")
        session.add_all([org, CodeSource(organisation=org, url=host.url(owner),
                                         driver="github")])  # fmt: skip


@pytest.fixture
def acme(committed_engine: Engine, host_server: HostServer) -> HostServer:
    """A GitHub organisation of three repositories, registered as a source."""
    _register(committed_engine, host_server, "acme", NAMES)
    return host_server


def _settings(fresh_settings: Settings, tmp_path: Path) -> Settings:
    return replace(fresh_settings, allow_private_addresses=True,
                   git_cache_dir=tmp_path / "cache", host_page_size=2)  # fmt: skip


def test_scheduled_passes_reuse_etags_and_pick_up_new_sources(
    committed_engine: Engine, fresh_settings: Settings, acme: HostServer, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):  # fmt: skip
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # while the loop sleeps, another source is registered
        slept.append(seconds)
        _register(committed_engine, acme, "bezirk", ("melder",))

    settings = _settings(fresh_settings, tmp_path)
    passes = run_schedule(committed_engine, settings, [], every=timedelta(hours=6),
                          clone=False, sleep=sleep, passes=2)  # fmt: skip
    assert [len(p) for p in passes] == [1, 2]
    (first,), (again, bezirk) = passes
    assert (first.seen, first.new, first.failed, first.error) == (3, 3, 0, None)
    assert (again.seen, again.unchanged, again.new, again.updated) == (3, 3, 0, 0)
    assert again.requests == again.not_modified == 2  # the two listing pages, both 304
    assert first.requests >= 5 * again.requests
    assert (bezirk.new, bezirk.failed) == (1, 0)
    assert len(slept) == 1 and 6 * 3600 - 60 < slept[0] <= 6 * 3600  # one sleep between
    out = capsys.readouterr().out
    assert "pass / Durchlauf 1 " in out and "pass / Durchlauf 2 " in out
    assert "sources / Quellen 2 (failed / fehlgeschlagen 0)" in out
    assert "unchanged / unverändert 3" in out and "(304: 2)" in out
    with make_sessionmaker(committed_engine)() as session:
        assert len(session.scalars(select(Repository)).all()) == 4
    # A pass that fails as a whole is logged; the schedule itself goes on.
    unknown = run_schedule(
        committed_engine, settings, ["no-such-org"], every=timedelta(hours=1), clone=False,
        sleep=sleep, passes=1,
    )  # fmt: skip
    assert unknown == [[]]
    assert "pass / Durchlauf 1: error / Fehler" in capsys.readouterr().err


def test_ctrl_c_ends_the_schedule_cleanly(host_server: HostServer, tmp_path: Path):
    """A real ``registry crawl --every 1`` process, interrupted after its first pass
    (on SQLite only: the signal handling does not depend on the database)."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    migration = make_engine(settings, for_migrations=True)
    migrate.upgrade(settings, migration)
    migration.dispose()
    engine = make_engine(settings)
    _register(engine, host_server, "acme", NAMES)
    engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env |= {
        "REGISTRY_DATABASE_URL": settings.database_url,
        "REGISTRY_ALLOW_PRIVATE_ADDRESSES": "1",
        "REGISTRY_GIT_CACHE_DIR": str(tmp_path / "cache"),
    }
    command = [str(Path(sys.executable).parent / "registry"), "crawl", "--every", "1",
               "--no-clone"]  # fmt: skip
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:  # fmt: skip
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:  # wait for the first pass to finish
            lines.append(line)
            if line.startswith("next pass in"):
                break
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert any(line.startswith("pass / Durchlauf 1 ") and "new / neu 3" in line
               for line in lines), lines  # fmt: skip
    assert "stopped / beendet" in rest and "Traceback" not in err
