"""Properties: repository URL normalisation never raises anything but ``InvalidInput``,
is idempotent, and its result is a credential-free http(s) URL; slugs are always safe;
no link but http(s) or a relative path survives into a stored draft."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from registry.entries import (
    ContactDraft,
    InterfaceDraft,
    OfferDraft,
    OrganisationRef,
    SolutionDraft,
    TextDraft,
)
from registry.entries.urls import (
    is_safe_link,
    normalise_repository_url,
    slugify,
    web_url,
    without_unsafe_links,
)
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


LINKS = st.one_of(
    URLS,
    st.builds(lambda s, rest: s + rest,
              st.sampled_from(["javascript:", "JavaScript:", "java\tscript:", " javascript:",
                               "data:text/html,", "vbscript:", "file:///", "//evil.example/",
                               "https://", "docs/", ""]),
              st.text(max_size=40)),
)  # fmt: skip


def _safe(link: str) -> bool:
    parts = urlsplit(link)
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    return not parts.netloc and not re.search(r"[\x00-\x20]", link)


@FAST
@given(LINKS)
@example("java\tscript:alert(1)")  # browsers drop the tab and run it
@example("\x01javascript:alert(1)")
def test_web_url_accepts_only_http_urls_or_names_the_field(link: str) -> None:
    try:
        accepted = web_url("docs_url", link)
    except InvalidInput as exc:
        refused_field = exc.field
        assert refused_field == "docs_url"
        return
    assert urlsplit(accepted).scheme.lower() in ("http", "https")


@FAST
@given(st.lists(LINKS, min_size=6, max_size=6))
@example(["javascript:alert(1)", "data:x", "//evil", "docs/api.yaml", "https://a.example/", " x"])
def test_no_link_but_http_or_relative_survives_a_draft(links: list[str]) -> None:
    draft = SolutionDraft(
        name="x",
        landing_url=links[0],
        logo=links[1],
        texts={"de": TextDraft(documentation=links[2], api_documentation=links[3])},
        contacts=(ContactDraft(name="c", website=links[4]),),
        offers=(OfferDraft(kind="hosted", docs_url=links[5],
                           provider=OrganisationRef(name="p", website=links[0])),),
        interfaces=(InterfaceDraft(standard="xoev", evidence=links[1]),),
    )  # fmt: skip
    cleaned, dropped = without_unsafe_links(draft)
    kept = [
        cleaned.landing_url, cleaned.logo, cleaned.texts["de"].documentation,
        cleaned.texts["de"].api_documentation, cleaned.contacts[0].website,
        cleaned.offers[0].docs_url, cleaned.offers[0].provider.website,  # type: ignore[union-attr]
        cleaned.interfaces[0].evidence,
    ]  # fmt: skip
    for link in kept:
        assert link is None or (is_safe_link(link) and _safe(link))
    given_links = [*links, links[0], links[1]]
    assert len(dropped) == sum(
        1
        for before, after in zip(given_links, kept, strict=True)
        if before.strip() and after is None
    )
