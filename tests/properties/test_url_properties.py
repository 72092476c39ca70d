"""Properties: repository URL normalisation never raises anything but ``InvalidInput``,
is idempotent, and its result is a credential-free http(s) URL; slugs are always safe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registry.catalogue.urls import normalise_repository_url, slugify
from registry.errors import InvalidInput

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTS = st.sampled_from(["github.com", "GitLab.COM", "git.example.org", "xn--mnchen-3ya.de",
                         "127.0.0.1", "[::1]", "localhost", "münchen.de", "a..b", "", "host:99999",
                         "host:0", "host:abc", "user:pw@host", "@", "%00", "host\x00"])  # fmt: skip
SCHEMES = st.sampled_from(["https://", "http://", "HTTPS://", "git://", "ssh://git@", "git+ssh://",
                           "ext::", "file://", "javascript:", "//", "", "git@"])  # fmt: skip
PATHS = st.lists(
    st.one_of(st.sampled_from(["Org", "repo.git", "..", ".", "", "%2e%2e", "a b", "<x>", "?q=1",
                               "#f", ".git", "~user", "ä"]), st.text(max_size=8)),
    max_size=5,
).map("/".join)  # fmt: skip
URLS = st.one_of(
    st.builds(lambda s, h, p, sep: f"{s}{h}{sep}{p}", SCHEMES, HOSTS, PATHS,
              st.sampled_from(["/", ":", "", "//"])),
    st.text(max_size=120),
)  # fmt: skip


@FAST
@given(URLS)
@example("https://host:Org/x")  # ValueError from urllib, not InvalidInput (found here)
@example("https://host:99999/x")
@example("https://host/x.git.git")  # was not idempotent
@example("https://host/x.git/.git")
@example("https://host/x /")
@example("https://[::1]:8080/x")  # IPv6 literal lost its brackets
@example("http://[")  # unbalanced IPv6 literal: ValueError from urllib
def test_normalisation_is_idempotent_or_refuses_with_invalid_input(url: str) -> None:
    try:
        canonical = normalise_repository_url(url)
    except InvalidInput as exc:
        refused_field = exc.field
        assert refused_field == "url"
        return
    assert normalise_repository_url(canonical) == canonical
    parts = urlsplit(canonical)
    assert parts.scheme in ("http", "https")
    assert parts.hostname
    assert "@" not in parts.netloc  # credentials dropped
    assert not parts.query and not parts.fragment
    assert not canonical.endswith(("/", ".git"))


@FAST
@given(st.text(max_size=200), st.integers(len("entry"), 120))
def test_a_slug_is_always_url_safe(text: str, max_length: int) -> None:
    slug = slugify(text, max_length=max_length)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= max_length
    assert slugify(slug, max_length=max_length) == slug
