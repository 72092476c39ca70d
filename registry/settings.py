"""One frozen settings object, built explicitly from an environment mapping.

Nothing reads ``os.environ`` at import time: ``Settings.from_env(os.environ)`` is called
by the composition roots (the CLI and ``web.app.create_app``), and tests build their own.
Every variable has the prefix ``REGISTRY_``; ``registry config`` prints the effective
values with secrets masked.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from registry.errors import InvalidInput

PREFIX = "REGISTRY_"
DEFAULT_DATABASE_URL = "sqlite:///registry.sqlite3"
_SECRET_MARKERS = ("token", "secret", "password")


def _as_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise InvalidInput(f"{PREFIX}{name.upper()}: expected true or false, got {raw!r}")


def _as_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(
            f"{PREFIX}{name.upper()}: expected a whole number, got {raw!r}"
        ) from None
    if value < 0:
        raise InvalidInput(f"{PREFIX}{name.upper()}: must not be negative, got {value}")
    return value


def _as_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(f"{PREFIX}{name.upper()}: expected a number, got {raw!r}") from None
    if value <= 0:
        raise InvalidInput(f"{PREFIX}{name.upper()}: must be positive, got {value}")
    return value


def _as_list(_name: str, raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _as_networks(name: str, raw: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks (``10.0.0.0/8,127.0.0.1``), each checked."""
    parts = _as_list(name, raw)
    for part in parts:
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise InvalidInput(
                f"{PREFIX}{name.upper()}: {part!r} is not an address or network"
            ) from None
    return parts


def _as_search_engine(name: str, raw: str) -> str:
    value = raw.strip().lower() or "tantivy"
    if value not in ("tantivy", "sql"):
        raise InvalidInput(f"{PREFIX}{name.upper()}: expected tantivy or sql, got {raw!r}")
    return value


def token_origin(key: str) -> tuple[str, str, int]:
    """(scheme, host, port) a host token is for, from its key in ``host_tokens``.

    ``github.com`` (the old form) means ``https://github.com:443``; ``host:8443`` and
    ``https://host:8443`` name another port. ``ValueError`` for a key that is no origin.
    """
    text = key.strip().lower()
    parts = urlsplit(text if "://" in text else f"https://{text}")
    if not parts.hostname or parts.path.strip("/") or parts.query or parts.username:
        raise ValueError(f"not a host or origin: {key!r}")
    return parts.scheme, parts.hostname, parts.port or 443


def _as_hosts(name: str, raw: str) -> dict[str, str]:
    """Parse ``host=token,https://host2:8443=token2`` (per-origin API tokens, https only)."""
    result: dict[str, str] = {}
    for part in _as_list(name, raw):
        host, sep, token = part.partition("=")
        if not sep or not host.strip() or not token.strip():
            raise InvalidInput(f"{PREFIX}{name.upper()}: expected host=token pairs, got {part!r}")
        try:
            scheme = token_origin(host)[0]
        except ValueError as exc:
            raise InvalidInput(f"{PREFIX}{name.upper()}: {exc}") from None
        if scheme != "https":
            raise InvalidInput(
                f"{PREFIX}{name.upper()}: tokens are sent only over https, not {host.strip()!r}"
            )
        result[host.strip().lower()] = token.strip()
    return result


@dataclass(frozen=True, slots=True)
class Settings:
    """The registry's configuration. Defaults give the embedded, server-less setup."""

    database_url: str = DEFAULT_DATABASE_URL
    #: Redis URL for the background task queue; empty means in-process background work.
    queue_url: str = ""
    #: Where rate-limit counts live (``registry.accounts.throttle``): ``memory://`` per
    #: process, or a Redis URL (``redis://127.0.0.1:6379``) shared by every server worker.
    rate_limit_url: str = "memory://"
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False
    #: Demo mode, set only by `registry serve --demo` (`make run`): demo sign-ins on the login page.
    demo: bool = False
    #: Languages offered on pages; the first is the fallback.
    languages: tuple[str, ...] = ("de", "en")
    secret_key: str = "change-me-in-production"  # noqa: S105 - a placeholder to replace
    #: Mark cookies Secure and send HSTS: set when the registry is served over TLS.
    secure_cookies: bool = False
    #: Where bare clones are kept while a repository is analysed.
    git_cache_dir: Path = Path(".registry-cache/git")
    git_depth: int = 0
    git_timeout_seconds: float = 120.0
    git_max_blob_bytes: int = 1_000_000
    git_max_files: int = 100_000
    git_max_commits: int = 50_000
    #: How long a worker's claim on a database job holds without renewal (it renews every
    #: third of it while the job runs); a job whose worker died is run again after it.
    job_lease_seconds: float = 60.0
    #: Fetch limits for everything taken from outside (YAML, host APIs).
    http_timeout_seconds: float = 20.0
    http_max_bytes: int = 5_000_000
    #: Allow importers to reach private and loopback addresses (tests, intranet forges).
    allow_private_addresses: bool = False
    #: Allow ``registry import`` of local paths and ``file://`` URLs (operator use only).
    allow_local_repositories: bool = False
    #: API tokens per Git-host origin (``token_origin``): sent only over https, only there.
    host_tokens: dict[str, str] = field(default_factory=dict)
    user_agent: str = "municipal-software-registry/0.1 (+https://example.invalid/registry)"
    #: Git-host APIs: retries of a failed request, the longest rate-limit wait, page size.
    host_max_retries: int = 4
    host_max_wait_seconds: float = 120.0
    host_page_size: int = 100
    #: Webhooks: GitHub's shared secret (HMAC-SHA256), GitLab's X-Gitlab-Token.
    webhook_github_secret: str = ""
    webhook_gitlab_token: str = ""
    #: OpenID Connect sign-in (e.g. a municipal Keycloak): off while the issuer is empty.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_label: str = "Single Sign-On"
    #: Outgoing mail (adoption reminders, domain confirmation); empty: page notices only.
    smtp_url: str = ""
    mail_from: str = "registry@localhost"
    #: The registry's public address, for links in mails (e.g. https://software.example.de).
    public_url: str = "http://127.0.0.1:8000"
    #: Proxies whose X-Forwarded-For is believed (addresses or networks); empty: none.
    trusted_proxies: tuple[str, ...] = ()
    #: How this registry describes itself to federated catalogues (``/api/v1/catalogs``):
    #: the places it covers (open-catalog-api ``scopes``) and its publishers' namespace.
    catalog_scopes: tuple[str, ...] = ("iso3166:DE",)
    publishers_namespace: str = ""
    #: Search: ``tantivy`` (the engine's index, fed from the database's outbox) or ``sql``
    #: (FTS5 / tsvector only). The index lives in ``search_index_dir``; empty: beside the
    #: SQLite file (``registry.sqlite3-search``), or for PostgreSQL a folder per database
    #: under the system's temporary directory (set it in production).
    search_engine: str = "tantivy"
    search_index_dir: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Build settings from ``REGISTRY_*`` variables; unknown ones are rejected."""
        parsers: dict[str, Any] = {
            "database_url": lambda _n, raw: raw.strip() or DEFAULT_DATABASE_URL,
            "queue_url": lambda _n, raw: raw.strip(),
            "rate_limit_url": lambda _n, raw: raw.strip() or "memory://",
            "host": lambda _n, raw: raw.strip(),
            "port": _as_int,
            "debug": _as_bool,
            "demo": _as_bool,
            "secure_cookies": _as_bool,
            "languages": _as_list,
            "secret_key": lambda _n, raw: raw,
            "git_cache_dir": lambda _n, raw: Path(raw),
            "git_depth": _as_int,
            "git_timeout_seconds": _as_float,
            "git_max_blob_bytes": _as_int,
            "git_max_files": _as_int,
            "git_max_commits": _as_int,
            "job_lease_seconds": _as_float,
            "http_timeout_seconds": _as_float,
            "http_max_bytes": _as_int,
            "allow_private_addresses": _as_bool,
            "allow_local_repositories": _as_bool,
            "host_tokens": _as_hosts,
            "user_agent": lambda _n, raw: raw.strip(),
            "host_max_retries": _as_int,
            "host_max_wait_seconds": _as_float,
            "host_page_size": _as_int,
            "webhook_github_secret": lambda _n, raw: raw,
            "webhook_gitlab_token": lambda _n, raw: raw,
            "oidc_issuer": lambda _n, raw: raw.strip().rstrip("/"),
            "oidc_client_id": lambda _n, raw: raw.strip(),
            "oidc_client_secret": lambda _n, raw: raw,
            "oidc_label": lambda _n, raw: raw.strip() or "Single Sign-On",
            "smtp_url": lambda _n, raw: raw.strip(),
            "mail_from": lambda _n, raw: raw.strip(),
            "public_url": lambda _n, raw: raw.strip().rstrip("/"),
            "trusted_proxies": _as_networks,
            "catalog_scopes": _as_list,
            "publishers_namespace": lambda _n, raw: raw.strip(),
            "search_engine": _as_search_engine,
            "search_index_dir": lambda _n, raw: raw.strip(),
        }
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in environ.items():
            if not key.startswith(PREFIX) or key.startswith(PREFIX + "TEST_"):
                continue
            name = key[len(PREFIX) :].lower()
            if name not in known:
                raise InvalidInput(f"{key}: unknown setting")
            values[name] = parsers[name](name, raw)
        settings = cls(**values)
        if not settings.languages:
            raise InvalidInput(f"{PREFIX}LANGUAGES: at least one language is needed")
        return settings

    @property
    def is_sqlite(self) -> bool:
        """True on the embedded default."""
        return self.database_url.startswith("sqlite")

    def masked(self) -> dict[str, str]:
        """Effective settings for display, with secrets and URL passwords masked."""
        shown: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if any(marker in f.name for marker in _SECRET_MARKERS) or f.name == "secret_key":
                text = "****" if value else ""
                if isinstance(value, dict):
                    text = ",".join(f"{host}=****" for host in value)
            elif isinstance(value, tuple):
                text = ",".join(value)
            else:
                text = str(value)
            if f.name.endswith("_url"):
                text = _mask_url_password(text)
            shown[f"{PREFIX}{f.name.upper()}"] = text
        return shown


def _mask_url_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, location = rest.rpartition("@")
    user, has_password, _ = credentials.partition(":")
    return f"{scheme}://{user}{':****' if has_password else ''}@{location}"
