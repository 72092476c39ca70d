"""Identify the licence(s) a file's text grants, by similarity to the reference texts.

The comparison works on word pairs (bigrams) of normalised text, as askalono does:
re-wrapping, Markdown and copyright lines vanish in normalisation, while the order of
words still tells BSD-2-Clause from BSD-3-Clause. Two scores decide:

* ``dice``: how alike the whole file and a reference are (``2·|A∩B| / (|A|+|B|)``);
* ``coverage``: how much of a reference the file contains (``|A∩B| / |B|``), which
  finds a licence inside a longer file (a preamble, two licences in one file).

A licence merely *named* in another licence's text (EUPL-1.2's appendix lists GPL,
MPL, EPL …) contributes a few word pairs, never the reference's body, so it is not
reported. A file holding nothing but an expression is reported as that expression.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from registry.licensing.corpus import ReferenceText, reference_texts
from registry.licensing.expressions import is_expression_only
from registry.licensing.memo import AnswerMemo
from registry.licensing.normalise import bigrams, normalise_text

__all__ = [
    "DEFAULT_THRESHOLD",
    "Identification",
    "TextMatch",
    "identify_licence_text",
]

#: Whole-text similarity needed to name a licence (askalono's CLI uses 0.8, its library 0.9).
DEFAULT_THRESHOLD = 0.85
#: Share of a reference a longer file must contain to count it as present.
_COVERAGE = 0.95
#: References shorter than this many word pairs are too generic to be found by coverage.
_MIN_PAIRS_FOR_COVERAGE = 40
#: A further licence must account for this share of its word pairs not matched already.
_NOVEL = 0.4


@dataclass(frozen=True, slots=True)
class TextMatch:
    """One licence found in a text, with how sure the match is."""

    spdx_id: str
    dice: float
    coverage: float


@dataclass(frozen=True, slots=True)
class Identification:
    """What a file says about licensing.

    ``kind`` is ``expression`` (the file is only an SPDX expression), ``text`` (one or
    more licence texts matched), ``unknown`` (licence-like text, no match) or ``empty``.
    """

    kind: str
    expression: str | None = None
    matches: tuple[TextMatch, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The SPDX identifiers found, best match first."""
        return tuple(match.spdx_id for match in self.matches)


def _score(pairs: frozenset[tuple[str, str]], ref: ReferenceText) -> TextMatch | None:
    size = len(ref.pairs)
    # Neither score can reach its bar when the reference is much longer than the file.
    if size * _COVERAGE > len(pairs) + 10 and size > len(pairs) * 1.4 + 10:
        return None
    common = len(pairs & ref.pairs)
    dice = 2 * common / (len(pairs) + size)
    return TextMatch(ref.spdx_id, round(dice, 4), round(common / size, 4))


def _rank(item: tuple[TextMatch, ReferenceText]) -> tuple[float, bool, int]:
    match, ref = item
    # Identical texts (gpl-3.0 / gpl-3.0-plus) tie; the bare text does not say "or later".
    return (-match.dice, ref.key.endswith("-plus"), len(ref.key))


def identify_licence_text(text: str, *, threshold: float = DEFAULT_THRESHOLD) -> Identification:
    """Name the licences in ``text``.

    >>> identify_licence_text("MIT OR EUPL-1.1").expression
    'MIT OR EUPL-1.1'
    """
    expression = is_expression_only(text)
    if expression is not None:
        return Identification("expression", expression=expression)
    words = normalise_text(text).split()
    if len(words) < 8:
        return Identification("empty")
    key = hashlib.sha256(f"{threshold}\n{' '.join(words)}".encode()).hexdigest()
    if (known := _MEMO.get(key)) is not None:
        kind, expression, found = known
        return Identification(kind, expression, tuple(TextMatch(*match) for match in found))
    answer = _identify(words, threshold)
    _MEMO.put(key, (answer.kind, answer.expression, tuple(
        (m.spdx_id, m.dice, m.coverage) for m in answer.matches
    )))  # fmt: skip
    return answer


#: Answers already worked out, on disk: most repositories carry one of a few dozen
#: standard texts (copyright lines vanish in normalisation), so a later import of the
#: same text needs neither the reference texts (7 MB) nor the comparison.
_MEMO = AnswerMemo("licence-answers-", (Path(__file__).resolve().parent / "identify.py",))


def _identify(words: list[str], threshold: float) -> Identification:
    pairs = bigrams(words)
    scored = [
        (match, ref) for ref in reference_texts() if (match := _score(pairs, ref)) is not None
    ]
    hits = [
        item
        for item in scored
        if item[0].dice >= threshold
        or (item[0].coverage >= _COVERAGE and len(item[1].pairs) >= _MIN_PAIRS_FOR_COVERAGE)
    ]
    if not hits:
        return Identification("unknown")
    hits.sort(key=_rank)
    first = hits[0]
    rest = sorted(hits[1:], key=lambda item: (-item[0].coverage, -len(item[1].pairs)))
    accepted = [first]
    explained = pairs & first[1].pairs
    for match, ref in rest:
        if match.dice >= threshold and match.dice < first[0].dice:
            continue  # a near variant of the best match, not a second licence
        found = pairs & ref.pairs
        # A variant of an accepted licence adds next to no word pairs of its own.
        if len(found - explained) >= _NOVEL * len(ref.pairs):
            accepted.append((match, ref))
            explained |= found
    matches = tuple(match for match, _ in accepted)
    ids = list(dict.fromkeys(match.spdx_id for match in matches))
    return Identification("text", expression=ids[0] if len(ids) == 1 else None, matches=matches)
