"""Ranking constants shared by the SQL and the engine search paths."""

from __future__ import annotations

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
