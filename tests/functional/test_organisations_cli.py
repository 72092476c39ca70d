"""``registry organisations prune|merge``: clear out what the old edits left behind.

Edits once created an organisation per new provider or funder name. ``prune`` removes
the unverified ones nothing links to and keeps every linked one; ``merge`` moves every
link of a duplicate to the real organisation and removes the duplicate, audited.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from registry.accounts import AccountService, Membership
from registry.audit import AuditEvent
from registry.catalogue import CatalogueService, OrganisationRef, SolutionDraft
from registry.catalogue import models as m
from registry.cli import app
from registry.entries import FundingDraft, OfferDraft
from registry.organisations import CodeSource, Organisation
from registry.settings import Settings
from tests.fixtures.db import committed, migrate_to_head

runner = CliRunner()
URL = "https://git.example.org/a/ratsinfo"
JUNK = ["junk-1", "junk-2", "junk-3"]
LINKED = ["stadt-a", "member-org", "adopter", "provider", "funder", "with-source", "parent",
          "child", "verified", "domain"]  # fmt: skip


def _org(slug: str, **values: Any) -> Organisation:
    return Organisation(slug=slug, name=values.pop("name", slug.title()), kind="company",
                        **values)  # fmt: skip


def _seed(settings: Settings) -> None:
    """Junk nobody links to, and one organisation per kind of link."""
    migrate_to_head(settings)
    with committed(settings) as session:
        parent = _org("parent")
        session.add_all([*(_org(s) for s in JUNK), _org("stadt-a"), _org("member-org"),
                         _org("adopter"), _org("provider"), _org("funder"), parent,
                         _org("child", parent=parent), _org("verified", verified=True),
                         _org("domain", verified_domains=["domain.example"])])  # fmt: skip
        session.add(CodeSource(organisation=_org("with-source"), url="https://git.example.org/s",
                               driver="git"))  # fmt: skip
        session.flush()
        solution = CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url=URL, publisher=OrganisationRef(name="Stadt-A", slug="stadt-a"),
            offers=(OfferDraft(kind="support-contract",
                               provider=OrganisationRef(name="Provider", slug="provider")),),
            funding=(FundingDraft(funder=OrganisationRef(name="Funder", slug="funder")),),
        )).solution  # fmt: skip
        adopter = session.scalar(select(Organisation).where(Organisation.slug == "adopter"))
        assert adopter is not None
        solution.adoptions.append(m.Adoption(role="uses", verified=True, organisation=adopter))
        AccountService(session).create("m@example.org", role="member", organisation="member-org")


def _slugs(settings: Settings) -> set[str]:
    with committed(settings) as session:
        return set(session.scalars(select(Organisation.slug)))


def test_prune_removes_the_junk_and_keeps_every_linked_organisation(
    fresh_settings: Settings,
) -> None:
    _seed(fresh_settings)
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    dry = runner.invoke(app, ["organisations", "prune", "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert all(f"would remove: {slug}" in dry.output for slug in JUNK)
    assert "3 organisation(s) would be removed" in dry.output
    assert _slugs(fresh_settings) == {*JUNK, *LINKED}
    done = runner.invoke(app, ["organisations", "prune"], env=env)
    assert done.exit_code == 0, done.output
    assert "3 organisation(s) removed" in done.output
    assert _slugs(fresh_settings) == set(LINKED)
    with committed(fresh_settings) as session:
        removed = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "organisation",
                                     AuditEvent.action == "delete")
        ).all()  # fmt: skip
        assert sorted(e.before["slug"] for e in removed if e.before) == JUNK
        assert {e.actor for e in removed} == {"cli:organisations prune"}
    again = runner.invoke(app, ["organisations", "prune"], env=env)
    assert "0 organisation(s) removed" in again.output


def test_merge_moves_every_link_to_the_organisation_kept(fresh_settings: Settings) -> None:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add_all([_org("stadt-a", name="Stadt A"),
                         _org("dataport", name="Dataport AöR", verified=True),
                         _org("dataport-2", name="Dataport", identifier="urn:x-de:dataport",
                                            website="https://dataport.example")])  # fmt: skip
        session.flush()
        catalogue = CatalogueService(session)
        solution = catalogue.upsert_draft(SolutionDraft(
            name="Ratsinfo", url=URL, publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        )).solution  # fmt: skip
        # what an old edit stored: the duplicate by name, as typed
        catalogue.edit(solution.slug, {"offers": [{"kind": "hosted-service",
                                                   "provider": "dataport-2"}]})  # fmt: skip
        solution.publisher_overrides = {
            "offers": [{"kind": "hosted-service", "provider": "Dataport"}]
        }
        duplicate = session.scalar(select(Organisation).where(Organisation.slug == "dataport-2"))
        assert duplicate is not None
        solution.adoptions.append(m.Adoption(role="operates", verified=True,
                                             organisation=duplicate))  # fmt: skip
        accounts = AccountService(session)
        accounts.create("d@example.org", role="member", organisation="dataport-2")
        accounts.create("both@example.org", role="member", organisation="dataport")
        account = accounts.get("both@example.org")
        session.add(Membership(account_id=account.id, organisation_id=duplicate.id,
                               is_admin=True))  # fmt: skip
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    done = runner.invoke(app, ["organisations", "merge", "dataport-2", "dataport"], env=env)
    assert done.exit_code == 0, (done.output, done.exception)
    assert "merged dataport-2 into dataport" in done.output
    assert "dataport-2" not in _slugs(fresh_settings)
    with committed(fresh_settings) as session:
        kept = session.scalar(select(Organisation).where(Organisation.slug == "dataport"))
        assert kept is not None
        assert (kept.identifier, kept.website) == ("urn:x-de:dataport", "https://dataport.example")
        entry = CatalogueService(session).get("ratsinfo")
        assert [(o.provider_id, o.provider_name) for o in entry.offers] == [
            (kept.id, "Dataport AöR")
        ]
        assert [(a.organisation_id, a.role) for a in entry.adoptions] == [(kept.id, "operates")]
        assert entry.publisher_overrides["offers"][0]["provider"] == {
            "name": "Dataport AöR", "slug": "dataport"
        }  # fmt: skip
        members = {
            (ms.account_id, ms.is_admin)
            for ms in session.scalars(
                select(Membership).where(Membership.organisation_id == kept.id)
            )
        }
        both = AccountService(session).get("both@example.org").id
        assert (both, True) in members and len(members) == 2
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.actor == "cli:organisations merge")
        ).all()
        assert {(e.entity_type, e.action) for e in events} >= {
            ("organisation", "update"), ("organisation", "delete"), ("solution", "update")
        }  # fmt: skip
        # a re-import resolves the members' edit to the organisation kept: nothing comes back
        CatalogueService(session).upsert_draft(SolutionDraft(
            name="Ratsinfo", url=URL, publisher=OrganisationRef(name="Stadt A", slug="stadt-a"),
        ))  # fmt: skip
    assert _slugs(fresh_settings) == {"stadt-a", "dataport"}


@pytest.mark.parametrize(
    ("args", "message"),
    [(["dataport", "dataport"], "into itself"), (["nope", "dataport"], "from: no organisation")],
)
def test_merge_refuses_nonsense(fresh_settings: Settings, args: list[str], message: str) -> None:
    migrate_to_head(fresh_settings)
    with committed(fresh_settings) as session:
        session.add(_org("dataport"))
    env = {"REGISTRY_DATABASE_URL": fresh_settings.database_url}
    done = runner.invoke(app, ["organisations", "merge", *args], env=env)
    assert done.exit_code == 1 and message in done.output
    assert _slugs(fresh_settings) == {"dataport"}
