"""Take an entry's logo and screenshots after its import: from the repository or by URL.

Paths come from the analysed repository (``importers.git.media``); URLs are fetched with
``importers.http.fetch_bytes`` (address guard on every hop, size cap). Every picture is
re-encoded by ``registry.catalogue.media`` and stored; one that cannot be taken (SVG, not
an image, too large, a refused address) is left out and logged on the import run as a
``media`` entry with the reason. The entry itself is imported either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import httpx
from sqlalchemy.orm import Session

from importers.http import fetch_bytes, make_client
from registry.catalogue import models as m
from registry.catalogue.media import (
    MAX_SOURCE_BYTES,
    MediaRef,
    MediaRejected,
    MediaService,
    StoredImage,
    digest,
    encode_image,
    media_references,
)
from registry.errors import RegistryError
from registry.imports import ImportRecorder
from registry.publiccode import read_untrusted
from registry.settings import Settings

__all__ = ["import_media"]


def import_media(
    session: Session,
    solution: m.Solution,
    *,
    settings: Settings,
    now: datetime,
    recorder: ImportRecorder,
    blobs: Mapping[str, bytes] | None = None,
    refused: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
) -> list[str]:
    """Store the pictures ``solution.publiccode_raw`` names; the reasons for those left out."""
    document = read_untrusted(solution.publiccode_raw) if solution.publiccode_raw else None
    refs = media_references(document)
    service = MediaService(session)
    known = service.digests(solution.id)
    blobs, refused = blobs or {}, refused or {}
    images: list[StoredImage] = []
    keep: set[str] = set()
    taken: set[tuple[str, str]] = set()
    reasons: list[str] = []
    own = client is None
    try:
        for ref in refs:
            try:
                data = _read(
                    ref, blobs, refused, settings, client or (client := make_client(settings))
                )
                sha = digest(data)
                if (ref.kind, sha) in taken:  # a second URL for the same picture
                    continue
                taken.add((ref.kind, sha))
                if known.get(ref.source) == sha:
                    keep.add(ref.source)
                    continue
                images.append(StoredImage(ref, encode_image(data, kind=ref.kind), sha))
            except MediaRejected as exc:
                reasons.append(f"{ref.kind} {ref.source[:200]}: {exc}")
    finally:
        if own and client is not None:
            client.close()
    service.replace(solution, images, now=now, keep=frozenset(keep))
    for reason in reasons:
        recorder.log(
            "media", url=solution.url, solution_id=solution.id,
            message=f"Bild nicht übernommen / picture left out: {reason}",
        )  # fmt: skip
    return reasons


def _read(
    ref: MediaRef,
    blobs: Mapping[str, bytes],
    refused: Mapping[str, str],
    settings: Settings,
    client: httpx.Client,
) -> bytes:
    if not ref.is_url:
        if ref.source in blobs:
            return blobs[ref.source]
        raise MediaRejected(refused.get(ref.source, "not in the repository"))
    try:
        return fetch_bytes(client, ref.source, settings, max_bytes=MAX_SOURCE_BYTES)
    except RegistryError as exc:
        raise MediaRejected(exc.message) from exc
    except httpx.HTTPError as exc:
        raise MediaRejected(f"{type(exc).__name__}") from exc
