"""Model constraints hold on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.catalogue.models import Repository, RepositoryAlias, Solution, SolutionText
from registry.organisations import Organisation


def _solution(slug: str) -> Solution:
    return Solution(slug=slug, name=slug.title())


def test_solution_slugs_are_unique(db_session: Session) -> None:
    db_session.add_all([_solution("same"), _solution("same")])
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_one_canonical_url_per_repository(db_session: Session) -> None:
    a, b = _solution("a"), _solution("b")
    a.repositories.append(Repository(url="https://example.org/x/y"))
    b.repositories.append(Repository(url="https://example.org/x/y"))
    db_session.add_all([a, b])
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_alias_urls_are_unique(db_session: Session) -> None:
    s = _solution("s")
    repo = Repository(url="https://example.org/new")
    repo.aliases.extend([RepositoryAlias(url="https://example.org/old")] * 1)
    s.repositories.append(repo)
    other = Repository(url="https://example.org/other")
    other.aliases.append(RepositoryAlias(url="https://example.org/old"))
    s.repositories.append(other)
    db_session.add(s)
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_foreign_keys_are_enforced(db_session: Session) -> None:
    db_session.add(SolutionText(solution_id=999_999, lang="de", short_description="x"))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_deleting_a_solution_removes_its_texts(db_session: Session) -> None:
    s = _solution("gone")
    s.texts.append(SolutionText(lang="en", short_description="bye"))
    db_session.add(s)
    db_session.flush()
    db_session.delete(s)
    db_session.flush()
    assert db_session.query(SolutionText).count() == 0


def test_organisation_identifiers_are_unique(db_session: Session) -> None:
    db_session.add_all(
        [
            Organisation(slug="x", name="X", identifier="091620000000"),
            Organisation(slug="y", name="Y", identifier="091620000000"),
        ]
    )
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_naive_datetimes_are_refused(db_session: Session) -> None:
    from datetime import datetime

    from sqlalchemy.exc import StatementError

    s = _solution("naive")
    s.deleted_at = datetime(2024, 1, 1)
    db_session.add(s)
    with pytest.raises(StatementError, match="naive datetime"):
        db_session.flush()
