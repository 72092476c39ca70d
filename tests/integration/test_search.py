"""The search service on SQLite and PostgreSQL: stemming, index currency, facets, order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from registry.catalogue import CatalogueService, SolutionDraft, TextDraft
from registry.catalogue.models import (
    Adoption,
    OperatingOffer,
    Repository,
    Solution,
    SolutionTag,
    SolutionText,
)
from registry.demo import load_demo
from registry.organisations import Organisation
from registry.search import InvalidQuery, SearchQuery, SearchService, reindex_all
from tests.integration._search_data import NOW, add_entries, add_score


@pytest.fixture
def service(db_session: Session) -> SearchService:
    return SearchService(db_session, now=NOW)


def _slugs(service: SearchService, **query: object) -> list[str]:
    return [hit.slug for hit in service.search(SearchQuery(**query)).hits]  # type: ignore[arg-type]


@pytest.fixture
def entries(db_session: Session) -> dict[str, Solution]:
    return add_entries(db_session)


def test_demo_catalogue_is_searched_over_names_texts_orgs_and_standards(
    db_session: Session, service: SearchService
) -> None:
    load_demo(db_session)
    everything = service.search(SearchQuery(size=100))
    assert everything.total == 32 == len(everything.hits)
    assert {"decidim", "consul-democracy"} <= set(_slugs(service, q="Beteiligung"))
    assert "meine-stadt-transparent" in _slugs(service, q="OParl")  # an interface standard
    assert "mucgpt" in _slugs(service, q="München")  # the publisher's name
    assert _slugs(service, q="Masterportal")[0] == "masterportal"  # name hits first
    assert _slugs(service, q="xyzzy-nothing") == []


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("Abfallkalender", "abfallkalender"),
        ("Abfall", "abfallkalender"),  # head of the compound
        ("Abfälle", "abfallkalender"),  # plural with umlaut
        ("Kalender", "abfallkalender"),  # tail of the compound
        ("Müll", "abfallkalender"),  # tail of "Restmüll"
        ("Erinnerung", "abfallkalender"),  # singular of a feature's plural
        ("parking", "parkspot"),
        ("park", "parkspot"),
        ("parks", "parkspot"),
        ("space", "parkspot"),  # singular of "spaces" in a feature
        ("Beteiligungsverfahren", "buergerbeteiligung-plus"),
        ("beteiligung", "buergerbeteiligung-plus"),  # lower case, inside two compounds
        ("Burger", "buergerbeteiligung-plus"),  # without the umlaut
    ],
)
def test_stemming_in_german_and_english(
    entries: dict[str, Solution], service: SearchService, words: str, slug: str
) -> None:
    assert slug in _slugs(service, q=words)


def test_every_word_must_match_before_some_do(
    entries: dict[str, Solution], service: SearchService
) -> None:
    both = service.search(SearchQuery(q="Abfall Kalender"))
    assert [h.slug for h in both.hits] == ["abfallkalender"] and not both.relaxed
    # No entry holds both words: those holding one of them, said so.
    some = service.search(SearchQuery(q="Abfall parking"))
    assert {h.slug for h in some.hits} == {"abfallkalender", "parkspot"} and some.relaxed
    assert _slugs(service, q="und the für") == []  # stopwords alone match nothing


def test_index_follows_insert_update_and_delete(
    db_session: Session, service: SearchService
) -> None:
    catalogue = CatalogueService(db_session)
    draft = SolutionDraft(
        name="Friedhofsverwaltung",
        slug="friedhof",
        url="https://git.example.org/friedhof",
        texts={"de": TextDraft(short_description="Grabstellen verwalten")},
    )
    catalogue.upsert_draft(draft)
    assert _slugs(service, q="Grabstelle") == ["friedhof"]

    catalogue.upsert_draft(
        SolutionDraft(
            name="Friedhofsverwaltung",
            slug="friedhof",
            url="https://git.example.org/friedhof",
            texts={"de": TextDraft(short_description="Bestattungen planen")},
        )
    )
    assert _slugs(service, q="Grabstelle") == []
    assert _slugs(service, q="Bestattung") == ["friedhof"]

    solution = catalogue.get("friedhof")
    solution.name = "Ruhestätten"
    db_session.flush()
    assert _slugs(service, q="Ruhestätte") == ["friedhof"]
    assert _slugs(service, sort="name") == ["friedhof"]

    solution.active = False  # invalid metadata: still found (and marked), unless asked not to
    db_session.flush()
    assert [(h.slug, h.active) for h in service.search(SearchQuery(q="Ruhestätte")).hits] == [
        ("friedhof", False)
    ]
    assert _slugs(service, q="Ruhestätte", inactive=False) == []
    solution.active = True

    solution.deleted_at = datetime(2026, 1, 1, tzinfo=UTC)
    db_session.flush()
    assert _slugs(service, q="Ruhestätte") == []

    solution.deleted_at = None
    db_session.flush()
    assert _slugs(service, q="Ruhestätte") == ["friedhof"]
    db_session.delete(solution)
    db_session.flush()
    assert _slugs(service, q="Ruhestätte") == []
    assert service.search(SearchQuery()).total == 0


def test_renaming_an_organisation_reindexes_its_solutions(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    org = db_session.scalar(sa.select(Organisation).where(Organisation.slug == "kleinstadt"))
    assert org is not None
    org.name = "Hansestadt Musterhafen"
    db_session.flush()
    assert _slugs(service, q="Musterhafen") == ["abfallkalender", "buergerbeteiligung-plus"]


def test_child_rows_reindex_their_solution(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    solution = entries["parkspot"]
    db_session.add(SolutionTag(solution_id=solution.id, kind="domain", value="energy"))
    db_session.add(OperatingOffer(solution_id=solution.id, kind="community-support"))
    db_session.flush()
    assert _slugs(service, domain=("energy",)) == ["parkspot"]
    assert _slugs(service, offer=("community-support",)) == ["parkspot"]
    text = db_session.scalar(sa.select(SolutionText).where(SolutionText.solution_id == solution.id))
    assert text is not None
    assert _slugs(service, q="management") == ["parkspot"]
    db_session.delete(text)
    db_session.flush()
    assert _slugs(service, q="management") == []


def test_reindex_all_rebuilds_the_same_index(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    before = service.search(SearchQuery(q="Abfall"))
    assert reindex_all(db_session.connection()) == 3
    after = service.search(SearchQuery(q="Abfall"))
    assert [h.slug for h in after.hits] == [h.slug for h in before.hits] == ["abfallkalender"]
    assert after.facets == before.facets


def _direct_counts(session: Session) -> Iterator[tuple[str, str, int]]:
    """Facet counts straight from the catalogue tables, for active, undeleted entries."""
    live = sa.select(Solution.id).where(Solution.deleted_at.is_(None), Solution.active.is_(True))
    for kind in ("domain", "category"):
        rows = session.execute(
            sa.select(SolutionTag.value, sa.func.count(sa.distinct(SolutionTag.solution_id)))
            .where(SolutionTag.kind == kind, SolutionTag.solution_id.in_(live))
            .group_by(SolutionTag.value)
        )
        yield from ((kind, value, n) for value, n in rows)
    for facet, column in (
        ("licence", Solution.licence),
        ("status", Solution.development_status),
        ("maintenance", Solution.maintenance_type),
    ):
        rows = session.execute(
            sa.select(column, sa.func.count())
            .where(Solution.id.in_(live), column.is_not(None))
            .group_by(column)
        )
        yield from ((facet, value, n) for value, n in rows)
    rows = session.execute(
        sa.select(OperatingOffer.kind, sa.func.count(sa.distinct(OperatingOffer.solution_id)))
        .where(OperatingOffer.solution_id.in_(live))
        .group_by(OperatingOffer.kind)
    )
    yield from (("offer", value, n) for value, n in rows)


def test_facet_counts_match_direct_counts(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    load_demo(db_session)
    facets = service.search(SearchQuery()).facets
    expected = list(_direct_counts(db_session))
    assert len(expected) > 40
    for facet, value, count in expected:
        shown = {v.value: v.count for v in facets[facet].values}
        assert shown.get(value) == count, (facet, value)


def test_facets_combine_and_count_without_their_own_filter(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    load_demo(db_session)
    both = service.search(SearchQuery(domain=("mobility", "environment"), size=100))
    only_mobility = service.search(SearchQuery(domain=("mobility",), size=100))
    only_environment = service.search(SearchQuery(domain=("environment",), size=100))
    assert both.total == len({h.slug for h in only_mobility.hits + only_environment.hits})
    domain_counts = {v.value: v.count for v in both.facets["domain"].values}
    assert domain_counts["mobility"] == only_mobility.total  # own filter not applied
    assert {v.value for v in both.facets["domain"].values if v.selected} == {
        "mobility",
        "environment",
    }
    narrowed = service.search(SearchQuery(domain=("mobility", "environment"), licence=("MIT",)))
    direct = db_session.scalar(
        sa.select(sa.func.count(sa.distinct(Solution.id)))
        .join(SolutionTag, SolutionTag.solution_id == Solution.id)
        .where(
            SolutionTag.kind == "domain",
            SolutionTag.value.in_(("mobility", "environment")),
            Solution.licence == "MIT",
            Solution.deleted_at.is_(None),
        )
    )
    assert narrowed.total == direct
    assert all(h.licence == "MIT" for h in narrowed.hits)
    licence_counts = {v.value: v.count for v in narrowed.facets["licence"].values}
    assert licence_counts["MIT"] == narrowed.total


def test_facets_of_organisations_adopters_offers_and_standards(
    entries: dict[str, Solution], service: SearchService
) -> None:
    assert _slugs(service, state=("NW",), sort="name") == [
        "abfallkalender",
        "buergerbeteiligung-plus",
    ]
    assert _slugs(service, org_kind=("county",)) == ["buergerbeteiligung-plus"]
    assert _slugs(service, adopters=2) == ["abfallkalender"]
    assert _slugs(service, adopters=1, sort="name") == ["abfallkalender", "parkspot"]
    assert _slugs(service, standard=("openapi",)) == ["parkspot"]
    assert _slugs(service, osi=False) == ["buergerbeteiligung-plus"]
    assert _slugs(service, osi=True, sort="name") == ["abfallkalender", "parkspot"]
    assert _slugs(service, offer=("support-contract",)) == ["abfallkalender"]
    assert _slugs(service, status=("beta",), maintenance=("community",)) == ["parkspot"]
    assert _slugs(service, publisher=("grossstadt",)) == ["parkspot"]
    facets = service.search(SearchQuery()).facets
    assert {v.value: v.count for v in facets["adopters"].values} == {"1": 2, "2": 1}
    assert {v.value: v.count for v in facets["osi"].values} == {"true": 2, "false": 1}


def test_score_band_level_silo_and_score_sort(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    add_score(db_session, entries["parkspot"], 80, level="gold", silo="no")
    add_score(db_session, entries["abfallkalender"], 30, level="bronze", silo="risk")
    assert _slugs(service, score_band=("75-100",)) == ["parkspot"]
    assert _slugs(service, level=("bronze",)) == ["abfallkalender"]
    assert _slugs(service, silo=("risk", "silo")) == ["abfallkalender"]
    assert _slugs(service, sort="score") == [
        "parkspot",
        "abfallkalender",
        "buergerbeteiligung-plus",
    ]
    hit = service.search(SearchQuery(q="parking")).hits[0]
    assert (hit.score, hit.level, hit.silo) == (80.0, "gold", "no")


def test_recently_active_and_recent_sort(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    repo = db_session.scalar(
        sa.select(Repository).where(Repository.solution_id == entries["parkspot"].id)
    )
    assert repo is not None
    repo.last_commit_at = datetime(2026, 10, 1, tzinfo=UTC)
    db_session.flush()
    assert _slugs(service, recent=True) == ["parkspot"]
    assert _slugs(service, recent=False, sort="name") == [
        "abfallkalender",
        "buergerbeteiligung-plus",
    ]
    assert _slugs(service, sort="recent")[0] == "parkspot"
    old = SearchService(db_session, now=datetime(2028, 1, 1, tzinfo=UTC))
    assert [h.slug for h in old.search(SearchQuery(recent=True)).hits] == []


def test_towns_like_mine(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    # Kleinstadt (40,000): Mittelstadt (60,000) is similar, Nachbarstadt (75,000) is not.
    assert _slugs(service, like="kleinstadt") == ["abfallkalender"]
    # Großstadt has no municipality of its size among the adopters but itself.
    assert _slugs(service, like="grossstadt") == []
    db_session.add(
        Organisation(
            slug="millionenstadt", name="Millionenstadt", kind="municipality", population=1_200_000
        )
    )
    db_session.flush()
    assert _slugs(service, like="millionenstadt") == ["parkspot"]
    with pytest.raises(InvalidQuery) as error:
        service.search(SearchQuery(like="nowhere"))
    assert error.value.field == "like"


def test_alternatives_to_a_proprietary_product(
    entries: dict[str, Solution], service: SearchService
) -> None:
    assert _slugs(service, alternative_to="teams") == ["abfallkalender"]
    assert _slugs(service, alternative_to="Microsoft Teams") == ["abfallkalender"]
    assert _slugs(service, alternative_to="SAP") == []
    assert service.alternatives() == [("Microsoft Teams", 1)]


def test_sorting_and_keyset_pages_cover_everything_once(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    load_demo(db_session)
    for sort in ("name", "adopters", "score", "recent", "relevance"):
        full = [h.slug for h in service.search(SearchQuery(sort=sort, size=100)).hits]
        assert len(full) == 35
        seen: list[str] = []
        query = SearchQuery(sort=sort, size=7)
        while True:
            result = service.search(query, with_facets=False)
            seen += [h.slug for h in result.hits]
            if result.next_cursor is None:
                break
            query = SearchQuery.from_params(
                {"sort": [sort], "page[size]": ["7"], "page[after]": [result.next_cursor]}
            )
        assert seen == full, sort
        by_offset = [
            h.slug
            for p in range(1, 6)
            for h in service.search(SearchQuery(sort=sort, size=7, page=p)).hits
        ]
        assert by_offset == full
    names = [h.name for h in service.search(SearchQuery(sort="name", size=100)).hits]
    assert names.index("Bürgerbeteiligung Plus") < names.index("CKAN")  # ü sorts as u
    adopters = [
        h.verified_adopters for h in service.search(SearchQuery(sort="adopters", size=100)).hits
    ]
    assert adopters == sorted(adopters, reverse=True)


def test_relevance_puts_name_matches_first(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    CatalogueService(db_session).upsert_draft(
        SolutionDraft(
            name="Stadtplan",
            slug="stadtplan",
            texts={"en": TextDraft(short_description="Shows where to park")},
        )
    )
    hits = service.search(SearchQuery(q="park")).hits
    assert [h.slug for h in hits] == ["parkspot", "stadtplan"]
    assert [h.name_match for h in hits] == [True, False]


def test_claimed_adoptions_do_not_count_as_verified(
    db_session: Session, entries: dict[str, Solution], service: SearchService
) -> None:
    hit = service.search(SearchQuery(q="Bürgerbeteiligung")).hits[0]
    assert hit.slug == "buergerbeteiligung-plus" and hit.verified_adopters == 0
    claims = db_session.scalars(
        sa.select(Adoption).where(Adoption.solution_id == entries["buergerbeteiligung-plus"].id)
    ).all()
    assert [a.verified for a in claims] == [False]
