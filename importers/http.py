"""One way to make HTTP requests to the outside: timeouts, size caps, the address guard.

Every request an importer makes goes through ``make_client``, whose connections are made
by ``importers.egress`` (to an address checked as the connection opens); ``fetch_bytes``
reads a body with a size cap and follows redirects itself, checking each hop against the
address guard (a redirect to a private address is refused just as the first URL would be).
"""

from __future__ import annotations

from urllib.parse import urljoin

import httpx

from importers.egress import EgressTransport
from importers.urlguard import check_remote_url
from registry.errors import ImportFailed, InvalidInput
from registry.settings import Settings

MAX_REDIRECTS = 5


def make_client(
    settings: Settings, *, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """A client with our User-Agent and timeouts; redirects are followed by ``fetch_bytes``.

    ``transport`` replaces the egress only for recorded answers in tests.
    """
    return httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.http_timeout_seconds, connect=10.0),
        follow_redirects=False,
        transport=transport or EgressTransport(allow_private=settings.allow_private_addresses),
    )


def _guard(url: str, settings: Settings) -> None:
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"url: only http and https are fetched, not {url!r}", field="url")
    check_remote_url(url, allow_private=settings.allow_private_addresses, allow_local=False)


def fetch_bytes(
    client: httpx.Client, url: str, settings: Settings, *, max_bytes: int | None = None
) -> bytes:
    """GET ``url`` and return at most ``max_bytes``; larger bodies are refused, not cut."""
    limit = max_bytes if max_bytes is not None else settings.http_max_bytes
    for _ in range(MAX_REDIRECTS + 1):
        _guard(url, settings)
        with client.stream("GET", url) as response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("location", ""))
                continue
            if response.status_code >= 400:
                raise ImportFailed(f"{url}: HTTP {response.status_code}", field="url")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise ImportFailed(f"{url}: {declared} bytes is over the {limit} byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise ImportFailed(f"{url}: body is over the {limit} byte limit")
            return bytes(body)
    raise ImportFailed(f"{url}: more than {MAX_REDIRECTS} redirects")


class GuardedUrlChecker:
    """``registry.publiccode.UrlChecker`` over the guarded client (``--network`` checks)."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client or make_client(settings)

    def check(self, url: str) -> str | None:
        """Why ``url`` is not reachable, or None."""
        try:
            fetch_bytes(self.client, url, self.settings, max_bytes=self.settings.http_max_bytes)
        except (InvalidInput, ImportFailed) as exc:
            return exc.message
        except httpx.HTTPError as exc:
            return f"{url}: {type(exc).__name__}"
        return None
