"""Every page type in German holds no English a reader would trip over (issue 21).

The demo catalogue plus the fixture entry that fills every section, a member, an
organisation admin and a funder signed in through the login form; pages fetched with the
test client. A page fails on a raw message id, on an English vocabulary word standing
alone, on a glued "deutsch / english" message, and on a decimal point in a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from litestar.testing import TestClient

from registry.accounts.services import AccountService
from registry.demo.loader import load_demo
from registry.entries import vocab
from registry.publiccode._vocab import vocabulary
from registry.settings import Settings
from tests.browser.catalogue import SLUG, add_page_fixtures
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from tests.fixtures.forms import csrf
from web.app import create_app
from web.catalogues import texts

Client = TestClient  # type: ignore[type-arg]
PASSWORD = "a long enough password"
MEMBER = "mitglied@muenchen.example"
FUNDER = "foerderin@bmbf.example"

#: English words that are vocabulary values or evidence words, never German text.
ENGLISH_WORDS = ("stable", "standalone", "internal", "contract", "community", "none",
                 "declared", "detected", "missing", "yes", "no", "Not Found", "true", "false",
                 "pending", "failed", "unknown", "password", "email")  # fmt: skip
#: Vocabulary keys with a hyphen or slash ("digital-citizenship"): a slug shown as text.
_VOCABULARIES = (
    vocab.DOMAINS,
    vocab.ORGANISATION_KINDS,
    vocab.OFFER_KINDS,
    vocab.GOVERNANCE,
    vocab.ADOPTION_ROLES,
    vocab.SOFTWARE_TYPE_LABELS,
    vocabulary().categories,
)
SLUGS = sorted({key for values in _VOCABULARIES for key in values if "-" in key or "/" in key})
#: Words that open the English half of a glued "deutsch / english" message.
GLUE = re.compile(r"\S / (?:[A-Za-z]+ ){0,3}(?:the|must|one of|at most|is|are|only|please|"
                  r"may|cannot|already|not|should|belong)\b")  # fmt: skip
DECIMAL = re.compile(r"(?<![\w.,-])\d+\.\d+(?![\w.])")
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "10.000": German writes thousands so
#: publiccode.yml keys ("maintenance.type") that help texts name: field paths, not message ids.
FIELD_ROOTS = {"maintenance", "legal", "description", "localisation", "intendedAudience"}
KEYS = set(texts("de"))
KEY_PREFIXES = {key.split(".")[0] for key in KEYS}
RAW_KEY = re.compile(r"(?<![\w./-])([a-z_]+(?:\.[a-z0-9_-]+)+)(?![\w/-])")


class _Text(HTMLParser):
    """The words a reader meets: text and the labels a screen reader says, not code."""

    SKIP = frozenset({"script", "style", "code", "pre", "textarea", "kbd", "samp"})
    SPOKEN = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.skipped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP or ("translate", "no") in attrs:  # code, versions: not words
            self.skipping += 1
            self.skipped.append(tag)
        self.parts.extend(value for name, value in attrs if name in self.SPOKEN and value)
        if tag == "option":
            self.parts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def _looks_like_a_key(token: str) -> bool:
    """A message id, or a dotted word with a catalogue prefix that is no host or file name."""
    if token in KEYS:
        return True
    addressish = re.search(r"\.(de|org|com|net|eu|io|example|yml|json)\b", token)
    return token.split(".", maxsplit=1)[0] in KEY_PREFIXES - FIELD_ROOTS and not addressish


def english_on_a_german_page(html: str, data: tuple[str, ...] = ()) -> list[str]:
    """What gives English away in the page's words (``data``: names and texts of entries,
    which are the publishers' own and stay as written)."""
    text = visible_text(html)
    for value in data:
        text = text.replace(value, " ")
    found = [f"raw key {m}" for m in RAW_KEY.findall(text) if _looks_like_a_key(m)]
    found += [f"word {w!r}" for w in ENGLISH_WORDS if re.search(rf"(?<![\w-]){w}(?![\w-])", text)]
    found += [
        f"slug {s!r}" for s in SLUGS if re.search(rf"(?<![\w/-]){re.escape(s)}(?![\w/-])", text)
    ]
    found += [f"glued {m.group(0)!r}" for m in GLUE.finditer(text)]
    for m in DECIMAL.finditer(text):
        if THOUSANDS.fullmatch(m.group(0)):
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"(version|v|release|commit|python|node|php)\s*$", before):
            found.append(f"decimal point {m.group(0)!r} after {before!r}")
    return found


def test_the_checker_sees_what_it_looks_for() -> None:
    page = ("<p>search.title</p><p>Status: stable</p><dd>digital-citizenship</dd>"
            "<p>Mitglieder gehören dazu. / members belong to it</p><td>3.0 / 3.0</td>"
            "<p title='Not Found'>x</p><code>status.pass</code>"
            "<p>Version 2.5, 07.12.2026</p>")  # fmt: skip
    found = english_on_a_german_page(page)
    assert "raw key search.title" in found and "word 'stable'" in found
    assert "word 'Not Found'" in found and any(f.startswith("glued") for f in found)
    assert "decimal point '3.0' after ''" in found or any("'3.0'" in f for f in found)
    assert not any("status.pass" in f or "2.5" in f or "2026" in f for f in found)
    assert english_on_a_german_page("<p>Stabil, Community-Support, 3 / 3, 2,5</p>") == []


@pytest.fixture(scope="module")
def client(database_factory: DatabaseFactory) -> Iterator[Client]:
    settings = migrate_to_head(Settings(database_url=database_factory.new_url()))
    with committed(settings) as session:
        load_demo(session)
        add_page_fixtures(session)
        accounts = AccountService(session)
        accounts.create(MEMBER, role="member", organisation="muenchen", organisation_admin=True,
                        password=PASSWORD, name="Maria Muster")  # fmt: skip
        accounts.create(FUNDER, role="member", organisation="bmbf", password=PASSWORD)
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def _sign_in(client: Client, email: str) -> None:
    client.cookies.clear()
    client.cookies.set("lang", "de")
    token = csrf(client.get("/login").text)
    done = client.post("/login", data={"email": email, "password": PASSWORD, "_csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303, done.text[-2000:]


def _page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url, headers={"accept-language": "de-DE,de;q=0.9,en;q=0.8"})
    assert response.status_code == status, (url, response.text[-2000:])
    assert '<html lang="de">' in response.text, url
    return response.text


def _form(client: Client, url: str, form: dict[str, str], status: int, to: str = "") -> str:
    token = csrf(_page(client, url))
    response = client.post(to or url, data={**form, "_csrf_token": token}, follow_redirects=False,
                           headers={"accept-language": "de"})  # fmt: skip
    assert response.status_code == status, (url, response.text[-2000:])
    return response.text


def _no_problems(problems: dict[str, list[str]]) -> None:
    bad = {url: sorted(set(found)) for url, found in problems.items() if found}
    assert not bad, "\n".join(f"{url}: {found}" for url, found in bad.items())


READER_PAGES = [
    "/", "/solutions?q=Ratsinfo", "/solutions?q=zzqxwv", "/solutions?domain=participation",
    f"/solutions/{SLUG}", "/solutions/masterportal", "/solutions/giessdenkiez",
    "/organisations", "/organisations/muenchen", "/domains", "/domains/participation",
    "/standards", "/standards/oparl", "/alternatives", "/signup", "/login",
    f"/solutions/{SLUG}/history",
]  # fmt: skip


def test_reader_pages_are_german(client: Client) -> None:
    client.cookies.clear()
    problems = {url: english_on_a_german_page(_page(client, url)) for url in READER_PAGES}
    problems["/nope (404)"] = english_on_a_german_page(_page(client, "/nope", 404))
    problems["/solutions/nope (404)"] = english_on_a_german_page(
        _page(client, "/solutions/nope", 404)
    )
    _no_problems(problems)


def test_member_pages_and_form_errors_are_german(client: Client) -> None:
    _sign_in(client, MEMBER)
    urls = ["/account", "/publish", "/publish/editor", "/my-organisation",
            "/my-organisation/muenchen", f"/solutions/{SLUG}/adopt", "/solutions/mucgpt/edit",
            "/solutions/mucgpt/history"]  # fmt: skip
    problems = {url: english_on_a_german_page(_page(client, url)) for url in urls}
    problems["editor errors"] = english_on_a_german_page(
        _form(
            client,
            "/publish/editor",
            {"name": "", "url": "ftp://x", "categories": "not-a-category", "de_short": ""},
            422,
        )
    )
    problems["publish errors"] = english_on_a_german_page(
        _form(client, "/publish", {"url": "javascript:alert(1)"}, 422)
    )
    many = "\n".join(f"amt{i}.muenchen.de" for i in range(25))  # more than 20: refused
    domains = _form(
        client,
        "/my-organisation/muenchen",
        {"domains": many},
        422,
        "/my-organisation/muenchen/domains",
    )
    assert "Domains: höchstens 20" in domains  # the field in words, the limit kept
    problems["domain errors"] = english_on_a_german_page(domains)
    _no_problems(problems)


def test_signup_errors_are_german(client: Client) -> None:
    client.cookies.clear()
    html = _form(client, "/signup", {"email": "kein-mail", "password": "kurz"}, 422)
    assert english_on_a_german_page(html) == []
    short = _form(client, "/signup", {"email": "neu@muenchen.example", "password": "kurz",
                                      "organisation": "muenchen", "name": "Neu"}, 422)  # fmt: skip
    assert "Passwort: mindestens" in short and english_on_a_german_page(short) == []


def test_funding_pages_are_german(client: Client) -> None:
    _sign_in(client, FUNDER)
    for url in (
        "/reports",
        "/reports/pmpc?solution=masterportal&solution=fixture-ratsinfo",
        "/reports/smart-city-mpsc?funded_by=bmbf",
    ):
        html = _page(client, url)
        assert "?" in url or "programme" in html, url  # the index, or a filled report
        assert "?" not in url or 'class="status status-' in html, url
        assert english_on_a_german_page(html) == [], url
    token = csrf(_page(client, "/reports"))
    made = client.post("/reports/programmes", follow_redirects=False, data={
        "funder": "bmbf", "name": "Digitale Modellregionen", "profile": "smart-city-mpsc",
        "starts_on": "2026-01-01", "ends_on": "2027-12-31", "_csrf_token": token})  # fmt: skip
    assert made.status_code == 303, made.text[-2000:]
    where = str(made.headers["location"])
    token = csrf(_page(client, where))
    grant_form = {"solution": "masterportal", "reference": "DMR-1", "_csrf_token": token}
    added = client.post(f"{where}/grants", follow_redirects=False, data=grant_form)
    assert added.status_code == 303, added.text[-2000:]
    programme = _page(client, where)
    grant = re.search(rf'href="({re.escape(where)}/grants/\d+)"', programme)
    assert grant
    problems = {
        url: english_on_a_german_page(_page(client, url))
        for url in (where, grant.group(1), "/reports/oparl" if False else where)
    }
    _no_problems(problems)
