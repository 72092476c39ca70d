"""Refused and admitted URLs."""

from __future__ import annotations

import pytest

from importers.urlguard import UnsafeURLError, check_remote_url


@pytest.mark.parametrize(
    "url",
    [
        "ext::sh -c touch% /tmp/pwned",
        "fd::17",
        "file:///etc",
        "/srv/git/repo.git",
        "../repo",
        "ftp://example.org/r.git",
        "http://127.0.0.1/r.git",
        "https://10.0.0.5/r.git",
        "http://169.254.169.254/latest/meta-data",
        "git://[::1]/r.git",
        "https://localhost/r.git",
        "http://metadata.google.internal/x",
        "git@192.168.1.4:org/repo.git",
        "https://[::ffff:127.0.0.1]/x",
        "http://224.0.0.1/x",
        "https://0.0.0.0/x",
        "",
    ],
)
def test_refused(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_remote_url(url, allow_private=False, allow_local=False)


def test_public_addresses_pass_without_dns() -> None:
    check_remote_url("https://93.184.216.34/org/repo.git", allow_private=False, allow_local=False)
    check_remote_url(
        "git@[2001:4860:4860::8888]:org/repo.git", allow_private=False, allow_local=False
    )


def test_switches() -> None:
    check_remote_url("/srv/git/repo.git", allow_private=False, allow_local=True)
    check_remote_url("git://127.0.0.1:9418/r.git", allow_private=True, allow_local=False)
    with pytest.raises(UnsafeURLError, match="command"):
        check_remote_url("ext::sh -c id", allow_private=True, allow_local=True)
