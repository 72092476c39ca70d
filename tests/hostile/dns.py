"""A scripted stand-in for DNS: each lookup of a name takes the next answer of its script.

It replaces ``socket.getaddrinfo``, which every resolver in this process goes through (the
address guard, the egress, httpcore's own connect on the old code path), so a name can
answer a public address to one lookup and ``127.0.0.1`` to the next, as a rebinding DNS
server does. Other names and numeric hosts go to the real resolver. libgit2 in the clone
process resolves for itself: there ``localhost`` really is loopback.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

#: A global address (TEST-NET would count as reserved); nothing here ever connects to it.
PUBLIC = "93.184.216.34"

_real_getaddrinfo = socket.getaddrinfo


class ScriptedDNS:
    """``answers``: name -> addresses, one per lookup; the last one repeats."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = {name.lower(): script for name, script in answers.items()}
        self.lookups: dict[str, int] = dict.fromkeys(self.answers, 0)

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        """``socket.getaddrinfo``'s signature; a scripted answer is any address family."""
        name = (host.decode() if isinstance(host, bytes) else str(host or "")).lower()
        script = self.answers.get(name)
        if script is None:
            return _real_getaddrinfo(host, port, *args, **kwargs)
        turn = self.lookups[name]
        self.lookups[name] = turn + 1
        address = script[min(turn, len(script) - 1)]
        kwargs.pop("family", None)
        return _real_getaddrinfo(address, port, *(0, *args[1:]) if args else (), **kwargs)


@pytest.fixture
def scripted_dns(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``scripted_dns({"name": [first, second, ...]})`` installs a ``ScriptedDNS``."""

    def install(answers: dict[str, list[str]]) -> ScriptedDNS:
        fake = ScriptedDNS(answers)
        monkeypatch.setattr(socket, "getaddrinfo", fake)
        return fake

    return install
