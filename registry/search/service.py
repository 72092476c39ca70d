"""``SearchService``: full text, facets with counts, sorting and pages on either database.

A query with words ranks by text relevance: per query word the inverse document frequency
(BM25's, over the whole index) times how the entry holds it (the word itself, one of its
synonyms, compound parts or prefix, and in the name), summed; the reuse score breaks ties.
When no entry holds every word, the entries holding some of them are shown, best first
(``SearchResult.relaxed``). With no hits at all the result carries "did you mean"
suggestions, the closest domains, the query with a word left out and the count without
the filters (``_help``). Inactive entries (invalid metadata) are found and marked, and
rank below every active one. Each hit on a page carries what its card shows: operating
offers, the last commit and the passage that matched, its words marked (``_snippet``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from registry.catalogue import models as m
from registry.db import utcnow
from registry.entries import vocab
from registry.organisations import Organisation, live_organisation
from registry.search._backends import full_text_for
from registry.search._engine import index_for
from registry.search._engine_search import EngineSearch as _EngineSearch
from registry.search._indexer import UNCOMMITTED
from registry.search._plan import MAX_GROUPS, Alternative, Group, corrected, plan
from registry.search._query import ADOPTER_THRESHOLDS, FACETS, MULTI, Cursor, SearchQuery
from registry.search._rank import _ACTIVE, _SCALE, RECENT_DAYS, Matched
from registry.search._result import Facet, FacetValue, Offer, Retry, SearchHit, SearchResult
from registry.search._snippet import Snippet, best_snippet
from registry.search._suggest import did_you_mean, one_edit, vocabulary
from registry.search._text import fold, split_compound, stems
from registry.search.errors import InvalidQuery
from registry.search.models import SearchDocument as D
from registry.search.models import SearchFacet as F

__all__ = ["RECENT_DAYS", "SearchService"]

_NO_SCORE = -1.0
_NO_DATE = date(1, 1, 1)


_Matched = Matched[ColumnElement[bool]]


class SearchService:
    """Searches the index. Built with a session; reads only, never commits.

    ``SearchService(session).search(SearchQuery(q="Abfall", domain=("environment",)))``
    ``now`` decides what "recently active" means (pass it in tests).
    """

    def __init__(self, session: Session, *, now: datetime | None = None) -> None:
        self.db = session
        self.now = now or utcnow()
        self.dialect = session.get_bind().dialect.name
        self.full_text = full_text_for(self.dialect)

    # -- public verbs -----------------------------------------------------------------
    def search(
        self,
        query: SearchQuery,
        *,
        with_facets: bool = True,
        passages: Sequence[str] | None = None,
    ) -> SearchResult:
        """One page of hits for ``query``, the total, and (by default) every facet.

        Each hit carries the passage that matched (``SearchHit.snippets``) in every
        language (``passages=None``), in the first of ``passages`` it has a description in
        (a page: the reader's language, then English, German), or in none (``()``: the
        API, which does not show them). Through the engine's index when the session's
        database has one attached and this transaction changed nothing searchable;
        otherwise through the SQL index, which also sees this transaction's own
        uncommitted changes."""
        self.db.flush()  # pending changes reach the index before it is read
        index = None if self.db.info.get(UNCOMMITTED) else index_for(self.db.get_bind())
        if index is not None:
            index.catch_up()
            return _EngineSearch(self, index).search(
                query, with_facets=with_facets, passages=passages
            )
        return self.search_sql(query, with_facets=with_facets, passages=passages)

    def search_sql(
        self,
        query: SearchQuery,
        *,
        with_facets: bool = True,
        passages: Sequence[str] | None = None,
    ) -> SearchResult:
        """``search`` through the SQL index (FTS5 or ``tsvector``) alone."""
        self.db.flush()
        self.full_text.prepare(self.db)
        groups, idf = self._typos(plan(query.q))
        matched = [_Matched.of(self.full_text.any_of, group) for group in groups]
        text = self._text_condition(query, matched, every=True)
        base, by_facet = self._conditions(query, text)
        everything = [*base, *(c for conds in by_facet.values() for c in conds)]
        total, counted = self._summary(everything)
        relaxed = total == 0 and len(matched) > 1
        if relaxed:  # no entry holds every word: those holding some, best first
            base, by_facet = self._conditions(query, self._text_condition(query, matched))
            everything = [*base, *(c for conds in by_facet.values() for c in conds)]
            total, counted = self._summary(everything)
        keys = self._sort_keys(query, matched, idf)
        ranked = sa.select(D.solution_id, *(k for k, _ in keys)).where(*everything)
        page_rows = self._page(query, ranked, keys)
        page_ids = [row[0] for row in page_rows]
        named = self._name_matches(page_ids, matched)
        hits = self._hits(page_ids, named, groups, passages)
        next_cursor = None
        if len(page_rows) > query.size:
            page_rows = page_rows[: query.size]
            hits = hits[: query.size]
            last = page_rows[-1]
            next_cursor = Cursor(query.sort, (*_plain(last[1:]), last[0])).encode()
        facets = self._facets(query, base, by_facet, counted) if with_facets else {}
        helps = self._help(query) if total == 0 else {}
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

    def _help(self, query: SearchQuery) -> dict[str, Any]:
        """For a search without hits: the query spelt as the catalogue spells it, the
        domains closest to it, the query with a word left out and without the filters
        (each only where it finds something)."""
        words = [w for w in _WORD.findall(query.q) if stems(w)][:MAX_GROUPS]
        suggestions = did_you_mean(query.q, vocabulary(self.db)) if words else ()
        filtered = query.to_params() != SearchQuery(q=query.q).to_params()
        plain = SearchQuery(q=query.q, inactive=query.inactive)
        fewer: list[Retry] = []
        for i in range(len(words) if len(words) > 1 else 0):
            shorter = " ".join(words[:i] + words[i + 1 :])
            n = self._total(query.replace(q=shorter))
            if n:
                fewer.append(Retry(shorter, n, keeps_filters=True))
            elif filtered and (n := self._total(plain.replace(q=shorter))):
                fewer.append(Retry(shorter, n, keeps_filters=False))
        domains, close = self._closest_domains(words, suggestions)
        return {
            "suggestions": suggestions,
            "domains": domains,
            "domains_close": close,
            "fewer_words": tuple(fewer),
            "unfiltered": self._total(plain) if filtered and words else 0,
        }

    def _total(self, query: SearchQuery) -> int:
        """How many hits ``query`` finds (every word, else some), facets not counted."""
        groups, _ = self._typos(plan(query.q))
        matched = [_Matched.of(self.full_text.any_of, group) for group in groups]
        for every in (True, False):
            base, by_facet = self._conditions(
                query, self._text_condition(query, matched, every=every)
            )
            conditions = [*base, *(c for conds in by_facet.values() for c in conds)]
            total = int(self.db.scalar(sa.select(sa.func.count()).where(*conditions)) or 0)
            if total or len(matched) < 2:
                return total
        return 0

    def _closest_domains(
        self, words: list[str], suggestions: tuple[str, ...]
    ) -> tuple[tuple[tuple[str, int], ...], bool]:
        """Domains whose name is near a query word, then those of entries holding a part
        of one (a compound's part, a suggested word); every domain when none is."""
        every = self._count_many(["domain"], sa.select(D.solution_id))["domain"]
        named = {key for key in vocab.DOMAINS if any(_near(w, key) for w in words)}
        terms: set[str] = set()
        for word in [*words, *(w for s in suggestions for w in _WORD.findall(s))]:
            terms.update(stems(word))
            for part in split_compound(word):
                terms.update(stems(part))
        held: dict[str, int] = {}
        if terms:
            loose = self.full_text.any_of([Alternative(((t,),)) for t in sorted(terms)])
            scope = sa.select(D.solution_id).where(loose, D.active.is_(True))
            held = dict(self._count_many(["domain"], scope)["domain"])
        counts = dict(every)
        close = [(k, counts.get(k, 0)) for k, _ in every if k in named]
        close += [(k, counts[k]) for k in sorted(held, key=lambda k: -held[k]) if k not in named]
        close += [(k, 0) for k in sorted(named - set(counts))]
        if not close:
            return tuple(every), False
        return tuple(close[:_CLOSE_DOMAINS]), True

    def alternatives(self) -> list[tuple[str, int]]:
        """Proprietary products entries declare to replace, with how many do (by name)."""
        rows = self.db.execute(
            sa.select(F.value, sa.func.count(sa.distinct(F.solution_id)))
            .join(D, D.solution_id == F.solution_id)
            .where(F.facet == "alternative", D.active.is_(True))
            .group_by(F.value)
        )
        return sorted(((v, n) for v, n in rows), key=lambda item: (fold(item[0]), item[0]))

    # -- conditions -------------------------------------------------------------------
    @staticmethod
    def _text_condition(
        query: SearchQuery, matched: list[_Matched], *, every: bool = False
    ) -> ColumnElement[bool] | None:
        """Every query group held (or, relaxed, any); None without words to search."""
        if matched:
            held = [g.holds for g in matched]
            return sa.and_(*held) if every else sa.or_(*held)
        if query.q.strip():
            return sa.false()  # only stopwords or punctuation: nothing to match
        return None

    def _conditions(
        self, query: SearchQuery, text: ColumnElement[bool] | None
    ) -> tuple[list[ColumnElement[bool]], dict[str, list[ColumnElement[bool]]]]:
        base: list[ColumnElement[bool]] = []
        if not query.inactive:
            base.append(D.active.is_(True))
        if text is not None:
            base.append(text)
        if query.alternative_to:
            base.append(_has_facet("alternative", self.alternative_names(query.alternative_to)))
        if query.like:
            base.append(D.solution_id.in_(self.like(query.like)))
        by_facet: dict[str, list[ColumnElement[bool]]] = {}
        for name in MULTI:
            values = getattr(query, name)
            if values:
                by_facet[name] = [_has_facet(name, values)]
        if query.osi is not None:
            by_facet["osi"] = [_has_facet("osi", ("true" if query.osi else "false",))]
        if query.adopters is not None:
            by_facet["adopters"] = [D.verified_adopters >= query.adopters]
        if query.recent is not None:
            recent = self._recent()
            by_facet["recent"] = [recent if query.recent else sa.not_(recent)]
        return base, by_facet

    def _recent(self) -> ColumnElement[bool]:
        cutoff = (self.now - timedelta(days=RECENT_DAYS)).date()
        return sa.func.coalesce(D.last_activity, sa.literal(_NO_DATE, sa.Date)) >= sa.literal(
            cutoff, sa.Date
        )

    def alternative_names(self, product: str) -> tuple[str, ...]:
        """The declared alternatives whose name holds ``product`` (case and accents aside)."""
        wanted = fold(product).strip()
        names = self.db.scalars(sa.select(F.value).where(F.facet == "alternative").distinct())
        return tuple(name for name in names if wanted and wanted in fold(name))

    def like(self, slug: str) -> sa.Select[int]:
        """Adopted by organisations of the same kind and of a similar size (½× to 2×)."""
        org = live_organisation(self.db, slug)
        if org is None:
            raise InvalidQuery("like", f"no organisation with the slug {slug!r}")
        peers = sa.select(Organisation.id).where(
            Organisation.kind == org.kind,
            Organisation.id != org.id,
            Organisation.live(),
        )
        if org.population:
            peers = peers.where(
                Organisation.population.between(org.population // 2, org.population * 2)
            )
        return sa.select(m.Adoption.solution_id).where(m.Adoption.organisation_id.in_(peers))

    # -- order and pages --------------------------------------------------------------
    def _sort_keys(
        self, query: SearchQuery, matched: list[_Matched], idf: list[float]
    ) -> list[tuple[Any, bool]]:
        """(expression, descending) pairs; the solution id breaks the last tie."""
        name = D.sort_name.collate("C") if self.dialect == "postgresql" else D.sort_name
        score = sa.func.coalesce(D.score, _NO_SCORE)
        activity = sa.func.coalesce(D.last_activity, sa.literal(_NO_DATE, sa.Date))
        keys: dict[str, list[tuple[Any, bool]]] = {
            "score": [(score, True), (name, False)],
            "adopters": [(D.verified_adopters, True), (name, False)],
            "recent": [(activity, True), (name, False)],
            "name": [(name, False)],
        }
        if query.sort == "relevance":
            return [(self._relevance(matched, idf), True), (score, True), (name, False)]
        return keys[query.sort]

    def _relevance(self, matched: list[_Matched], idfs: list[float]) -> ColumnElement[Any]:
        """Active entries first, then the summed weight of the query words each holds."""
        weights: list[ColumnElement[Any]] = [sa.case((D.active.is_(True), _ACTIVE), else_=0)]
        for match, idf in zip(matched, idfs, strict=True):
            for held, weight in match.weighted():
                weights.append(sa.case((held, round(_SCALE * idf * weight)), else_=0))
        total = weights[0]
        for term in weights[1:]:
            total = total + term
        return total.label("relevance")

    def _typos(self, groups: tuple[Group, ...]) -> tuple[list[Group], list[float]]:
        """The groups, each word that finds nothing also searched as the catalogue's words
        one edit from it; and each group's BM25 inverse document frequency."""
        n, found = self._frequencies(groups)
        out = list(groups)
        wrong = [i for i, df in enumerate(found) if df == 0 and " " not in groups[i].text]
        if wrong:
            words = vocabulary(self.db)
            for i in wrong:
                out[i] = corrected(groups[i], one_edit(groups[i].text, words))
            fixed = [i for i in wrong if out[i] != groups[i]]
            for i, df in zip(fixed, self._frequencies([out[i] for i in fixed])[1], strict=True):
                found[i] = df
        return out, [math.log(1 + (n - df + 0.5) / (df + 0.5)) for df in found]

    def _frequencies(self, groups: Sequence[Group]) -> tuple[int, list[int]]:
        """The number of documents, and of those holding each group, in one statement."""
        if not groups:
            return 0, []
        counts = self.db.execute(
            sa.select(
                sa.select(sa.func.count()).select_from(D).scalar_subquery(),
                *(
                    sa.select(sa.func.count())
                    .select_from(D)
                    .where(self.full_text.any_of(g.alternatives))
                    .scalar_subquery()
                    for g in groups
                ),
            )
        ).one()
        return int(counts[0]), [int(df) for df in counts[1:]]

    def _page(
        self,
        query: SearchQuery,
        ranked: sa.Select[Any],
        keys: list[tuple[Any, bool]],
    ) -> list[sa.Row[Any]]:
        order = [k.desc() if desc else k.asc() for k, desc in keys]
        statement = ranked.order_by(*order, D.solution_id.asc()).limit(query.size + 1)
        if query.after is not None:
            statement = statement.where(self._after(query.after, keys))
        else:
            statement = statement.offset((query.page - 1) * query.size)
        return list(self.db.execute(statement))

    def _after(self, cursor: Cursor, keys: list[tuple[Any, bool]]) -> ColumnElement[bool]:
        """Rows after the cursor in (keys…, id) order, with mixed directions."""
        columns: list[tuple[Any, bool]] = [*keys, (D.solution_id, False)]
        if len(cursor.keys) != len(columns):
            raise InvalidQuery("page[after]", "not a cursor this API handed out")
        values = [_typed(v, column) for v, (column, _) in zip(cursor.keys, columns, strict=True)]
        alternatives = []
        for i, (column, desc) in enumerate(columns):
            equal = [c == v for (c, _), v in zip(columns[:i], values[:i], strict=True)]
            beyond = column < values[i] if desc else column > values[i]
            alternatives.append(sa.and_(*equal, beyond))
        return sa.or_(*alternatives)

    # -- hits and facets --------------------------------------------------------------
    def _hits(
        self,
        ids: list[int],
        named: set[int],
        groups: Sequence[Group] = (),
        passages: Sequence[str] | None = None,
    ) -> list[SearchHit]:
        if not ids:
            return []
        publisher = Organisation.__table__.alias("publisher")
        rows = self.db.execute(
            sa.select(
                D,
                m.Solution.slug,
                m.Solution.name,
                m.Solution.licence,
                m.Solution.development_status,
                m.Solution.maintenance_type,
                publisher.c.slug,
                publisher.c.name,
            )
            .join(m.Solution, m.Solution.id == D.solution_id)
            .outerjoin(publisher, publisher.c.id == m.Solution.publisher_id)
            .where(D.solution_id.in_(ids))
        ).all()
        facets: dict[int, dict[str, list[str]]] = {i: {} for i in ids}
        for sid, facet, value in self.db.execute(
            sa.select(F.solution_id, F.facet, F.value)
            .where(F.solution_id.in_(ids), F.facet.in_(("domain", "level", "silo")))
            .order_by(F.value)
        ):
            facets[sid].setdefault(facet, []).append(value)
        texts, snippets = self._texts(ids, groups if passages != () else (), passages)
        offers, commits = self._offers(ids), self._last_commits(ids)
        by_id = {
            row[0].solution_id: replace(
                _hit(row, facets, texts, named),
                offers=tuple(offers.get(row[0].solution_id, ())),
                last_commit=commits.get(row[0].solution_id),
                snippets=snippets.get(row[0].solution_id, {}),
            )
            for row in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def _texts(
        self, ids: list[int], groups: Sequence[Group], languages: Sequence[str] | None = None
    ) -> tuple[dict[int, dict[str, str]], dict[int, dict[str, Snippet]]]:
        """Each hit's short descriptions, and the passages of its texts that matched (in
        the first of ``languages`` it has a description in; None: in every language)."""
        t = m.SolutionText
        shorts: dict[int, dict[str, str]] = {i: {} for i in ids}
        sources: dict[int, list[tuple[str, str, str]]] = {i: [] for i in ids}
        long_text = t.long_description if groups else sa.null()
        for sid, lang, short, features, long in self.db.execute(
            sa.select(t.solution_id, t.lang, t.short_description, t.features, long_text)
            .where(t.solution_id.in_(ids))
            .order_by(t.solution_id, t.lang)
        ):
            if short:
                shorts[sid][lang] = short
                sources[sid].append((lang, "short", short))
            if features:  # one passage over all of them: the window shows the matched ones
                sources[sid].append((lang, "feature", " · ".join(str(f) for f in features)))
            if long:
                sources[sid].append((lang, "long", long))
        snippets: dict[int, dict[str, Snippet]] = {}
        for sid, found in sources.items():
            scanned = found
            if languages is not None and found:
                have = [*shorts[sid], *(lang for lang, _, _ in found)]
                lang = next((c for c in languages if c in shorts[sid]), have[0])
                scanned = [source for source in found if source[0] == lang]
            snippets[sid] = best_snippet(scanned, groups)
        return shorts, snippets

    def _offers(self, ids: list[int]) -> dict[int, list[Offer]]:
        """Operation and support offers of the hits, named providers first."""
        o = m.OperatingOffer
        rows = self.db.execute(
            sa.select(
                o.solution_id,
                o.kind,
                o.provider_name,
                o.region,
                Organisation.name,
                Organisation.slug,
            )
            .outerjoin(Organisation, Organisation.id == o.provider_id)
            .where(o.solution_id.in_(ids))
            .order_by(o.solution_id, o.id)
        )
        found: dict[int, list[Offer]] = {}
        for sid, kind, provider_name, region, org_name, org_slug in rows:
            offer = Offer(kind, org_name or provider_name, org_slug, region)
            found.setdefault(sid, []).append(offer)
        for offers in found.values():
            offers.sort(key=lambda offer: offer.provider is None)
        return found

    def _last_commits(self, ids: list[int]) -> dict[int, date]:
        r = m.Repository
        rows = self.db.execute(
            sa.select(r.solution_id, sa.func.max(r.last_commit_at))
            .where(r.solution_id.in_(ids), r.last_commit_at.is_not(None))
            .group_by(r.solution_id)
        )
        return {sid: _as_date(at) for sid, at in rows if at is not None}

    def _name_matches(self, ids: list[int], matched: list[_Matched]) -> set[int]:
        if not matched:
            return set()
        return set(
            self.db.scalars(
                sa.select(D.solution_id).where(D.solution_id.in_(ids), *(m.named for m in matched))
            )
        )

    def _summary(
        self, everything: list[ColumnElement[bool]]
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """The total and the rule-counted facets over the hits, in one pass.

        The full-text match is the expensive part on a large catalogue; counting hits,
        adopter thresholds and recent activity together runs it once instead of three times.
        """
        recent = self._recent()
        row = self.db.execute(
            sa.select(
                sa.func.count(),
                *(_sum_if(D.verified_adopters >= t) for t in ADOPTER_THRESHOLDS),
                _sum_if(recent),
            ).where(*everything)
        ).one()
        total = int(row[0])
        adopters = [(str(t), int(n)) for t, n in zip(ADOPTER_THRESHOLDS, row[1:-1], strict=True)]
        return total, {
            "adopters": adopters,
            "recent": [("true", int(row[-1])), ("false", total - int(row[-1]))],
        }

    def _facets(
        self,
        query: SearchQuery,
        base: list[ColumnElement[bool]],
        by_facet: dict[str, list[ColumnElement[bool]]],
        counted: dict[str, list[tuple[str, int]]],
    ) -> dict[str, Facet]:
        out: dict[str, Facet] = {}
        # Facets with no value chosen all count over the same hits (every filter applies):
        # their plain values come from one grouped query, so the full-text match runs
        # once instead of once per facet (it dominates on large catalogues).
        everything = [c for conds in by_facet.values() for c in conds]
        shared = [n for n in FACETS if n not in by_facet and n not in SPECIAL_FACETS]
        shared_counts = self._count_many(shared, sa.select(D.solution_id).where(*base, *everything))
        shared_counts |= {n: c for n, c in counted.items() if n not in by_facet}
        for name in FACETS:
            if name in shared_counts:
                counts = shared_counts[name]
            else:
                others = [c for facet, conds in by_facet.items() if facet != name for c in conds]
                counts = self._count(name, [*base, *others])
            chosen = query.selected(name)
            values = [FacetValue(v, n, v in chosen) for v, n in counts if n or v in chosen]
            values += [FacetValue(v, 0, True) for v in chosen if v not in dict(counts)]
            out[name] = Facet(name, tuple(values))
        return out

    def _count_many(
        self, names: list[str], scope: sa.Select[Any]
    ) -> dict[str, list[tuple[str, int]]]:
        """Plain facet values of several facets over one scope, in one query."""
        found: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        if not names:
            return found
        # (solution_id, facet, value) is unique, so count(*) counts solutions: a hash
        # aggregate instead of the sort count(DISTINCT) needs (seconds at 100,000 on PG).
        rows = self.db.execute(
            sa.select(F.facet, F.value, sa.func.count())
            .where(F.facet.in_(names), F.solution_id.in_(scope))
            .group_by(F.facet, F.value)
        )
        for facet, value, n in rows:
            found[str(facet)].append((str(value), int(n)))
        return {
            name: sorted(values, key=lambda item: (-item[1], item[0]))
            for name, values in found.items()
        }

    def _count(self, name: str, conditions: list[ColumnElement[bool]]) -> list[tuple[str, int]]:
        """One facet's values over the hits of ``conditions`` (its own filter left out)."""
        if name in SPECIAL_FACETS:
            return self._summary(conditions)[1][name]
        return self._count_many([name], sa.select(D.solution_id).where(*conditions))[name]


#: Facets counted by their own rule (thresholds, a date window), not from ``search_facet``.
SPECIAL_FACETS = frozenset({"adopters", "recent"})


def _sum_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _has_facet(name: str, values: tuple[str, ...]) -> ColumnElement[bool]:
    chosen = sa.select(F.solution_id).where(F.facet == name, F.value.in_(values))
    return D.solution_id.in_(chosen)


def _plain(values: Any) -> list[Any]:
    return [v.isoformat() if isinstance(v, date) else v for v in values]


_INT64: Final = (-(2**63), 2**63 - 1)
_MAX_KEY_TEXT: Final = 1000


def _typed(value: Any, column: ColumnElement[Any]) -> Any:
    """A cursor value back in the column's type (dates travel as ISO text).

    A cursor is client input: a value of the wrong type, out of the column's range or not
    finite would reach the database (PostgreSQL refuses it with an error, not a 400).
    """
    kind = column.type
    if isinstance(kind, sa.Date):
        try:
            return sa.literal(date.fromisoformat(value[:10]), sa.Date)
        except (TypeError, ValueError) as exc:
            raise _not_ours() from exc
    if isinstance(kind, sa.String) or (
        isinstance(value, str) and isinstance(kind, sa.types.NullType)
    ):
        if not isinstance(value, str) or len(value) > _MAX_KEY_TEXT:
            raise _not_ours()
        return value
    return _number(value, integer=isinstance(kind, sa.Integer))


def _number(value: Any, *, integer: bool) -> int | float:
    """A finite number (an int within 64 bits where the column holds integers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _not_ours()
    if isinstance(value, int) and _INT64[0] <= value <= _INT64[1]:
        return value
    if not integer and isinstance(value, float) and math.isfinite(value):
        return value
    raise _not_ours()


def _not_ours() -> InvalidQuery:
    return InvalidQuery("page[after]", "not a cursor this API handed out")


#: Domains shown as close to a query that found nothing.
_CLOSE_DOMAINS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def _near(word: str, domain: str) -> bool:
    """Whether a query word is near a domain's German or English name: one begins with
    the other, or they are spelt almost alike (``Umweltschutz`` -> Umwelt)."""
    typed = fold(word)
    if len(typed) < 4:
        return False
    for name in vocab.DOMAINS[domain]:
        for part in _WORD.findall(fold(name)):
            if len(part) < 4:
                continue
            if typed.startswith(part) or part.startswith(typed):
                return True
            if difflib.SequenceMatcher(None, typed, part).ratio() >= 0.8:
                return True
    return False


def _as_date(value: Any) -> date:
    """A timestamp as its day (SQLite hands aggregates back as text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _hit(
    row: Any,
    facets: dict[int, dict[str, list[str]]],
    texts: dict[int, dict[str, str]],
    named: set[int],
) -> SearchHit:
    doc: D = row[0]
    sid = doc.solution_id
    own = facets[sid]
    return SearchHit(
        id=sid,
        slug=row[1],
        name=row[2],
        active=doc.active,
        publisher_slug=row[6],
        publisher_name=row[7],
        licence=row[3],
        development_status=row[4],
        maintenance_type=row[5],
        domains=tuple(own.get("domain", ())),
        descriptions=texts[sid],
        verified_adopters=doc.verified_adopters,
        score=doc.score,
        level=_first(own.get("level")),
        silo=_first(own.get("silo")),
        last_activity=doc.last_activity,
        updated_at=doc.updated_at,
        name_match=sid in named,
    )
