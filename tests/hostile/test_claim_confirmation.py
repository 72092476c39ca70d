"""Only the organisation a ``usedBy`` claim names may confirm it (issue 14, finding 10).

The attack: a member of Stadt B confirms the claim "Stadt A" of the publisher's file as
Stadt B. The line became Stadt B's verified adoption and Stadt A's claim was gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient

from registry.accounts import AccountService
from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft
from registry.catalogue import models as m
from registry.organisations import Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head
from web.app import create_app

ADOPTIONS = "/api/v1/solutions/ratsinfo/adoptions"


@dataclass
class World:
    client: TestClient  # type: ignore[type-arg]
    tokens: dict[str, str]
    claims: dict[str, int]


@pytest.fixture
def world(fresh_settings: Settings) -> Iterator[World]:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        stadt_a = Organisation(slug="stadt-a", name="Stadt A", kind="municipality")
        session.add_all(
            [stadt_a, Organisation(slug="stadt-b", name="Stadt B", kind="municipality")]
        )
        session.flush()
        solution = (
            CatalogueService(session)
            .upsert_draft(
                SolutionDraft(
                    name="Ratsinfo", publisher=OrganisationRef(name="Stadt A", slug="stadt-a")
                )
            )
            .solution
        )
        by_text = m.Adoption(role="uses", verified=False, claim_text="Stadt A")
        by_match = m.Adoption(role="operates", verified=False, claim_text="Landeshauptstadt A",
                              organisation_id=stadt_a.id)  # fmt: skip
        solution.adoptions.extend([by_text, by_match])
        accounts = AccountService(session)
        accounts.create("a@example.org", role="member", organisation="stadt-a")
        accounts.create("b@example.org", role="member", organisation="stadt-b")
        tokens = {k: accounts.issue_token(f"{k}@example.org", scope="publish").token
                  for k in ("a", "b")}  # fmt: skip
        session.flush()
        claims = {"text": by_text.id, "match": by_match.id}
    with TestClient(app=create_app(fresh_settings)) as client:
        yield World(client, tokens, claims)


def _confirm(world: World, claim: str, who: str, organisation: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = world.client.post(
        f"{ADOPTIONS}/{world.claims[claim]}/confirm",
        json={"organisation": organisation},
        headers={"Authorization": f"Bearer {world.tokens[who]}"},
    )
    return response.status_code, response.json()


@pytest.mark.parametrize("claim", ["text", "match"])
def test_another_organisation_cannot_confirm_a_claim_that_names_someone_else(
    world: World, claim: str
) -> None:
    status, body = _confirm(world, claim, "b", "stadt-b")
    assert status == 403
    assert body["field"] == "organisation"
    listed = world.client.get(ADOPTIONS).json()
    assert {a["id"] for a in listed if not a["verified"]} == set(world.claims.values())
    assert not [a for a in listed if a["organisation"] == "stadt-b"]


@pytest.mark.parametrize("claim", ["text", "match"])
def test_the_named_organisation_confirms_its_claim(world: World, claim: str) -> None:
    status, body = _confirm(world, claim, "a", "stadt-a")
    assert status == 200, body
    assert body["verified"] is True and body["organisation"] == "stadt-a"


def test_a_claim_the_organisation_already_declared_is_a_conflict_not_an_error(
    world: World,
) -> None:
    auth = {"Authorization": f"Bearer {world.tokens['a']}"}
    body = {"organisation": "stadt-a", "role": "uses"}
    declared = world.client.post(ADOPTIONS, json=body, headers=auth)
    assert declared.status_code == 201, declared.text
    status, body = _confirm(world, "text", "a", "stadt-a")
    assert status == 409, body
    assert body["field"] == "adoption"
