"""Repository URL normalisation: one canonical spelling per repository.

``git@github.com:Org/Repo.git``, ``https://github.com/Org/Repo/`` and
``https://GitHub.com/Org/Repo.git`` are the same repository; the canonical form lowers the
host and drops credentials, ``.git``, trailing slashes, queries and fragments. The path's
case is folded only where the host ignores it: GitHub and GitLab (gitlab.com, OpenCoDE,
hosts named ``gitlab.*``) treat owner and name case-insensitively, so ``Stadt/App`` and
``stadt/app`` are one repository; other hosts (Gitea, cgit, plain HTTP) keep the case.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar
from urllib.parse import SplitResult, urlsplit, urlunsplit

from registry.errors import InvalidInput

_SCP_LIKE = re.compile(r"^(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)$")
MAX_URL_LENGTH = 500
#: Whitespace or control characters: browsers skip some of them inside a scheme
#: (``java\tscript:``), so a link holding any is refused outright.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")
#: Draft fields that hold a link a page will put in ``href`` or ``src``.
LINK_FIELDS = frozenset({
    "landing_url", "logo", "documentation", "api_documentation", "website", "docs_url",
    "evidence", "instance_url",
})  # fmt: skip
_D = TypeVar("_D")
#: Hosts whose owner and repository names are case-insensitive (GitHub, GitLab).
CASE_INSENSITIVE_HOSTS = frozenset({
    "github.com", "www.github.com", "gitlab.com", "gitlab.opencode.de",
})  # fmt: skip


def folds_case(host: str) -> bool:
    """True for GitHub and GitLab hosts, whose paths name repositories case-insensitively."""
    host = host.lower()
    return host in CASE_INSENSITIVE_HOSTS or host.startswith("gitlab.")


def _parts(text: str) -> SplitResult | None:
    """The parts of a link short enough and free of whitespace and control characters."""
    if not text or len(text) > MAX_URL_LENGTH or _UNSAFE_CHARS.search(text):
        return None
    try:
        parts = urlsplit(text)
        parts.hostname  # noqa: B018 - raises ValueError on a broken IPv6 literal
    except ValueError:
        return None
    return parts


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host, at most 500 characters, no whitespace inside."""
    parts = _parts(text)
    return parts is not None and parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def web_url(field: str, value: object) -> str:
    """``value`` if it is an http(s) URL, else ``InvalidInput`` naming ``field``.

    The one rule for links people type in (edits, adoptions, webhook subscriptions):
    ``javascript:``, ``data:`` and the like never reach the database.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not is_web_url(text):
        raise InvalidInput(f"{field}: must be an http(s) URL of at most 500 characters",
                           field=field)  # fmt: skip
    return text


def is_safe_link(text: str) -> bool:
    """An http(s) URL, or a path relative to the repository (``docs/api.yaml``)."""
    if is_web_url(text):
        return True
    parts = _parts(text)
    return parts is not None and not parts.scheme and not parts.netloc and not text.startswith("//")


def without_unsafe_links(draft: _D) -> tuple[_D, list[str]]:
    """The draft with every link that is not http(s) or relative emptied, and their paths.

    Imported data is hostile: a ``landingURL: javascript:...`` in a publiccode.yml, or
    a host's "homepage" field, is dropped before it is stored (the validator reports it
    on the file as well), so no page, feed or export can ever carry it.
    """
    dropped: list[str] = []
    return _clean(draft, "", dropped), dropped


def _clean(value: Any, path: str, dropped: list[str]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            where = f"{path}.{item.name}" if path else item.name
            if item.name in LINK_FIELDS and isinstance(current, str):
                link = current.strip() or None
                if link is not None and not is_safe_link(link):
                    dropped.append(where)
                    link = None
                if link != current:
                    changes[item.name] = link
            else:
                cleaned = _clean(current, where, dropped)
                if cleaned is not current:
                    changes[item.name] = cleaned
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = [_clean(v, f"{path}[{i}]", dropped) for i, v in enumerate(value)]
        return tuple(items) if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = {k: _clean(v, f"{path}.{k}", dropped) for k, v in value.items()}
        return pairs if any(pairs[k] is not value[k] for k in value) else value
    return value


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
    if folds_case(host):
        path = path.lower()
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
