"""Every write endpoint and form × every role, with the expected allow or deny.

The list of write endpoints comes from the app's own routes: a new POST/PUT/PATCH/DELETE
handler without a row here fails ``test_every_write_route_has_a_matrix_row``.

The objects acted on belong to organisation A (Stadt A) and its member ``a``; ``b`` is a
member (and organisation admin) of B, so the "b" column is the object-level check: a
member of one organisation never changes another's entries, adoptions, tokens, webhooks
or members. The reader holds a read-scoped token of ``a`` (scope enforcement), and the
revoked and expired columns hold tokens of ``a`` that no longer work. Forms are driven
through a signed-in browser session with its CSRF token; a form sent without the CSRF
token is refused (403) whoever sends it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import TestClient
from sqlalchemy import select

from registry.accounts import AccountService, ApiThrottle, ApiToken, JoinRequest, LoginThrottle
from registry.catalogue import CatalogueService, SolutionDraft
from registry.catalogue import models as m
from registry.db import utcnow
from registry.entries import OrganisationRef
from registry.funding import Grant, Programme
from registry.organisations import Organisation
from registry.settings import Settings
from tests.conftest import DatabaseFactory
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PASSWORD = "a long enough password"
API_ROLES = ("anonymous", "reader", "a", "b", "funder", "admin", "revoked", "expired")
FORM_ROLES = ("anonymous", "reader", "a", "b", "funder", "admin")
EMAILS = {"a": "a@example.org", "b": "b@example.org", "funder": "funder@example.org",
          "admin": "root@example.org"}  # fmt: skip
SOLUTION = "/api/v1/solutions/ratsinfo"
ADOPTIONS = f"{SOLUTION}/adoptions"
MEMBERS = "/api/v1/organisations/stadt-a/members"
#: A form that sends one to sign in (anonymous, or a bearer token on a form: no session).
LOGIN = "login"


@dataclass
class World:
    settings: Settings
    app: Litestar
    client: TestClient  # type: ignore[type-arg]
    tokens: dict[str, str]
    #: Each role's browser: its cookies (session, CSRF), swapped into the one client.
    jars: dict[str, httpx.Cookies] = field(default_factory=dict)

    def api(self, method: str, url: str, role: str = "admin", **kwargs: Any) -> httpx.Response:
        """A bearer request as ``role`` (anonymous: no header), without cookies."""
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}
        headers.update(kwargs.pop("headers", {}))
        self.client.cookies = httpx.Cookies()
        return self.client.request(method, url, headers=headers, **kwargs)

    def browse(self, role: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """A request from ``role``'s browser, keeping its cookies."""
        self.client.cookies = self.jars.get(role, httpx.Cookies())
        try:
            return self.client.request(method, url, follow_redirects=False, **kwargs)
        finally:
            self.jars[role] = httpx.Cookies(self.client.cookies)

    def form(self, role: str, url: str, *, csrf: bool = True, **kwargs: Any) -> httpx.Response:
        """A form post from ``role``'s browser (the reader's carries a bearer token)."""
        jar = self.jars.get(role, httpx.Cookies())
        headers = {"x-csrftoken": jar.get("csrftoken", "")} if csrf else {}
        if role == "reader":
            headers["Authorization"] = f"Bearer {self.tokens['reader']}"
        return self.browse(role, "POST", url, headers=headers, **kwargs)

    def issue(self, email: str = "a@example.org") -> str:
        with committed(self.settings) as session:
            return AccountService(session).issue_token(email, scope="read").record.prefix

    def claim(self) -> int:
        with committed(self.settings) as session:
            solution = CatalogueService(session).get("ratsinfo")
            adoption = m.Adoption(role="uses", verified=False, claim_text="Stadt A")
            solution.adoptions.append(adoption)
            session.flush()
            return adoption.id

    def join_request(self) -> int:
        """A signed-up person (a member of B) asks to join A."""
        with committed(self.settings) as session:
            account = AccountService(session).get("extra@example.org")
            org = session.scalars(select(Organisation).where(Organisation.slug == "stadt-a")).one()
            session.query(JoinRequest).delete()
            request = JoinRequest(account_id=account.id, organisation_id=org.id)
            session.add(request)
            session.flush()
            return request.id

    def programme(self) -> int:
        """Stadt A's funding programme (made once), without grants."""
        with committed(self.settings) as session:
            org = session.scalars(select(Organisation).where(Organisation.slug == "stadt-a")).one()
            found = session.scalar(select(Programme).where(Programme.funder_id == org.id,
                                                           Programme.name == "Matrix"))  # fmt: skip
            if found is None:
                found = Programme(funder_id=org.id, name="Matrix", profile="pmpc")
                session.add(found)
                session.flush()
            session.query(Grant).where(Grant.programme_id == found.id).delete()
            return found.id

    def clear_adoptions(self) -> None:
        for adoption in self.api("GET", ADOPTIONS).json():
            self.api("DELETE", f"{ADOPTIONS}/{adoption['id']}")


@dataclass
class Row:
    """One write endpoint: how to call it as a role, and what each role gets."""

    expected: dict[str, int | str]
    call: Callable[[World, str], httpx.Response]
    cleanup: Callable[[World], object] = lambda _w: None


def _api(allowed: int, *, reader: int = 403, others: int = 403, admin: int | None = None,
         owner: int | None = None) -> dict[str, int | str]:  # fmt: skip
    """Expected statuses: anonymous, revoked and expired tokens always 401."""
    return {"anonymous": 401, "reader": reader, "a": allowed if owner is None else owner,
            "b": others, "funder": others, "admin": allowed if admin is None else admin,
            "revoked": 401, "expired": 401}  # fmt: skip


def _everyone(status: int) -> dict[str, int | str]:
    return dict.fromkeys(API_ROLES, status)


def _form(allowed: int | str, *, others: int = 403, admin: int | str | None = None) -> dict[
    str, int | str
]:  # fmt: skip
    return {"anonymous": LOGIN, "reader": LOGIN, "a": allowed, "b": others, "funder": others,
            "admin": allowed if admin is None else admin}  # fmt: skip


def _new_town(role: str) -> dict[str, str]:
    return {"email": f"new-{role}@example.org", "password": PASSWORD, "organisation": "new",
            "org_name": f"Neue Gemeinde {role}", "org_kind": "municipality"}  # fmt: skip


def _declare(w: World, role: str) -> httpx.Response:
    return w.api("POST", ADOPTIONS, role, json={"organisation": "stadt-a"})


def _confirm(w: World, role: str) -> httpx.Response:
    return w.api("POST", f"{ADOPTIONS}/{w.claim()}/confirm", role, json={"organisation": "stadt-a"})


def _withdraw(w: World, role: str) -> httpx.Response:
    made = w.api("POST", ADOPTIONS, json={"organisation": "stadt-a"})
    return w.api("DELETE", f"{ADOPTIONS}/{made.json()['id']}", role)


def _restore(w: World, role: str) -> httpx.Response:
    assert w.api("DELETE", SOLUTION).status_code == 204
    return w.api("POST", f"{SOLUTION}/restore", role)


def _remove_member(w: World, role: str) -> httpx.Response:
    assert w.api("POST", MEMBERS, json={"email": "extra@example.org"}).status_code == 200
    return w.api("DELETE", f"{MEMBERS}/extra@example.org", role)


def _delete_webhook(w: World, role: str) -> httpx.Response:
    made = w.api("POST", "/api/v1/webhooks", "a", json={"url": "https://x.example/h"})
    return w.api("DELETE", f"/api/v1/webhooks/{made.json()['id']}", role)


def _import(w: World, role: str) -> httpx.Response:
    body = {"organisation": "stadt-a", "url": f"https://git.example.org/a/app-{role}"}
    return w.api("POST", "/api/v1/imports", role, json=body)


def _publish(w: World, role: str) -> httpx.Response:
    fields = {"organisation": "stadt-a", "action": "publish",
              "repository_url": f"https://git.example.org/a/form-{role}"}  # fmt: skip
    return w.form(role, "/publish", data=fields,
                  files={"publiccode_file": ("", b"", "application/octet-stream")})  # fmt: skip


LONG_TEXT = (
    "Bürgerinnen und Bürger melden Schäden im Stadtgebiet mit Foto und Ort. Die Verwaltung "
    "ordnet jede Meldung zu, beantwortet sie und zeigt den Stand öffentlich auf einer Karte."
)


def _editor(w: World, role: str) -> httpx.Response:
    """The publiccode.yml editor's publish: a complete form, for Stadt A."""
    fields = {"name": f"Editor {role}", "url": f"https://git.example.org/a/editor-{role}",
              "development_status": "stable", "software_type": "standalone/web",
              "platforms": "web", "categories": "data-collection", "de_short": "Schäden melden",
              "de_long": LONG_TEXT, "de_features": "Meldung mit Foto",
              "licence": "EUPL-1.2", "maintenance_type": "internal",
              "contact_name": "Anna Beispiel", "localisation_ready": "yes",
              "available_languages": "de", "organisation": "stadt-a",
              "action": "publish"}  # fmt: skip
    return w.form(role, "/publish/editor", data=fields)


def _hook(provider: str) -> Callable[[World, str], httpx.Response]:
    def call(w: World, role: str) -> httpx.Response:
        headers = {"x-github-event": "push", "x-gitlab-event": "Push Hook"}
        return w.api("POST", f"/api/v1/hooks/{provider}", role, content=b"{}", headers=headers)

    return call


def _relogin(w: World) -> None:
    for role in FORM_ROLES:
        w.browse(role, "GET", "/login")  # the CSRF cookie
        if role in EMAILS:
            done = w.form(role, "/login", data={"email": EMAILS[role], "password": PASSWORD})
            assert done.status_code == 303, done.text


ROWS: dict[tuple[str, str], Row] = {
    ("POST", "/api/v1/solutions/{slug:str}/adoptions"): Row(
        _api(201), _declare, lambda w: w.clear_adoptions()
    ),
    ("POST", "/api/v1/solutions/{slug:str}/adoptions/{adoption_id:int}/confirm"): Row(
        _api(200), _confirm, lambda w: w.clear_adoptions()
    ),
    ("DELETE", "/api/v1/solutions/{slug:str}/adoptions/{adoption_id:int}"): Row(
        _api(204), _withdraw, lambda w: w.clear_adoptions()
    ),
    ("PATCH", "/api/v1/solutions/{slug:str}"): Row(
        _api(200),
        lambda w, r: w.api(
            "PATCH",
            SOLUTION,
            r,
            json={"offers": [{"kind": "support-contract", "provider": "stadt-b"}]},
        ),
    ),
    ("DELETE", "/api/v1/solutions/{slug:str}"): Row(
        _api(204),
        lambda w, r: w.api("DELETE", SOLUTION, r),
        lambda w: w.api("POST", f"{SOLUTION}/restore"),
    ),
    ("POST", "/api/v1/solutions/{slug:str}/restore"): Row(
        _api(200, owner=403), _restore, lambda w: w.api("POST", f"{SOLUTION}/restore")
    ),
    ("POST", "/api/v1/organisations/{slug:str}/members"): Row(
        _api(200),
        lambda w, r: w.api("POST", MEMBERS, r, json={"email": "extra@example.org"}),
        lambda w: w.api("DELETE", f"{MEMBERS}/extra@example.org"),
    ),
    ("DELETE", "/api/v1/organisations/{slug:str}/members/{email:str}"): Row(
        _api(204), _remove_member, lambda w: w.api("DELETE", f"{MEMBERS}/extra@example.org")
    ),
    ("POST", "/api/v1/organisations/{slug:str}/verify"): Row(
        _api(200, owner=403), lambda w, r: w.api("POST", "/api/v1/organisations/stadt-a/verify", r)
    ),
    ("PUT", "/api/v1/organisations/{slug:str}/domains"): Row(
        _api(200),  # the organisation's admins and registry admins state its domains
        lambda w, r: w.api(
            "PUT", "/api/v1/organisations/stadt-a/domains", r, json={"domains": ["stadt-a.example"]}
        ),
    ),
    ("POST", "/api/v1/organisations/{slug:str}/verification"): Row(
        _api(409),  # members may ask; without a mail server the registry says so (409)
        lambda w, r: w.api("POST", "/api/v1/organisations/stadt-a/verification", r),
    ),
    # the mailed token is the proof, whoever sends it: a bad one is refused for everyone
    ("POST", "/api/v1/organisations/{slug:str}/verification/confirm"): Row(
        _everyone(422),
        lambda w, r: w.api(
            "POST",
            "/api/v1/organisations/stadt-a/verification/confirm",
            r,
            json={"token": "forged.token"},
        ),
    ),
    ("POST", "/api/v1/organisations"): Row(
        # members of an organisation and registry admins add one; a funder account is not one
        {**_api(201, others=201), "funder": 403},
        lambda w, r: w.api(
            "POST",
            "/api/v1/organisations",
            r,
            json={"name": f"Neuer Anbieter {r}", "kind": "company"},
        ),
    ),
    ("POST", "/api/v1/tokens"): Row(
        # always for oneself, never wider than the calling token
        _api(201, reader=201, others=201),
        lambda w, r: w.api("POST", "/api/v1/tokens", r, json={"scope": "read"}),
    ),
    ("DELETE", "/api/v1/tokens/{prefix:str}"): Row(
        # a's own read token may revoke a's tokens; others see no such token
        _api(204, reader=204, others=404),
        lambda w, r: w.api("DELETE", f"/api/v1/tokens/{w.issue()}", r),
    ),
    ("POST", "/api/v1/webhooks"): Row(
        # subscriptions belong to the caller's own account and carry only public data
        _api(201, reader=201, others=201),
        lambda w, r: w.api("POST", "/api/v1/webhooks", r, json={"url": "https://x.example/h"}),
    ),
    ("DELETE", "/api/v1/webhooks/{webhook_id:int}"): Row(
        _api(204, reader=204, others=404, admin=404), _delete_webhook
    ),
    ("POST", "/api/v1/imports"): Row(_api(202), _import),
    ("POST", "/api/v1/solutions/{slug:str}/transfer"): Row(
        # a and b each administer one of the two organisations: a transfer needs both
        _api(200, owner=403),
        lambda w, r: w.api("POST", f"{SOLUTION}/transfer", r, json={"organisation": "stadt-b"}),
        lambda w: w.api("POST", f"{SOLUTION}/transfer", json={"organisation": "stadt-a"}),
    ),
    # signed by the Git host, not by a token: unsigned deliveries are refused for everyone
    ("POST", "/api/v1/hooks/github"): Row(_everyone(403), _hook("github")),
    ("POST", "/api/v1/hooks/gitlab"): Row(_everyone(403), _hook("gitlab")),
    # validation writes nothing: open to everyone (the principal is never asked for)
    ("POST", "/api/v1/validate"): Row(
        _everyone(200),
        lambda w, r: w.api("POST", "/api/v1/validate", r, content=b"publiccodeYmlVersion: '0.4'\n"),
    ),
    # forms
    ("POST", "/login"): Row(
        dict.fromkeys(FORM_ROLES, 401),  # open to all; a wrong password is 401 for anyone
        lambda w, r: w.form(r, "/login", data={"email": f"x-{r}@example.org", "password": "x"}),
    ),
    ("POST", "/account/tokens"): Row(
        _form(200, others=200),  # for one's own account
        lambda w, r: w.form(r, "/account/tokens", data={"scope": "read"}),
    ),
    ("POST", "/account/tokens/{prefix:str}/revoke"): Row(
        _form(303, others=404, admin=404),
        lambda w, r: w.form(r, f"/account/tokens/{w.issue()}/revoke"),
    ),
    ("POST", "/solutions/{slug:str}/edit"): Row(
        _form(303), lambda w, r: w.form(r, "/solutions/ratsinfo/edit", data={"governance": ""})
    ),
    ("POST", "/solutions/{slug:str}/adopt"): Row(
        _form(303),
        lambda w, r: w.form(r, "/solutions/ratsinfo/adopt", data={"organisation": "stadt-a"}),
        lambda w: w.clear_adoptions(),
    ),
    ("POST", "/solutions/{slug:str}/claims/{adoption_id:int}/confirm"): Row(
        _form(303),
        lambda w, r: w.form(
            r, f"/solutions/ratsinfo/claims/{w.claim()}/confirm", data={"organisation": "stadt-a"}
        ),
        lambda w: w.clear_adoptions(),
    ),
    ("POST", "/solutions/{slug:str}/claim"): Row(  # a harvested entry; ratsinfo is A's own
        _form(409),
        lambda w, r: w.form(r, "/solutions/ratsinfo/claim", data={"organisation": "stadt-a"}),
    ),
    ("POST", "/publish"): Row(_form(303), _publish),
    ("POST", "/publish/editor"): Row(_form(303), _editor),
    ("POST", "/signup"): Row(  # open to all: it makes a new, inactive account
        dict.fromkeys(FORM_ROLES, 201), lambda w, r: w.form(r, "/signup", data=_new_town(r))
    ),
    ("POST", "/account/requests/{request_id:int}/{decision:str}"): Row(
        _form(303),  # the organisation's admins (and registry admins) decide
        lambda w, r: w.form(r, f"/account/requests/{w.join_request()}/approve"),
        lambda w: w.api("DELETE", f"{MEMBERS}/extra@example.org"),
    ),
    ("POST", "/reports/programmes"): Row(  # for an organisation one is a member of
        _form(303, others=403),
        lambda w, r: w.form(
            r,
            "/reports/programmes",
            data={"funder": "stadt-a", "name": f"Programm {r}", "profile": "pmpc"},
        ),
    ),
    ("POST", "/reports/programmes/{programme_id:int}/grants"): Row(
        _form(303, others=404),  # another funder's programme is not even shown to exist
        lambda w, r: w.form(
            r,
            f"/reports/programmes/{w.programme()}/grants",
            data={"solution": "ratsinfo", "reference": f"R-{r}"},
        ),
        lambda w: w.programme(),
    ),
    ("POST", "/reports/programmes/{programme_id:int}/from-entries"): Row(
        _form(303, others=404),
        lambda w, r: w.form(r, f"/reports/programmes/{w.programme()}/from-entries"),
    ),
    ("POST", "/reports/programmes/{programme_id:int}/runs"): Row(
        _form(303, others=404),
        lambda w, r: w.form(r, f"/reports/programmes/{w.programme()}/runs"),
    ),
    ("POST", "/my-organisation/{slug:str}/domains"): Row(
        _form(303),
        lambda w, r: w.form(
            r, "/my-organisation/stadt-a/domains", data={"domains": "stadt-a.example"}
        ),
    ),
    ("POST", "/my-organisation/{slug:str}/verification"): Row(
        _form(409), lambda w, r: w.form(r, "/my-organisation/stadt-a/verification")
    ),
    ("POST", "/my-organisation/{slug:str}/verify"): Row(
        _form(403, admin=303), lambda w, r: w.form(r, "/my-organisation/stadt-a/verify")
    ),
    ("POST", "/solutions/{slug:str}/organisations"): Row(
        _form(303),  # the publisher's members add a provider that a search did not find
        lambda w, r: w.form(
            r,
            "/solutions/ratsinfo/organisations",
            data={"name": f"Neuer Betreiber {r}", "kind": "company"},
        ),
    ),
    ("POST", "/logout"): Row(  # last: it ends the sessions, which are opened again
        dict.fromkeys(FORM_ROLES, 303), lambda w, r: w.form(r, "/logout"), _relogin
    ),
}
FORMS = {key for key, row in ROWS.items() if LOGIN in row.expected.values() or key[1] in
         {"/login", "/logout", "/signup"}}  # fmt: skip


def write_routes(app: Litestar) -> set[tuple[str, str]]:
    """Every (method, path) of the app that can change something."""
    return {
        (method, route.path)
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        for method in handler.http_methods
        if method in WRITE_METHODS
    }


@pytest.fixture(scope="module")
def world(database_factory: DatabaseFactory) -> Iterator[World]:
    """One world per dialect for the module: the matrix undoes what it allows."""
    fresh = Settings(database_url=database_factory.new_url())
    settings = replace(migrate_to_head(fresh), webhook_github_secret="gh-secret",
                       webhook_gitlab_token="gl-token")  # fmt: skip
    tokens: dict[str, str] = {}
    with committed(settings) as session:
        session.add_all(
            [Organisation(slug=f"stadt-{x}", name=f"Stadt {x.upper()}", kind="municipality")
             for x in "ab"]
        )  # fmt: skip
        session.flush()
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url="https://git.example.org/a/ratsinfo",
            publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a",
                        organisation_admin=True, password=PASSWORD)  # fmt: skip
        accounts.create("b@example.org", role="member", organisation="stadt-b",
                        organisation_admin=True, password=PASSWORD)  # fmt: skip
        accounts.create("funder@example.org", role="funder", password=PASSWORD)
        accounts.create("root@example.org", role="admin", password=PASSWORD)
        accounts.create("extra@example.org", role="member", organisation="stadt-b")
        for role, email, scope in [("reader", "a@example.org", "read"),
                                   ("a", "a@example.org", "publish"),
                                   ("b", "b@example.org", "publish"),
                                   ("funder", "funder@example.org", "publish"),
                                   ("admin", "root@example.org", "admin"),
                                   ("revoked", "a@example.org", "publish"),
                                   ("expired", "a@example.org", "publish")]:  # fmt: skip
            tokens[role] = accounts.issue_token(email, scope=scope, days=1).token
        records = {r.prefix: r for r in session.scalars(select(ApiToken))}
        records[tokens["revoked"].split("_")[1]].revoked_at = utcnow()
        records[tokens["expired"].split("_")[1]].expires_at = utcnow() - timedelta(seconds=1)
    app = create_app(settings)
    # the matrix makes many failed attempts on purpose: lift the limits (tested elsewhere)
    app.state.api_throttle = ApiThrottle(failures_per_address=100_000, tokens_per_account=10_000)
    app.state.login_throttle = LoginThrottle(per_account=100, per_address=100_000)
    with TestClient(app=app) as client:
        world = World(settings, app, client, tokens)
        _relogin(world)
        yield world


def test_every_write_route_has_a_matrix_row(world: World) -> None:
    routes = write_routes(world.app)
    assert routes - ROWS.keys() == set(), "a write endpoint without a row in the matrix"
    assert ROWS.keys() - routes == set(), "a matrix row for an endpoint that is gone"


def _outcome(response: httpx.Response) -> int | str:
    location = response.headers.get("location", "")
    if response.status_code == 303 and location.startswith("/login"):
        return LOGIN
    return response.status_code


def test_authorisation_matrix(world: World) -> None:
    wrong: list[str] = []
    for (method, path), row in ROWS.items():
        for role, expected in row.expected.items():
            got = _outcome(row.call(world, role))
            if got != expected:
                wrong.append(f"{method} {path} as {role}: {got}, expected {expected}")
            row.cleanup(world)
    assert wrong == []


def test_every_form_refuses_a_post_without_its_csrf_token(world: World) -> None:
    assert len(FORMS) == 20
    for _method, path in sorted(FORMS):
        url = path.replace("{slug:str}", "ratsinfo").replace("{prefix:str}", "nope")
        url = url.replace("{adoption_id:int}", "1").replace("{request_id:int}", "1")
        url = url.replace("{decision:str}", "approve").replace("{programme_id:int}", "1")
        url = url.replace("/my-organisation/ratsinfo", "/my-organisation/stadt-a")
        response = world.form("a", url, csrf=False, data={"scope": "read"})
        assert response.status_code == 403, (path, response.text)


def test_object_level_checks_leave_other_organisations_untouched(world: World) -> None:
    """After every denied attempt of the matrix, A's entry is as A left it."""
    before = world.api("GET", SOLUTION).json()
    for role in ("b", "funder", "reader", "revoked", "expired", "anonymous"):
        for key in [("PATCH", "/api/v1/solutions/{slug:str}"),
                    ("DELETE", "/api/v1/solutions/{slug:str}")]:  # fmt: skip
            ROWS[key].call(world, role)
    assert world.api("GET", SOLUTION).json() == before
    assert world.api("GET", ADOPTIONS).json() == []
    listed = world.api("GET", MEMBERS, "a").json()
    assert {m["email"] for m in listed} == {"a@example.org"}


def test_no_import_or_publish_path_writes_another_organisations_entry(world: World) -> None:
    """b imports A's repository *for B*, where b is a member: the entry written decides."""
    before = world.api("GET", SOLUTION).json()
    url = "https://git.example.org/a/ratsinfo"
    api = world.api("POST", "/api/v1/imports", "b", json={"organisation": "stadt-b", "url": url})
    assert api.status_code == 409 and "Stadt A" in api.json()["detail"], api.text
    form = world.form("b", "/publish", data={"organisation": "stadt-b", "action": "publish",
                                            "repository_url": url},
                      files={"publiccode_file": ("", b"", "application/octet-stream")})  # fmt: skip
    assert form.status_code == 409, form.text
    assert world.api("GET", SOLUTION).json() == before
