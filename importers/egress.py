"""The one way out: every outbound connection goes to an address checked as it is opened.

``importers.urlguard`` decides which addresses are acceptable; this module makes sure the
socket goes there. A host name is resolved once per connection, every address is checked
(``checked_addresses``), and the connection is opened to one of those checked addresses,
never to whatever the name points at on a second lookup (DNS rebinding: a public answer
for the guard, ``127.0.0.1`` for the connection).

* httpx: ``EgressTransport`` / ``AsyncEgressTransport`` give httpcore a network backend
  that resolves, checks and dials the IP. The URL keeps its host name, so the ``Host``
  header, TLS SNI and certificate verification are for that name.
* libgit2 (which resolves by itself): ``importers.git.proxy``, a forward proxy on
  loopback that dials through ``connect``.

Proxy variables from the environment are ignored (a proxy would resolve the name again);
``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` are honoured as before.
"""

from __future__ import annotations

import socket
import ssl
import typing
from functools import partial

import anyio.to_thread
import httpcore
import httpx

from importers.urlguard import UnsafeURLError, checked_addresses

__all__ = ["AsyncEgressTransport", "EgressTransport", "connect"]

_SocketOptions = typing.Iterable[
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
]


def connect(host: str, port: int, *, allow_private: bool, timeout: float | None) -> socket.socket:
    """A TCP connection to a checked address of ``host`` (the first that answers)."""
    error: OSError | None = None
    for address in checked_addresses(host, allow_private=allow_private):
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except OSError as exc:
            error = exc
    raise error or OSError(f"{host}: no address to connect to")


def _no_sockets(path: str) -> UnsafeURLError:
    return UnsafeURLError(f"unix sockets are not an outbound destination: {path!r}")


class _CheckedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, dialling only checked addresses."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: _SocketOptions | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve once, check every address, connect to a checked one."""
        error: Exception | None = None
        for address in checked_addresses(host, allow_private=self.allow_private):
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host}: no address to connect to")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _SocketOptions | None = None
    ) -> httpcore.NetworkStream:
        """Never: only checked TCP addresses."""
        raise _no_sockets(path)

    def sleep(self, seconds: float) -> None:
        """Between connection retries."""
        self.inner.sleep(seconds)


class _AsyncCheckedBackend(httpcore.AsyncNetworkBackend):
    """The asynchronous twin; the lookup runs in a worker thread."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: _SocketOptions | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve once, check every address, connect to a checked one."""
        lookup = partial(checked_addresses, host, allow_private=self.allow_private)
        error: Exception | None = None
        for address in await anyio.to_thread.run_sync(lookup):
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host}: no address to connect to")

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _SocketOptions | None = None
    ) -> httpcore.AsyncNetworkStream:
        """Never: only checked TCP addresses."""
        raise _no_sockets(path)

    async def sleep(self, seconds: float) -> None:
        """Between connection retries."""
        await self.inner.sleep(seconds)


#: httpx's own pool defaults, for both transports.
_POOL_LIMITS: dict[str, typing.Any] = {
    "max_connections": 100, "max_keepalive_connections": 20, "keepalive_expiry": 5.0,
}  # fmt: skip


class EgressTransport(httpx.HTTPTransport):
    """httpx's transport over ``_CheckedBackend`` (``verify`` for a test's own CA)."""

    def __init__(self, *, allow_private: bool, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(verify=verify)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            network_backend=_CheckedBackend(allow_private),
            **_POOL_LIMITS,
        )


class AsyncEgressTransport(httpx.AsyncHTTPTransport):
    """httpx's asynchronous transport over ``_AsyncCheckedBackend``."""

    def __init__(self, *, allow_private: bool, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(verify=verify)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            network_backend=_AsyncCheckedBackend(allow_private),
            **_POOL_LIMITS,
        )
