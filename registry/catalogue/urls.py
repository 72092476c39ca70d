"""Repository URL normalisation: one canonical spelling per repository.

``git@github.com:Org/Repo.git``, ``https://github.com/Org/Repo/`` and
``https://GitHub.com/Org/Repo.git`` are the same repository; the canonical form keeps the
path's case (hosts such as Gitea are case-sensitive) but lowers the host and drops
credentials, ``.git``, trailing slashes, queries and fragments.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from registry.errors import InvalidInput

_SCP_LIKE = re.compile(r"^(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)$")
MAX_URL_LENGTH = 500


def normalise_repository_url(url: str) -> str:
    """Return the canonical form of a repository URL, or raise ``InvalidInput``."""
    text = url.strip()
    if not text or len(text) > MAX_URL_LENGTH:
        raise InvalidInput("url: must be 1 to 500 characters", field="url")
    scp = _SCP_LIKE.match(text)
    if scp:
        text = f"https://{scp['host']}/{scp['path']}"
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
    except ValueError:  # "http://[", an unbalanced IPv6 literal
        raise InvalidInput(f"url: not a valid URL: {url!r}", field="url") from None
    scheme = parts.scheme.lower()
    if scheme in {"git", "ssh", "git+ssh"}:
        scheme = "https"
    if scheme not in {"http", "https"} or not hostname:
        raise InvalidInput(f"url: not a web or git URL: {url!r}", field="url")
    host = hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # "host:abc", "host:99999"
        raise InvalidInput(f"url: not a valid port: {url!r}", field="url") from None
    if port and port not in {80, 443}:
        host = f"{host}:{port}"
    path = re.sub(r"/+", "/", parts.path)
    while (trimmed := path.rstrip().rstrip("/").removesuffix(".git")) != path:
        path = trimmed  # "x.git/.git", "x.git.git", "x /": canonical in one call
    return urlunsplit((scheme, host, path, "", ""))


def slugify(text: str, *, max_length: int = 80) -> str:
    """A URL-safe slug: German umlauts transliterated, other accents dropped."""
    replaced = (
        text.replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("ß", "ss")
        .replace("Ä", "Ae")
        .replace("Ö", "Oe")
        .replace("Ü", "Ue")
    )
    ascii_text = unicodedata.normalize("NFKD", replaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "entry"
