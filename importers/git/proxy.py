"""A forward proxy on loopback for one clone, so that libgit2 dials only checked addresses.

libgit2 resolves host names itself, after the address guard has looked, so a name can
answer a public address to the guard and ``127.0.0.1`` to libgit2 (DNS rebinding).
``clone_proxy(host, port, …)`` serves on a free loopback port while the clone runs and
forwards only to ``host:port``:

* https: libgit2 is given the proxy and asks ``CONNECT host:port``; the TLS session stays
  libgit2's, so the certificate is verified for the name;
* plain http: libgit2 ignores a proxy for http remotes (libgit2 issue 5650), so it is
  given ``reverse_url`` instead and talks to the proxy as if it were the server; each
  request gets the real ``Host`` and ``Connection: close`` (one request per connection).

Every upstream connection is made by ``importers.egress.connect``: resolved once, every
address checked, dialled to a checked address. A refusal answers 403 and is kept in
``refused`` for the caller.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from importers.egress import connect
from importers.urlguard import UnsafeURLError

__all__ = ["CloneProxy", "clone_proxy"]

MAX_HEAD_BYTES = 64 * 1024
_DROPPED = (
    b"proxy-connection:", b"proxy-authorization:", b"connection:", b"keep-alive:", b"host:"
)  # fmt: skip


class _Refused(Exception):
    """The request is not forwarded; ``status`` and the reason are answered."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def _read_head(client: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(8192)
        if not chunk:
            raise _Refused(400, "connection closed before the request head")
        data += chunk
        if len(data) > MAX_HEAD_BYTES:
            raise _Refused(431, "request head too large")
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def _host_port(authority: str, default: int) -> tuple[str, int]:
    host, sep, port = authority.rpartition(":")
    if not sep or host.endswith(":") or (authority.startswith("[") and not host.endswith("]")):
        host, port = authority, str(default)
    try:
        return host.strip("[]").lower(), int(port)
    except ValueError:
        raise _Refused(400, f"bad port in {authority!r}") from None


def _relay(one: socket.socket, other: socket.socket, idle: float) -> None:
    """Copy bytes both ways until both sides are done (or nothing moves for ``idle`` s)."""
    peer = {one: other, other: one}
    reading = {one, other}
    while reading:
        ready, _, _ = select.select(list(reading), [], [], idle)
        if not ready:
            return
        for sock in ready:
            data = sock.recv(65536)
            if data:
                peer[sock].sendall(data)
                continue
            reading.discard(sock)
            with contextlib.suppress(OSError):
                peer[sock].shutdown(socket.SHUT_WR)


class CloneProxy:
    """The running proxy: ``url`` (https) or ``reverse_url`` (http) for libgit2, and
    ``refused``, the reasons it said no."""

    def __init__(self, host: str, port: int, *, allow_private: bool, timeout: float) -> None:
        self.origin = (host.strip("[]").lower(), port)
        self.allow_private = allow_private
        self.timeout = timeout
        self.refused: list[str] = []
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.authority = f"[{self.origin[0]}]" if ":" in self.origin[0] else self.origin[0]
        if port != 80:
            self.authority += f":{port}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop listening and cut every connection still open."""
        with self._lock:
            sockets = [self._listener, *self._open]
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._thread.join(timeout=5)

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._open.add(sock)
        sock.settimeout(self.timeout)
        return sock

    def _handle(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            self._track(client)
            head, rest = _read_head(client)
            first, *lines = head.split(b"\r\n")
            method, target, version = first.decode("latin-1").split(" ", 2)
            upstream, forward = self._open_upstream(method, target, version, lines)
            if method.upper() == "CONNECT":
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            upstream.sendall(forward + rest)
            _relay(client, upstream, self.timeout)
        except _Refused as refusal:
            self._answer(client, refusal.status, str(refusal))
        except (OSError, ValueError):
            pass
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with self._lock:
                        self._open.discard(sock)
                    sock.close()

    def _open_upstream(
        self, method: str, target: str, version: str, lines: list[bytes]
    ) -> tuple[socket.socket, bytes]:
        """The checked upstream connection and the bytes to send it first."""
        if method.upper() == "CONNECT":
            host, port = _host_port(target, 443)
            forward = b""
        elif target.startswith("/"):
            host, port = self.origin
            forward = self._forwarded(method, target, version, lines)
        else:
            raise _Refused(400, f"only CONNECT and origin-form requests: {target!r}")
        if (host, port) != self.origin:
            raise _Refused(403, f"{host}:{port} is not the clone's origin")
        try:
            upstream = connect(host, port, allow_private=self.allow_private, timeout=self.timeout)
        except UnsafeURLError as exc:
            self.refused.append(exc.message)
            raise _Refused(403, exc.message) from None
        except OSError as exc:
            raise _Refused(502, f"{host}:{port} not reachable: {exc}") from None
        return self._track(upstream), forward

    def reverse_url(self, url: str) -> str:
        """``url`` (plain http, this proxy's origin) as libgit2 should dial it."""
        parts = urlsplit(url)
        return parts._replace(netloc=self.url.removeprefix("http://")).geturl()

    def _forwarded(self, method: str, path: str, version: str, lines: list[bytes]) -> bytes:
        kept = [line for line in lines if not line.lower().startswith(_DROPPED)]
        host = f"Host: {self.authority}".encode("latin-1")
        request = f"{method} {path} {version}".encode("latin-1")
        return b"\r\n".join([request, host, *kept, b"Connection: close"]) + b"\r\n\r\n"

    @staticmethod
    def _answer(client: socket.socket, status: int, reason: str) -> None:
        body = reason.encode("utf-8", "replace")
        head = (
            f"HTTP/1.1 {status} Refused\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            client.sendall(head.encode("latin-1") + body)


@contextmanager
def clone_proxy(
    host: str, port: int, *, allow_private: bool, timeout: float
) -> Iterator[CloneProxy]:
    """A ``CloneProxy`` to ``host:port`` for the duration of the block."""
    proxy = CloneProxy(host, port, allow_private=allow_private, timeout=timeout)
    try:
        yield proxy
    finally:
        proxy.close()
