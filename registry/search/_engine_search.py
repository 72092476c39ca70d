"""``SearchService.search`` through the engine's index: the same answers as the SQL path.

The query plan is the same (``_plan``: our stems, compound parts, synonyms, typo
corrections); each condition becomes a Tantivy query over the pre-analysed fields, and a
hit's relevance is the sum of constant scores, one per condition it meets, each the
weight the SQL path gives it (BM25 inverse document frequency times the field weight),
so both paths rank alike. Ties break on the reuse score, the name's bytes and the id,
read from fast fields. Facets are Tantivy term aggregations over the hits; a facet the
reader filtered on is counted without its own filter, as on the SQL path.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import tantivy
from tantivy import Occur
from tantivy import Query as Q  # noqa: N817 - read as a query language

from registry.search._engine import NO_DATE, TEXT_FIELDS, SearchIndex, name_key
from registry.search._plan import Alternative, Group, corrected, plan
from registry.search._query import ADOPTER_THRESHOLDS, FACETS, MULTI, Cursor, SearchQuery
from registry.search._rank import _ACTIVE, _SCALE, RECENT_DAYS, Matched
from registry.search._result import Facet, FacetValue, SearchResult
from registry.search._suggest import one_edit, vocabulary
from registry.search.errors import InvalidQuery

if TYPE_CHECKING:
    from registry.search.service import SearchService

__all__ = ["EngineSearch"]

_SPECIAL = frozenset({"adopters", "recent"})
#: Sort -> the fast field of its first key.
_SORT_FIELDS = {"name": "n0", "score": "score", "adopters": "adopters", "recent": "activity"}
#: An active entry's constant score: above any sum of condition points the exact path
#: allows (f32 holds whole numbers exactly below 2**24).
_ACTIVE_SCORE = 2**23


def _relevance(points: int) -> int:
    """The SQL path's relevance of a Tantivy score (``_ACTIVE`` for an active entry)."""
    return points - _ACTIVE_SCORE + _ACTIVE if points >= _ACTIVE_SCORE else points


_MAX_BUCKETS = 65_000


def _or(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return Q.empty_query()
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(Occur.Should, q) for q in queries])


def _any_term(schema: tantivy.Schema, field: str, values: Sequence[Any]) -> tantivy.Query:
    """Documents holding any of these values (term queries: a term set query walks an
    automaton over the whole dictionary, ten times slower for a few values)."""
    if len(values) > 64:
        return Q.term_set_query(schema, field, list(values))
    return _or([Q.term_query(schema, field, v, index_option="basic") for v in values])


def _and(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return Q.all_query()
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(Occur.Must, q) for q in queries])


_Matched = Matched[tantivy.Query]


class EngineSearch:
    """One search of a ``SearchService`` on a ``SearchIndex``."""

    def __init__(self, service: SearchService, index: SearchIndex) -> None:
        self.service = service
        self.schema = index.schema
        self.searcher = index.searcher()
        self.state = ("engine", str(index.path), index.applied)

    # -- text -------------------------------------------------------------------------
    def any_of(self, alternatives: Sequence[Alternative], *, within: str = "") -> tantivy.Query:
        """Documents holding every slot of one alternative, in the fields ``within``
        names (as ``_backends.FullText.any_of``)."""
        fields = [TEXT_FIELDS[w] for w in (within or "ABCD")]
        found = []
        for alt in alternatives:
            slots = []
            for i, terms in enumerate(alt.slots):
                if alt.prefix and i == len(alt.slots) - 1:
                    per_field = [
                        Q.regex_query(self.schema, f, re.escape(t) + ".*")
                        for f in fields
                        for t in terms
                    ]
                else:
                    per_field = [_any_term(self.schema, f, terms) for f in fields]
                slots.append(_or(per_field))
            found.append(_and(slots))
        return _or(found)

    def _matched(self, group: Group) -> _Matched:
        return _Matched.of(self.any_of, group)

    def _count(self, query: tantivy.Query) -> int:
        found: Any = self.searcher.search(query, limit=1)  # .count: not in the stubs
        return int(found.count)

    def _typos(self, groups: tuple[Group, ...]) -> tuple[list[Group], list[float]]:
        """As ``SearchService._typos``, counting in the engine."""
        n = int(self.searcher.num_docs)
        found = [self._count(self.any_of(g.alternatives)) for g in groups]
        out = list(groups)
        wrong = [i for i, df in enumerate(found) if df == 0 and " " not in groups[i].text]
        if wrong:
            words = vocabulary(self.service.db, self.state)
            for i in wrong:
                out[i] = corrected(groups[i], one_edit(groups[i].text, words))
                if out[i] != groups[i]:
                    found[i] = self._count(self.any_of(out[i].alternatives))
        return out, [math.log(1 + (n - df + 0.5) / (df + 0.5)) for df in found]

    # -- the search -------------------------------------------------------------------
    def search(
        self,
        query: SearchQuery,
        *,
        with_facets: bool = True,
        passages: Sequence[str] | None = None,
    ) -> SearchResult:
        groups, idf = self._typos(plan(query.q))
        matched = [self._matched(g) for g in groups]
        base, by_facet = self._conditions(query, self._text(query, matched, every=True))
        everything = _and([*base, *by_facet.values()])
        page, more, total = self._page(query, everything, matched, idf)
        relaxed = total == 0 and len(matched) > 1
        if relaxed:
            base, by_facet = self._conditions(query, self._text(query, matched))
            everything = _and([*base, *by_facet.values()])
            page, more, total = self._page(query, everything, matched, idf)
        ids = [row[-1] for row in page]
        named = self._named(ids, matched)
        hits = self.service._hits(ids, named, groups, passages)
        next_cursor = None
        if more and page:
            next_cursor = Cursor(query.sort, self._cursor_keys(query.sort, page[-1])).encode()
        facets = self._facets(query, base, by_facet, total) if with_facets else {}
        helps = self.service._help(query) if total == 0 else {}
        return SearchResult(
            query=query,
            hits=tuple(hits),
            total=total,
            page=query.page,
            size=query.size,
            facets=facets,
            next_cursor=next_cursor,
            relaxed=relaxed and total > 0,
            **helps,
        )

    @staticmethod
    def _text(
        query: SearchQuery, matched: list[_Matched], *, every: bool = False
    ) -> tantivy.Query | None:
        if matched:
            held = [g.holds for g in matched]
            return _and(held) if every else _or(held)
        if query.q.strip():
            return Q.empty_query()
        return None

    def _conditions(
        self, query: SearchQuery, text: tantivy.Query | None
    ) -> tuple[list[tantivy.Query], dict[str, tantivy.Query]]:
        s = self.schema
        base: list[tantivy.Query] = []
        if not query.inactive:
            base.append(Q.term_query(s, "active", True))
        if text is not None:
            base.append(text)
        if query.alternative_to:
            names = self.service.alternative_names(query.alternative_to)
            base.append(_any_term(s, "f_alternative", names))
        if query.like:
            ids = list(self.service.db.scalars(self.service.like(query.like)))
            base.append(_any_term(s, "sid", ids))
        by_facet: dict[str, tantivy.Query] = {}
        for name in MULTI:
            values = getattr(query, name)
            if values:
                by_facet[name] = _any_term(s, f"f_{name}", values)
        if query.osi is not None:
            by_facet["osi"] = Q.term_query(s, "f_osi", "true" if query.osi else "false")
        if query.adopters is not None:
            by_facet["adopters"] = Q.range_query(
                s, "adopters", tantivy.FieldType.Unsigned, lower_bound=query.adopters
            )
        if query.recent is not None:
            cutoff = self._cutoff()
            by_facet["recent"] = (
                Q.range_query(s, "activity", tantivy.FieldType.Integer, lower_bound=cutoff)
                if query.recent
                else Q.range_query(
                    s,
                    "activity",
                    tantivy.FieldType.Integer,
                    upper_bound=cutoff,
                    include_upper=False,
                )
            )
        return base, by_facet

    def _cutoff(self) -> int:
        return (self.service.now - timedelta(days=RECENT_DAYS)).date().toordinal()

    # -- order and pages --------------------------------------------------------------
    def _page(
        self,
        query: SearchQuery,
        everything: tantivy.Query,
        matched: list[_Matched],
        idf: list[float],
    ) -> tuple[list[tuple[Any, ...]], bool, int]:
        """The page's rows (sort key…, id), whether more follow, and the total."""
        after = self._after(query.after) if query.after is not None else None
        offset = 0 if after is not None else (query.page - 1) * query.size
        need = offset + query.size + 1
        order: tuple[str, bool] | None = None  # the fast field Tantivy orders by, ascending
        if query.sort == "relevance":
            clauses: list[tuple[Occur, tantivy.Query]] = [
                (Occur.Must, Q.const_score_query(everything, 0.0)),
                (Occur.Should, Q.const_score_query(Q.term_query(self.schema, "active", True),
                                                   float(_ACTIVE_SCORE))),
            ]  # fmt: skip
            most = 0
            for match, weight_idf in zip(matched, idf, strict=True):
                for held, weight in match.weighted():
                    points = round(_SCALE * weight_idf * weight)
                    if points:
                        most += points
                        clauses.append((Occur.Should, Q.const_score_query(held, float(points))))
            ranked = Q.boolean_query(clauses)
            exact = most < _ACTIVE_SCORE and after is None  # sums of whole numbers in f32
        else:
            field = _SORT_FIELDS[query.sort]
            ranked = everything
            if after is not None:  # keyset: from the cursor's value of the first key on
                ranked = _and([ranked, self._from(query.sort, after)])
            order, exact = (field, query.sort == "name"), True
        found, count = self._top(ranked, need, exact=exact, order=order)
        total = count if after is None else self._count(everything)
        if not found:
            return [], False, total
        addresses = [a for _, a in found]
        ff: Any = self.searcher.fast_field_values
        sids = ff("sid", addresses)
        n0s, n1s = ff("n0", addresses), ff("n1", addresses)
        rows: list[tuple[Any, ...]]
        if query.sort == "relevance":
            scores = ff("score", addresses)
            rows = [
                (-_relevance(round(hit[0])), -sc, x, y, sid)
                for hit, sc, x, y, sid in zip(found, scores, n0s, n1s, sids, strict=True)
            ]
        elif query.sort == "name":
            rows = list(zip(n0s, n1s, sids, strict=True))
        else:
            values = ff(_SORT_FIELDS[query.sort], addresses)
            rows = [(-v, x, y, sid) for v, x, y, sid in zip(values, n0s, n1s, sids, strict=True)]
        if after is not None:
            rows = [r for r in rows if r > after]
        top = heapq.nsmallest(need, rows)
        page = top[offset:need]
        return page[: query.size], len(page) > query.size, total

    def _top(
        self, ranked: tantivy.Query, need: int, *, exact: bool, order: tuple[str, bool] | None
    ) -> tuple[list[tuple[Any, Any]], int]:
        """Hits enough to cut the page exactly, and how many match: the first ``need`` in
        Tantivy's order and every hit tied with the last of them (ties break in Python);
        not ``exact``: every hit."""
        options: dict[str, Any] = {}
        if order is not None:
            options = {"order_by_field": order[0],
                       "order": tantivy.Order.Asc if order[1] else tantivy.Order.Desc}  # fmt: skip
        limit = max(need, 64)
        found: Any = self.searcher.search(ranked, limit=limit, **options)
        count = int(found.count)
        if not exact and count > limit:
            return self.searcher.search(ranked, limit=count, **options).hits, count
        while True:
            hits = found.hits
            if len(hits) < limit or len(hits) < need or hits[-1][0] != hits[need - 1][0]:
                return hits, count
            limit = min(count, limit * 4)
            if limit <= len(hits):
                return hits, count
            found = self.searcher.search(ranked, limit=limit, **options)

    def _from(self, sort: str, after: tuple[Any, ...]) -> tantivy.Query:
        """Hits at or beyond a cursor in its sort's first key."""
        s = self.schema
        if sort == "name":
            return Q.range_query(s, "n0", tantivy.FieldType.Unsigned, lower_bound=after[0])
        value = -after[0]
        if sort == "score":
            return Q.range_query(s, "score", tantivy.FieldType.Float, upper_bound=float(value))
        if sort == "adopters":
            if value < 0:
                return Q.empty_query()
            return Q.range_query(s, "adopters", tantivy.FieldType.Unsigned, upper_bound=int(value))
        return Q.range_query(s, "activity", tantivy.FieldType.Integer, upper_bound=int(value))

    def _after(self, cursor: Cursor) -> tuple[Any, ...]:
        """The cursor's keys as a row key (as the SQL path, a cursor it wrote works here)."""
        keys = list(cursor.keys)
        shapes = {"relevance": 4, "score": 3, "adopters": 3, "recent": 3, "name": 2}
        if len(keys) != shapes[cursor.sort] or not all(
            isinstance(k, int | float | str) and not isinstance(k, bool) for k in keys
        ):
            raise _not_ours()
        try:
            name, sid = str(keys[-2]), int(keys[-1])
            if not isinstance(keys[-2], str) or len(name) > 1000 or not 0 <= sid < 2**63:
                raise _not_ours()
            x, y = name_key(name)
            if cursor.sort == "relevance":
                return (-int(keys[0]), -_finite(keys[1]), x, y, sid)
            if cursor.sort == "name":
                return (x, y, sid)
            if cursor.sort == "recent":
                return (-date.fromisoformat(str(keys[0])[:10]).toordinal(), x, y, sid)
            return (-_finite(keys[0]), x, y, sid)
        except (TypeError, ValueError, OverflowError) as exc:
            raise _not_ours() from exc

    def _cursor_keys(self, sort: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """The SQL path's cursor keys for a row (the name read from the stored field)."""
        sid = row[-1]
        found = self.searcher.search(Q.term_query(self.schema, "sid", sid), limit=1).hits
        name = self.searcher.doc(found[0][1]).to_dict()["sort_name"][0] if found else ""
        if sort == "relevance":
            return (-row[0], -row[1], name, sid)
        if sort == "name":
            return (name, sid)
        if sort == "recent":
            day = max(-row[0], NO_DATE)
            return (date.fromordinal(day).isoformat(), name, sid)
        value = -row[0]
        return (value, name, sid)

    def _named(self, ids: list[int], matched: list[_Matched]) -> set[int]:
        if not ids or not matched:
            return set()
        q = _and([_any_term(self.schema, "sid", ids), *(m.named for m in matched)])
        found = self.searcher.search(q, limit=len(ids)).hits
        values: Any = self.searcher.fast_field_values("sid", [a for _, a in found])
        return {int(v) for v in values}

    # -- facets -----------------------------------------------------------------------
    def _terms(
        self, scope: tantivy.Query, names: list[str], *, special: bool = False
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet values of several facets over one scope, in one aggregation (``special``:
        with the adopter thresholds and recent activity)."""
        spec: dict[str, Any] = {
            n: {"terms": {"field": f"f_{n}", "size": _MAX_BUCKETS}} for n in names
        }
        if special:
            spec["adopters"] = {"terms": {"field": "adopters", "size": _MAX_BUCKETS}}
            spec["recent"] = {"range": {"field": "activity", "ranges": [{"from": self._cutoff()}]}}
        if not spec:
            return {}
        result = self.searcher.aggregate(scope, spec)
        out = {
            n: sorted(
                ((str(b["key"]), int(b["doc_count"])) for b in result[n]["buckets"]),
                key=lambda item: (-item[1], item[0]),
            )
            for n in names
        }
        if special:
            buckets = result["adopters"]["buckets"]
            by_count = [(int(b["key"]), int(b["doc_count"])) for b in buckets]
            total = sum(n for _, n in by_count)
            recent = sum(int(b["doc_count"]) for b in result["recent"]["buckets"] if "from" in b)
            out["adopters"] = [
                (str(t), sum(n for v, n in by_count if v >= t)) for t in ADOPTER_THRESHOLDS
            ]
            out["recent"] = [("true", recent), ("false", total - recent)]
        return out

    def _facets(
        self,
        query: SearchQuery,
        base: list[tantivy.Query],
        by_facet: dict[str, tantivy.Query],
        total: int,
    ) -> dict[str, Facet]:
        everything = _and([*base, *by_facet.values()])
        shared = [n for n in FACETS if n not in by_facet and n not in _SPECIAL]
        special = any(n not in by_facet for n in _SPECIAL)
        counts = self._terms(everything, shared, special=special)
        for name in by_facet:
            others = _and([*base, *(q for f, q in by_facet.items() if f != name)])
            if name in _SPECIAL:
                counts[name] = self._terms(others, [], special=True)[name]
            else:
                counts[name] = self._terms(others, [name])[name]
        out: dict[str, Facet] = {}
        for name in FACETS:
            chosen = query.selected(name)
            values = [FacetValue(v, n, v in chosen) for v, n in counts[name] if n or v in chosen]
            values += [FacetValue(v, 0, True) for v in chosen if v not in dict(counts[name])]
            out[name] = Facet(name, tuple(values))
        return out


def _finite(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _not_ours()
    return float(value)


def _not_ours() -> InvalidQuery:
    return InvalidQuery("page[after]", "not a cursor this API handed out")
