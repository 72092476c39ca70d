"""Refuse remote URLs that would make the importer attack its own host.

A URL given by a user must not start a local command (``ext::``, ``fd::``), read the
server's disk (``file://``, plain paths) or reach the server's private network
(loopback, RFC 1918, link-local, cloud metadata at 169.254.169.254, …). The check
resolves the host name and looks at *every* address, because one public and one
private answer is enough for an attacker. It is generic so that HTTP importers can
call it for every redirect as well.

``checked_addresses`` is the one rule for addresses: ``check_remote_url`` uses it before
any work starts, and ``importers.egress`` uses it again when it opens each connection,
dialling only an address it has just checked (a second lookup could answer anything).

Error tree::

    registry.errors.InvalidInput
     └── UnsafeURLError    (the URL is refused; the message says why)
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from registry.errors import InvalidInput

__all__ = [
    "ALLOWED_SCHEMES",
    "UnsafeURLError",
    "check_remote_url",
    "checked_addresses",
    "is_local_source",
]

ALLOWED_SCHEMES = frozenset({"https", "http", "git", "ssh"})
_SCP_LIKE = re.compile(
    r"^(?:[A-Za-z0-9._\-]+@)?(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]):(?!//)"
)
_TRANSPORT_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*::")
_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


class UnsafeURLError(InvalidInput):
    """The URL is refused: a local transport, a local path or a private address."""


def is_local_source(source: str) -> bool:
    """True for plain paths and ``file://`` URLs (operator use only)."""
    lowered = source.strip().lower()
    if lowered.startswith("file:"):
        return True
    return "://" not in lowered and _SCP_LIKE.match(source.strip()) is None


def _split(url: str) -> tuple[str, str]:
    """(scheme, host) of a URL, treating scp-like ``git@host:path`` as ssh."""
    if "://" not in url:
        scp = _SCP_LIKE.match(url)
        if scp is None:
            raise UnsafeURLError(f"not a URL: {url!r}")
        return "ssh", scp.group("host").strip("[]")
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "")


def _bad_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _bad_address(address.ipv4_mapped)
    checks = (
        ("loopback", address.is_loopback),
        ("link-local (includes cloud metadata)", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("unspecified", address.is_unspecified),
        ("not globally routable", not address.is_global),
    )
    return next((label for label, hit in checks if hit), None)


def _resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:  # looked up at call time, so a test can stand in for DNS
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise UnsafeURLError(f"host {host!r} does not resolve: {exc}") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def checked_addresses(host: str, *, allow_private: bool) -> tuple[str, ...]:
    """Resolve ``host`` once and return its addresses, every one of them checked.

    One private answer among public ones refuses the host (``UnsafeURLError``); with
    ``allow_private`` the addresses are returned unchecked, still from this one lookup.
    """
    if not allow_private and host.lower().rstrip(".") in _METADATA_HOSTS:
        raise UnsafeURLError(f"host {host!r} is a cloud metadata service")
    addresses = _resolve(host)
    if not allow_private:
        for address in addresses:
            reason = _bad_address(address)
            if reason is not None:
                raise UnsafeURLError(f"host {host!r} resolves to {address}, which is {reason}")
    if not addresses:
        raise UnsafeURLError(f"host {host!r} does not resolve")
    return tuple(dict.fromkeys(str(address) for address in addresses))


def check_remote_url(url: str, *, allow_private: bool, allow_local: bool) -> None:
    """Raise ``UnsafeURLError`` unless ``url`` is safe to fetch for a user.

    ``allow_local`` admits ``file://`` URLs and plain paths (``registry import`` run
    by the operator); ``allow_private`` admits private and loopback hosts (tests,
    an intranet forge). Command transports (``ext::sh -c …``) are never admitted.
    """
    text = url.strip()
    if not text or any(ord(char) < 32 for char in text):
        raise UnsafeURLError("empty URL or control characters in URL")
    if _TRANSPORT_PREFIX.match(text):
        raise UnsafeURLError(f"command transports are refused: {text.split('::', 1)[0]}::")
    if is_local_source(text):
        if allow_local:
            return
        raise UnsafeURLError(f"local paths and file:// URLs are refused: {text!r}")
    scheme, host = _split(text)
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(f"scheme {scheme!r} is refused; use one of {sorted(ALLOWED_SCHEMES)}")
    if not host or host.startswith("-"):
        raise UnsafeURLError(f"no usable host in {text!r}")
    if not allow_private:
        checked_addresses(host, allow_private=False)
