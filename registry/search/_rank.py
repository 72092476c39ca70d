"""Ranking constants shared by the SQL and the engine search paths."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from registry.search._plan import Group

Condition = TypeVar("Condition")

#: "Recently active": a commit or release within this many days.
RECENT_DAYS = 365
#: How an entry holds a query word: anywhere in one of its forms (if only in the names of
#: organisations, nothing more), as the word itself, outside the organisations' names (the
#: long description and the rest), in a short description, feature or keyword, in the
#: name. The weights add up: the word itself in the name counts most.
_HOLDS, _OWN, _TEXT, _LEAD, _NAMED = 1.0, 1.0, 0.3, 0.7, 1.5
#: Relevance is an integer (exact in a keyset cursor): the weights times this.
_SCALE = 1000
#: Added to the relevance of an active entry, so every inactive one ranks below.
_ACTIVE = 10**9


@dataclass(frozen=True, slots=True)
class Matched(Generic[Condition]):
    """One query group's conditions: held in any form, as the word itself, outside the
    organisations' names, in the lead texts, in the name; SQL clauses on one path,
    Tantivy queries on the other, built and weighted by the same rule."""

    holds: Condition
    own: Condition
    text: Condition
    lead: Condition
    named: Condition

    @classmethod
    def of(cls, any_of: Callable[..., Condition], group: Group) -> Matched[Condition]:
        """``any_of(alternatives, within=...)`` is the path's own "any of these terms"."""
        own = [a for a in group.alternatives if a.own]
        holds = any_of(group.alternatives)
        return cls(
            holds=holds,
            own=any_of(own) if len(own) < len(group.alternatives) else holds,
            text=any_of(group.alternatives, within="ABC"),
            lead=any_of(group.alternatives, within="B"),
            named=any_of(group.alternatives, within="A"),
        )

    def weighted(self) -> tuple[tuple[Condition, float], ...]:
        """Each condition with its weight."""
        return (
            (self.holds, _HOLDS),
            (self.own, _OWN),
            (self.text, _TEXT),
            (self.lead, _LEAD),
            (self.named, _NAMED),
        )
