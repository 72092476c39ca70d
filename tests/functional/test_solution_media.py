"""Logos and screenshots: taken from a real repository and a loopback HTTP server,
re-encoded, stored and served by the registry; hostile pictures are left out and logged.

One repository names a PNG logo and a screenshot by path, and by URL a screenshot, a
redirect to it, a picture declaring 60,000 × 60,000 pixels, a text file and an SVG. The
entry imports; the good three are served from ``/media/…``, the others are ``media``
entries on the import run.
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from litestar.testing import TestClient
from PIL import Image
from sqlalchemy import select, update

from importers.http import make_client
from importers.media import import_media
from importers.repository import import_repository
from registry.catalogue.media import MAX_PIXELS, MediaRejected, encode_image
from registry.catalogue.models import Solution, SolutionMedia
from registry.catalogue.readcache import current_generation
from registry.db import make_engine
from registry.imports.models import ImportLogEntry
from registry.imports.services import ImportRecorder
from registry.queue.models import QueueJob
from registry.settings import Settings
from registry.wiring import make_sessionmaker
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.gitrepos import ALICE, NOW, RepoBuilder
from web.app import create_app

Client = TestClient  # type: ignore[type-arg]


def _png(width: int, height: int, colour: tuple[int, int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")


def _declared_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` × ``height`` pixels."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x06\x00\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b""))  # fmt: skip


#: 200 bytes declaring 60,000 × 60,000 pixels (a decompression bomb).
BOMB = _declared_png(60_000, 60_000)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ANSWERS = {
    "/shot.png": (200, "image/png", _png(2400, 1200, (0, 90, 160, 255))),
    "/huge.png": (200, "image/png", BOMB),
    "/text.png": (200, "image/png", b"this is not a picture at all"),
    "/logo.svg": (200, "image/svg+xml", SVG),
}


class _Pictures(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved.png":
            self.send_response(302)
            self.send_header("Location", "/shot.png")
            self.end_headers()
            return
        status, kind, body = ANSWERS.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def pictures() -> Iterator[str]:
    """A loopback HTTP server with good and hostile pictures; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _publiccode(base: str) -> str:
    shots = ["img/shot.png", f"{base}/shot.png", f"{base}/moved.png", f"{base}/huge.png",
             f"{base}/text.png", f"{base}/logo.svg", "../outside.png"]  # fmt: skip
    lines = "\n".join(f"      - {s}" for s in shots)
    return f"""publiccodeYmlVersion: "0.4"
name: Bildertest
url: https://example.org/town/bildertest
logo: img/logo.png
platforms: [web]
categories: [it-development]
softwareType: standalone/web
developmentStatus: stable
description:
  de:
    shortDescription: Eine Anwendung mit Logo und Bildschirmfotos.
    longDescription: {"Eine Anwendung, die Bilder zeigt. " * 8}
    features: [Bilder]
    screenshots:
{lines}
legal:
  license: EUPL-1.2
maintenance:
  type: none
localisation:
  localisationReady: true
  availableLanguages: [de]
"""


@pytest.fixture(scope="module")
def imported(
    database_factory: DatabaseFactory, pictures: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Client, str, Path]]:
    """The repository imported into a fresh database; a client and the entry's slug."""
    folder = tmp_path_factory.mktemp("media")
    repo = RepoBuilder(folder / "bildertest.git")
    repo.commit({"publiccode.yml": _publiccode(pictures), "README.md": "# Bildertest\n",
                 "img/logo.png": _png(1024, 1024, (200, 30, 30, 255)),
                 "img/shot.png": _png(800, 600, (20, 120, 40, 255))},
                author=ALICE, when=NOW)  # fmt: skip
    settings = Settings(database_url=database_factory.new_url(), allow_private_addresses=True,
                        git_cache_dir=folder / "cache")  # fmt: skip
    migrate_to_head(settings)
    with committed(settings) as session:
        result = import_repository(
            session, str(repo.path), settings=settings, now=NOW, trusted=True,
            url="https://example.org/town/bildertest",
        )  # fmt: skip
        assert result.solution is not None, result.error
        slug = result.solution.slug
    with TestClient(app=create_app(settings)) as client:
        yield client, slug, repo.path


def test_logo_and_screenshots_are_served_by_the_registry(
    imported: tuple[Client, str, Path],
) -> None:
    client, slug, _repo = imported
    page = client.get(f"/solutions/{slug}?lang=de").text
    logo = re.search(r'<img class="glance-logo" src="(/media/[^"]+)" alt="([^"]+)" '
                     r'width="(\d+)" height="(\d+)"', page)  # fmt: skip
    assert logo is not None and logo.group(2) == "Logo von Bildertest"
    assert (logo.group(3), logo.group(4)) == ("512", "512")  # scaled to the bound
    shots = re.findall(r'<img src="(/media/[^"]+)" alt="(Bildschirmfoto \d von Bildertest)" '
                       r'width="(\d+)" height="(\d+)" loading="lazy"', page)  # fmt: skip
    # the repository's screenshot and the fetched one (the redirect gives the same bytes)
    assert [(w, h) for _src, _alt, w, h in shots] == [("800", "600"), ("1600", "800")]
    sources = re.findall(r'<img[^>]* src="([^"]+)"', page)
    assert all(src.startswith("/") for src in sources), sources  # never hot-linked
    answer = client.get(logo.group(1))
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    assert "immutable" in answer.headers["cache-control"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert Image.open(io.BytesIO(answer.content)).size == (512, 512)
    shot = client.get(shots[1][0])
    assert shot.headers["content-type"] == "image/webp"
    assert Image.open(io.BytesIO(shot.content)).format == "WEBP"
    assert client.get(f"/media/{slug}/nothing.png").status_code == 404


def test_hostile_pictures_are_left_out_and_logged(
    imported: tuple[Client, str, Path], database_factory: DatabaseFactory
) -> None:
    client, slug, _repo = imported
    settings = client.app.state.settings
    with committed(settings) as session:
        solution = session.scalars(select(Solution).where(Solution.slug == slug)).one()
        kinds = sorted(session.scalars(
            select(SolutionMedia.kind).where(SolutionMedia.solution_id == solution.id)
        ))  # fmt: skip
        messages = list(session.scalars(
            select(ImportLogEntry.message).where(ImportLogEntry.solution_id == solution.id,
                                                 ImportLogEntry.action == "media")
        ))  # fmt: skip
    assert solution.active is not None and kinds == ["logo", "screenshot", "screenshot"]
    assert len(messages) == 4, messages
    text = "\n".join(m or "" for m in messages)
    assert "huge.png: the declared size in pixels is over the limit" in text
    assert "text.png: not a PNG, JPEG, GIF or WebP image" in text
    assert "logo.svg: SVG is not taken" in text
    assert "../outside.png: the path leaves the repository" in text


def test_private_addresses_are_refused_also_after_a_redirect(
    imported: tuple[Client, str, Path], pictures: str
) -> None:
    """Without ``allow_private_addresses`` the loopback server is refused, and so is a
    public address answering with a redirect to it (that hop is a recorded answer: the
    test has no public network)."""
    client, slug, _repo = imported
    strict = Settings(database_url=client.app.state.settings.database_url)
    public = "https://93.184.215.14/logo.png"

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{pictures}/shot.png"})

    engine = make_engine(strict)
    with make_sessionmaker(engine)() as session:
        solution = session.scalars(select(Solution).where(Solution.slug == slug)).one()
        before = session.scalars(select(SolutionMedia.name)).all()
        solution.publiccode_raw = (
            f"name: x\nlogo: {public}\n"
            f"description:\n  de:\n    screenshots: [{pictures}/shot.png]\n"
        )
        recorder = ImportRecorder(session, kind="repository", source="test")
        with make_client(strict, transport=httpx.MockTransport(answer)) as http:
            reasons = import_media(session, solution, settings=strict, now=NOW,
                                   recorder=recorder, client=http)  # fmt: skip
        stored = session.scalars(
            select(SolutionMedia).where(SolutionMedia.solution_id == solution.id)
        ).all()
        session.rollback()
    engine.dispose()
    assert len(reasons) == 2 and all("127.0.0.1" in r for r in reasons), reasons
    assert stored == [] and before  # the refused pictures replaced nothing with anything


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BOMB, "pixels is over the limit"),
        (_declared_png(8000, 7000), "8000×7000 pixels is over"),
        (SVG, "SVG"),
        (b"GIF89a" + b"\x00" * 20, "not a PNG"),
        (b"\x00" * 9_000_000, "byte limit"),
    ],
)
def test_encode_refuses_what_is_no_bounded_picture(data: bytes, reason: str) -> None:
    with pytest.raises(MediaRejected, match=reason):
        encode_image(data, kind="logo")
    assert MAX_PIXELS < 60_000 * 60_000


def test_encode_strips_and_bounds(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (3000, 1000), (1, 2, 3)).save(out, format="JPEG", comment=b"secret")
    image = encode_image(out.getvalue(), kind="screenshot")
    assert (image.width, image.height, image.media_type) == (1600, 533, "image/webp")
    assert b"secret" not in image.data


def test_cached_page_and_answer_follow_every_write(imported: tuple[Client, str, Path]) -> None:
    """The read cache serves the same bytes until a committed write to a shown table."""
    client, slug, _repo = imported
    settings = client.app.state.settings
    first = client.get(f"/solutions/{slug}?lang=en").text
    assert client.get(f"/solutions/{slug}?lang=en").text == first  # served from the cache
    api = client.get(f"/api/v1/solutions/{slug}").json()
    with committed(settings) as session:
        generation = current_generation(session)
        session.add(QueueJob(kind="import", key="cache-test", payload={}, status="done"))
    with committed(settings) as session:
        assert current_generation(session) == generation  # job bookkeeping shows nowhere
        solution = session.scalars(select(Solution).where(Solution.slug == slug)).one()
        solution.name = "Bildertest Zwei"
    page = client.get(f"/solutions/{slug}?lang=en").text
    assert "<h1>Bildertest Zwei</h1>" in page and "<h1>Bildertest</h1>" in first
    assert (
        client.get(f"/api/v1/solutions/{slug}").json()["name"] == "Bildertest Zwei" != api["name"]
    )
    with committed(settings) as session:
        assert current_generation(session) == (generation or 0) + 1


def test_reimport_keeps_unchanged_pictures_and_bulk_writes_raise_the_generation(
    imported: tuple[Client, str, Path],
) -> None:
    client, slug, repo = imported
    settings = client.app.state.settings
    query = select(SolutionMedia.id, SolutionMedia.name).order_by(SolutionMedia.id)
    with committed(settings) as session:
        before = session.execute(query).all()
        import_repository(session, str(repo), settings=settings, now=NOW, trusted=True,
                          url="https://example.org/town/bildertest")  # fmt: skip
    with committed(settings) as session:
        assert session.execute(query).all() == before  # nothing re-encoded, nothing renamed
        generation = current_generation(session)
        session.execute(update(Solution).where(Solution.slug == slug).values(landing_url=None))
    with committed(settings) as session:
        assert current_generation(session) == (generation or 0) + 1
