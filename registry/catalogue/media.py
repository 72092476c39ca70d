"""Logos and screenshots: which the entry names, re-encoded with bounds, stored for serving.

The registry never hot-links a picture and never passes on the bytes it was given: an
image is decoded only from PNG, JPEG, GIF or WebP, its pixel count is checked on the
header before anything is decoded (a small file can declare a gigapixel canvas), it is
scaled down and re-encoded (a logo as PNG, a screenshot as WebP), and only that copy is
stored and served from ``/media/{solution}/{name}``. SVG is refused: served as-is it can
run script, and no rasteriser without that risk is available here.

    refs = media_references(solution.publiccode_raw)    # [MediaRef("logo", "img/logo.png"), …]
    image = encode_image(data, kind="logo")             # EncodedImage, or MediaRejected
    MediaService(session).replace(solution, [StoredImage(ref, image, digest)], now=now)
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.catalogue import models as m
from registry.errors import NotFound

__all__ = [
    "EncodedImage",
    "MediaRef",
    "MediaRejected",
    "MediaService",
    "StoredImage",
    "digest",
    "encode_image",
    "media_references",
]

#: Bytes read for one picture (a 4K screenshot as PNG is well under this).
MAX_SOURCE_BYTES = 8_000_000
#: Pixels a picture may declare before it is decoded (about 7000 × 7000).
MAX_PIXELS = 50_000_000
#: The longest side after scaling, by kind.
MAX_SIDE = {"logo": 512, "screenshot": 1600}
MAX_SCREENSHOTS = 8
_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


class MediaRejected(Exception):
    """A picture not taken, with the reason (recorded on the import run)."""


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A picture the entry names: ``source`` is a URL or a path in the repository."""

    kind: str  # logo | screenshot
    source: str
    position: int = 0

    @property
    def is_url(self) -> bool:
        """Fetched over HTTP(S) rather than read from the repository."""
        return self.source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class EncodedImage:
    """The registry's own copy of a picture."""

    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def suffix(self) -> str:
        """The file name suffix of the media type."""
        return "png" if self.media_type == "image/png" else "webp"


@dataclass(frozen=True, slots=True)
class StoredImage:
    """What ``MediaService.replace`` keeps: the reference, the copy, the source's digest."""

    ref: MediaRef
    image: EncodedImage
    digest: str


def digest(data: bytes) -> str:
    """SHA-256 of the bytes read (an unchanged picture is not re-encoded on re-import)."""
    return hashlib.sha256(data).hexdigest()


def _strs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def media_references(document: Any) -> list[MediaRef]:
    """The logo and screenshots a publiccode.yml document names (plain data), deduplicated.

    Screenshots come from every language's ``description``, in the order given, at most
    ``MAX_SCREENSHOTS``.
    """
    if not isinstance(document, dict):
        return []
    refs: list[MediaRef] = []
    logo = next(iter(_strs(document.get("logo"))), None)
    if logo and logo.strip():
        refs.append(MediaRef("logo", logo.strip()))
    seen: set[str] = set()
    description = document.get("description")
    for text in description.values() if isinstance(description, dict) else ():
        shots = _strs(text.get("screenshots")) if isinstance(text, dict) else []
        for shot in (s.strip() for s in shots):
            if shot and shot not in seen and len(seen) < MAX_SCREENSHOTS:
                seen.add(shot)
                refs.append(MediaRef("screenshot", shot, len(seen)))
    return refs


def _looks_like_svg(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def encode_image(data: bytes, *, kind: str) -> EncodedImage:
    """Decode ``data`` within the bounds and re-encode it; ``MediaRejected`` says why not."""
    if len(data) > MAX_SOURCE_BYTES:
        raise MediaRejected(f"{len(data)} bytes is over the {MAX_SOURCE_BYTES} byte limit")
    if _looks_like_svg(data):
        raise MediaRejected("SVG is not taken (it can carry script)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_FORMATS) as opened:
                width, height = opened.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise MediaRejected(f"{width}×{height} pixels is over the limit")
                opened.seek(0)  # the first frame of an animation
                picture = opened.convert("RGBA")
    except MediaRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise MediaRejected("the declared size in pixels is over the limit") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise MediaRejected(f"not a PNG, JPEG, GIF or WebP image ({type(exc).__name__})") from exc
    picture.thumbnail((MAX_SIDE[kind], MAX_SIDE[kind]), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "logo":
        picture.save(out, format="PNG", optimize=True)
        media_type = "image/png"
    else:
        picture.save(out, format="WEBP", quality=82, method=4)
        media_type = "image/webp"
    return EncodedImage(out.getvalue(), media_type, picture.width, picture.height)


def _name(item: StoredImage) -> str:
    """``logo-{digest}.png``: a new picture gets a new name, so it may be cached for long."""
    stem = "logo" if item.ref.kind == "logo" else f"screenshot-{item.ref.position}"
    return f"{stem}-{item.digest[:12]}.{item.image.suffix}"


class MediaService:
    """The stored pictures of entries: replaced as a whole per import, read for serving."""

    def __init__(self, session: Session) -> None:
        self.db = session

    def of(self, solution_id: int) -> list[m.SolutionMedia]:
        """The pictures of one entry: the logo first, then screenshots in order."""
        rows = self.db.scalars(
            select(m.SolutionMedia).where(m.SolutionMedia.solution_id == solution_id)
        )
        return sorted(rows, key=lambda r: (r.kind != "logo", r.position))

    def digests(self, solution_id: int) -> dict[str, str]:
        """Source → digest of what is stored (to skip re-encoding unchanged pictures)."""
        return {r.source: r.digest for r in self.of(solution_id)}

    def replace(
        self,
        solution: m.Solution,
        images: list[StoredImage],
        *,
        now: datetime,
        keep: frozenset[str] = frozenset(),
    ) -> None:
        """Make ``images`` the entry's pictures; stored ones whose source is in ``keep``
        (unchanged since the last import) stay as they are; every other one goes."""
        for row in self.of(solution.id):
            if row.source not in keep:
                self.db.delete(row)
        self.db.flush()
        for item in images:
            self.db.add(
                m.SolutionMedia(
                    solution_id=solution.id, name=_name(item),
                    kind=item.ref.kind, position=item.ref.position,
                    media_type=item.image.media_type, width=item.image.width,
                    height=item.image.height, data=item.image.data, alt={},
                    source=item.ref.source[:500], digest=item.digest, fetched_at=now,
                )
            )  # fmt: skip
        self.db.flush()

    def get(self, slug: str, name: str) -> m.SolutionMedia:
        """One stored picture of an entry by file name, or ``NotFound``."""
        row = self.db.scalar(
            select(m.SolutionMedia)
            .join(m.Solution, m.Solution.id == m.SolutionMedia.solution_id)
            .where(m.Solution.slug == slug, m.Solution.deleted_at.is_(None),
                   m.SolutionMedia.name == name)
        )  # fmt: skip
        if row is None:
            raise NotFound(f"no picture {name!r} of {slug!r}", field="name")
        return row
