"""API writes need a token with the right scope and membership; readers need nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from registry.accounts import AccountService, ApiToken
from registry.catalogue import CatalogueService, SolutionDraft
from registry.catalogue import models as m
from registry.cli import app as cli
from registry.db import make_engine, writer
from registry.entries import OrganisationRef
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app


@dataclass
class World:
    client: TestClient  # type: ignore[type-arg]
    settings: Settings
    tokens: dict[str, str]


TOKENS = [
    ("a", "a@example.org", "publish"),
    ("a_read", "a@example.org", "read"),
    ("b", "b@example.org", "publish"),
    ("funder", "funder@example.org", "publish"),
    ("admin", "root@example.org", "admin"),
    ("revoked", "a@example.org", "publish"),  # the last one made: revoked below
]


@pytest.fixture
def world(fresh_settings: Settings) -> Iterator[World]:
    migrate_to_head(fresh_settings)
    tokens: dict[str, str] = {}
    with committed(fresh_settings) as session:
        session.add_all([
            Organisation(slug="stadt-a", name="Stadt A", kind="municipality"),
            Organisation(slug="stadt-b", name="Stadt B", kind="municipality"),
            Organisation(slug="kommunalit", name="KommunalIT GmbH", kind="it-provider"),
        ])  # fmt: skip
        session.flush()
        CatalogueService(session).upsert_draft(
            SolutionDraft(
                name="Ratsinfo",
                url="https://git.example.org/a/ratsinfo",
                publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
            )
        )
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a")
        accounts.create("b@example.org", role="member", organisation="stadt-b")
        accounts.create("funder@example.org", role="funder")
        accounts.create("root@example.org", role="admin")
        for key, email, scope in TOKENS:
            tokens[key] = accounts.issue_token(email, scope=scope).token
        revoked = session.scalars(select(ApiToken).order_by(ApiToken.id.desc())).first()
        assert revoked is not None
        accounts.revoke(revoked.prefix)
    with TestClient(app=create_app(fresh_settings)) as client:
        yield World(client, fresh_settings, tokens)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


DECLARE = "/api/v1/solutions/ratsinfo/adoptions"


@pytest.mark.parametrize(
    ("who", "organisation", "status"),
    [
        (None, "stadt-a", 401),
        ("revoked", "stadt-a", 401),
        ("a_read", "stadt-a", 403),
        ("a", "stadt-b", 403),
        ("funder", "stadt-a", 403),
        ("b", "stadt-b", 201),
        ("a", "stadt-a", 201),
        ("admin", "stadt-b", 201),
    ],
)
def test_declaring_an_adoption_needs_membership_and_scope(
    world: World, who: str | None, organisation: str, status: int
) -> None:
    headers = _auth(world.tokens[who]) if who else {}
    response = world.client.post(DECLARE, json={"organisation": organisation, "role": "uses"},
                                 headers=headers)  # fmt: skip
    assert response.status_code == status, response.text
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"].startswith("application/problem+json")
    listed = world.client.get(DECLARE).json()
    assert len(listed) == (1 if status == 201 else 0)
    if status == 201:
        assert listed[0]["organisation"] == organisation
        assert listed[0]["verified"] is True and listed[0]["current"] is True


def test_a_malformed_authorization_header_is_refused(world: World) -> None:
    response = world.client.post(DECLARE, json={"organisation": "stadt-a"},
                                 headers={"Authorization": "Basic abc"})  # fmt: skip
    assert response.status_code == 401
    assert response.json()["field"] == "Authorization"


def test_bad_declarations_name_the_field(world: World) -> None:
    headers = _auth(world.tokens["a"])
    role = world.client.post(DECLARE, json={"organisation": "stadt-a", "role": "likes"},
                             headers=headers)  # fmt: skip
    assert role.status_code == 422 and role.json()["field"] == "role"
    missing = world.client.post(DECLARE, json={"organisation": "nowhere"}, headers=headers)
    assert missing.status_code == 404 and missing.json()["field"] == "organisation"
    garbage = world.client.post(DECLARE, content=b"{not json", headers=headers)
    assert garbage.status_code == 400
    unknown = world.client.post("/api/v1/solutions/nope/adoptions",
                                json={"organisation": "stadt-a"}, headers=headers)  # fmt: skip
    assert unknown.status_code == 404


def test_only_the_declaring_organisation_may_withdraw(world: World) -> None:
    made = world.client.post(
        DECLARE, json={"organisation": "stadt-a"}, headers=_auth(world.tokens["a"])
    )
    adoption_id = made.json()["id"]
    url = f"{DECLARE}/{adoption_id}"
    assert world.client.delete(url).status_code == 401
    assert world.client.delete(url, headers=_auth(world.tokens["b"])).status_code == 403
    assert world.client.delete(url, headers=_auth(world.tokens["a"])).status_code == 204
    assert world.client.get(DECLARE).json() == []


def test_a_claim_is_confirmed_by_the_named_organisation_only(world: World) -> None:
    with committed(world.settings) as session:
        solution = CatalogueService(session).get("ratsinfo")
        solution.adoptions.append(m.Adoption(role="uses", verified=False, claim_text="Stadt B"))
    claim = world.client.get(DECLARE).json()[0]
    assert claim["verified"] is False and claim["organisation"] is None
    url = f"{DECLARE}/{claim['id']}/confirm"
    assert world.client.post(url, json={"organisation": "stadt-b"},
                             headers=_auth(world.tokens["a"])).status_code == 403  # fmt: skip
    confirmed = world.client.post(url, json={"organisation": "stadt-b"},
                                  headers=_auth(world.tokens["b"]))  # fmt: skip
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["verified"] is True
    assert confirmed.json()["organisation"] == "stadt-b"


def test_tokens_api_lists_creates_within_scope_and_revokes(world: World) -> None:
    assert world.client.get("/api/v1/tokens").status_code == 401
    read = _auth(world.tokens["a_read"])
    listed = world.client.get("/api/v1/tokens", headers=read).json()
    assert {t["scope"] for t in listed} == {"publish", "read"}
    assert all("token" not in t and "hash" not in str(t) for t in listed)
    escalate = world.client.post("/api/v1/tokens", json={"scope": "publish"}, headers=read)
    assert escalate.status_code == 403
    made = world.client.post(
        "/api/v1/tokens", json={"scope": "read", "name": "harvester"}, headers=read
    )
    assert made.status_code == 201
    fresh = made.json()["token"]
    assert world.client.get("/api/v1/tokens", headers=_auth(fresh)).status_code == 200
    # b cannot revoke a's token
    prefix = made.json()["prefix"]
    assert (
        world.client.delete(
            f"/api/v1/tokens/{prefix}", headers=_auth(world.tokens["b"])
        ).status_code
        == 404
    )
    assert world.client.delete(f"/api/v1/tokens/{prefix}", headers=read).status_code == 204
    assert world.client.get("/api/v1/tokens", headers=_auth(fresh)).status_code == 401


def test_openapi_documents_the_bearer_scheme_on_writes(world: World) -> None:
    schema = world.client.get("/schema/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    post = schema["paths"]["/api/v1/solutions/{slug}/adoptions"]["post"]
    assert post["security"] == [{"bearerToken": []}]
    assert "security" not in schema["paths"]["/api/v1/solutions/{slug}/adoptions"]["get"]


def test_openapi_lists_every_error_a_client_must_handle(world: World) -> None:
    paths = world.client.get("/schema/openapi.json").json()["paths"]
    edit = paths["/api/v1/solutions/{slug}"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "413", "422", "429", "503"} <= set(edit)
    assert edit["404"]["content"]["application/problem+json"]["schema"]["required"] == [
        "type", "title", "status", "detail"
    ]  # fmt: skip
    search = paths["/api/v1/solutions"]["get"]["responses"]
    assert "400" in search and not {"401", "403", "404", "409"} & set(search)
    hook = paths["/api/v1/hooks/github"]["post"]
    assert hook["security"] == [{"githubSignature": []}] and "403" in hook["responses"]


def test_cli_creates_the_first_admin_and_prints_a_token_once(fresh_settings: Settings) -> None:
    runner = CliRunner()
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    args = ["account", "create", "root@example.org", "--role", "admin", "--password-stdin"]
    made = runner.invoke(cli, args, input="a long admin password\n", env=env)
    assert made.exit_code == 0, made.output
    again = runner.invoke(
        cli, ["account", "create", "root@example.org", "--role", "admin"], env=env
    )
    assert again.exit_code == 1 and "email" in again.output
    bad = runner.invoke(cli, ["account", "create", "m@example.org", "--role", "member"], env=env)
    assert bad.exit_code == 1 and "organisation" in bad.output
    token = runner.invoke(cli, ["token", "create", "root@example.org", "--scope", "admin"], env=env)
    assert token.exit_code == 0, token.output
    secret = token.stdout.strip().splitlines()[0]
    assert secret.startswith("rmr_")
    listed = runner.invoke(cli, ["token", "list", "root@example.org"], env=env)
    assert listed.exit_code == 0 and secret not in listed.output
    prefix = secret.split("_")[1]
    assert prefix in listed.output and "active" in listed.output
    assert runner.invoke(cli, ["token", "revoke", prefix], env=env).exit_code == 0
    assert "revoked" in runner.invoke(cli, ["token", "list", "root@example.org"], env=env).output
    assert runner.invoke(cli, ["token", "revoke", "nope"], env=env).exit_code == 1


def test_history_shows_who_changed_what(world: World) -> None:
    made = world.client.post(DECLARE, json={"organisation": "stadt-b", "role": "operates"},
                             headers=_auth(world.tokens["b"]))  # fmt: skip
    assert made.status_code == 201
    events = world.client.get("/api/v1/solutions/ratsinfo/history").json()
    assert events[-1]["action"] == "create"
    fields = {c["field"] for c in events[-1]["changes"]}
    assert {"name", "url"} <= fields
    assert world.client.get("/api/v1/solutions/nope/history").status_code == 404


def test_publisher_deletes_softly_and_only_an_admin_restores(world: World) -> None:
    url = "/api/v1/solutions/ratsinfo"
    assert world.client.delete(url).status_code == 401
    assert world.client.delete(url, headers=_auth(world.tokens["b"])).status_code == 403
    assert world.client.delete(url, headers=_auth(world.tokens["a"])).status_code == 204
    assert world.client.get(f"{url}/adoptions").status_code == 404
    restore = f"{url}/restore"
    assert world.client.post(restore, headers=_auth(world.tokens["a"])).status_code == 403
    assert world.client.post(restore, headers=_auth(world.tokens["admin"])).status_code == 200
    assert world.client.post(restore, headers=_auth(world.tokens["admin"])).status_code == 404
    events = world.client.get(f"{url}/history").json()
    assert [e["action"] for e in events[:2]] == ["restore", "delete"]
    assert events[1]["actor"]["organisations"] == ["Stadt A"]
    assert events[1]["actor"]["email"] is None  # anonymous readers never see the person
    assert events[0]["actor"]["role"] == "admin"
    own = world.client.get(f"{url}/history", headers=_auth(world.tokens["a"])).json()
    assert own[1]["actor"]["email"] == "a@example.org"
    assert own[0]["actor"]["email"] == "root@example.org"


def test_history_page_is_readable_and_escaped(world: World) -> None:
    with committed(world.settings) as session:
        CatalogueService(session).upsert_draft(
            SolutionDraft(
                name="Ratsinfo <script>x</script>",
                url="https://git.example.org/a/ratsinfo",
                publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
            )
        )
    deleted = world.client.delete("/api/v1/solutions/ratsinfo", headers=_auth(world.tokens["a"]))
    assert deleted.status_code == 204
    restore = "/api/v1/solutions/ratsinfo/restore"
    assert world.client.post(restore, headers=_auth(world.tokens["admin"])).status_code == 200
    page = world.client.get("/solutions/ratsinfo/history?lang=de")
    assert page.status_code == 200
    assert "Wiederhergestellt" in page.text and "Zurückgezogen" in page.text
    assert "a@example.org" not in page.text and "account:" not in page.text
    assert "Mitglied (Stadt A)" in page.text
    assert "<script>x" not in page.text
    assert "&lt;script&gt;x" in page.text
    english = world.client.get("/solutions/ratsinfo/history?lang=en").text
    assert "Restored" in english and "Withdrawn" in english
    assert world.client.get("/solutions/nope/history").status_code == 404


def test_members_of_the_publisher_edit_what_importers_cannot_know(world: World) -> None:
    url = "/api/v1/solutions/ratsinfo"
    body = {"offers": [{"kind": "support-contract", "provider": "KommunalIT GmbH"}]}
    assert world.client.patch(url, json=body).status_code == 401
    assert (
        world.client.patch(url, json=body, headers=_auth(world.tokens["a_read"])).status_code == 403
    )
    assert world.client.patch(url, json=body, headers=_auth(world.tokens["b"])).status_code == 403
    done = world.client.patch(url, json=body, headers=_auth(world.tokens["a"]))
    assert done.status_code == 200, done.text
    assert done.json()["action"] == "updated"
    chosen = done.json()["publisher_overrides"]["offers"][0]["provider"]
    assert chosen == {"name": "KommunalIT GmbH", "slug": "kommunalit"}
    bad = world.client.patch(
        url, json={"offers": [{"kind": "magic"}]}, headers=_auth(world.tokens["a"])
    )
    assert bad.status_code == 422 and bad.json()["field"] == "offers[0].kind"
    not_object = world.client.patch(url, json=[1, 2], headers=_auth(world.tokens["a"]))
    assert not_object.status_code == 400
    history = world.client.get(f"{url}/history", headers=_auth(world.tokens["a"])).json()
    assert history[0]["actor"]["email"] == "a@example.org"


def test_organisation_admins_manage_their_own_members_only(world: World) -> None:
    with committed(world.settings) as session:
        accounts = AccountService(session)
        accounts.create("boss@example.org", role="member", organisation="stadt-a",
                        organisation_admin=True)  # fmt: skip
        boss = accounts.issue_token("boss@example.org", scope="publish").token
        accounts.create("new@example.org", role="member", organisation="stadt-b")
    members = "/api/v1/organisations/stadt-a/members"
    assert world.client.get(members).status_code == 401
    assert world.client.get(members, headers=_auth(world.tokens["a"])).status_code == 403
    listed = world.client.get(members, headers=_auth(boss)).json()
    assert {m["email"]: m["admin"] for m in listed} == {"a@example.org": False,
                                                        "boss@example.org": True}  # fmt: skip
    other = "/api/v1/organisations/stadt-b/members"
    assert world.client.post(other, json={"email": "a@example.org"},
                             headers=_auth(boss)).status_code == 403  # fmt: skip
    added = world.client.post(members, json={"email": "new@example.org"}, headers=_auth(boss))
    assert added.status_code == 200 and added.json()["admin"] is False
    unknown = world.client.post(members, json={"email": "ghost@example.org"}, headers=_auth(boss))
    assert unknown.status_code == 404 and unknown.json()["field"] == "email"
    # the new member can now act for Stadt A
    assert world.client.delete(f"{members}/new@example.org", headers=_auth(boss)).status_code == 204
    last = world.client.delete(f"{members}/boss@example.org", headers=_auth(boss))
    assert last.status_code == 409  # never leave an organisation without an admin
    verify = "/api/v1/organisations/stadt-a/verify"
    assert world.client.post(verify, headers=_auth(boss)).status_code == 403
    assert (
        world.client.post(verify, headers=_auth(world.tokens["admin"])).json()["verified"] is True
    )


def test_webhook_subscriptions_belong_to_their_account(world: World) -> None:
    assert (
        world.client.post("/api/v1/webhooks", json={"url": "https://x.example/h"}).status_code
        == 401
    )
    made = world.client.post("/api/v1/webhooks", json={"url": "https://x.example/h"},
                             headers=_auth(world.tokens["funder"]))  # fmt: skip
    assert made.status_code == 201
    body = made.json()
    assert len(body["secret"]) == 64 and body["events"] == ["organisation", "solution"]
    listed = world.client.get("/api/v1/webhooks", headers=_auth(world.tokens["funder"])).json()
    assert [s["id"] for s in listed] == [body["id"]] and "secret" not in listed[0]
    theirs = f"/api/v1/webhooks/{body['id']}"
    assert world.client.delete(theirs, headers=_auth(world.tokens["a"])).status_code == 404
    log = world.client.get(f"{theirs}/deliveries", headers=_auth(world.tokens["funder"]))
    assert log.status_code == 200 and log.json() == []
    wrong = {"url": "https://x.example/h", "events": ["x"]}
    bad = world.client.post("/api/v1/webhooks", json=wrong, headers=_auth(world.tokens["funder"]))
    assert bad.status_code == 422 and bad.json()["field"] == "events"
    assert world.client.delete(theirs, headers=_auth(world.tokens["funder"])).status_code == 204


def test_a_busy_sqlite_database_answers_503_not_500(world: World, dialect: str) -> None:
    """SQLite has one writer: a write that cannot get the lock gets a retryable 503."""
    if dialect != "sqlite":
        # PostgreSQL locks rows, not the database: the same write simply succeeds.
        made = world.client.post(DECLARE, json={"organisation": "stadt-a"},
                                 headers=_auth(world.tokens["a"]))  # fmt: skip
        assert made.status_code == 201
        return
    blocker = writer(make_engine(world.settings))
    with blocker.connect() as connection:
        connection.exec_driver_sql("UPDATE organisation SET name = name")  # holds the lock
        busy = world.client.post(DECLARE, json={"organisation": "stadt-a"},
                                 headers=_auth(world.tokens["a"]))  # fmt: skip
        connection.rollback()
    blocker.engine.dispose()
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "2"
    assert busy.json()["title"] == "Service Unavailable"
    assert world.client.get(DECLARE).json() == []  # nothing half-written
