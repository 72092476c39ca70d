"""Combine licence findings into the licence the repository shows, and its conflicts.

The texts (root licence files, ``LICENSES/``) say *which* licences apply; they do not
say how several combine, nor whether a GNU licence is "only" or "or later". Both come
from what the project states:

* **OR or AND**: the first statement whose licences are the texts' licences gives the
  expression as written (a licence file holding ``MIT OR EUPL-1.1``, the preamble of a
  licence file, publiccode.yml, a manifest field, the README, REUSE data, headers).
  Without one, AND is used only where the texts are separate parts (a REUSE layout);
  otherwise too, since claiming a choice nobody offered would be worse.
* **-only or -or-later**, per GNU licence: the first group of statements that speaks
  decides (the project's SPDX declarations, then the SPDX headers and GNU notices of
  its files by count, then prose such as README or ``GPLv3+`` classifiers, which can
  only say "or later"); the bare text is read as ``-only``.

A conflict is a statement about the project's own licence that the texts contradict
(licence families compared, so ``GPL-3.0-only`` and ``-or-later`` never conflict).
Without texts, statements that contradict each other conflict, once per pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from registry.facts import LicenceDisagreement, LicenceFacts, LicenceFinding
from registry.licensing import (
    CORPUS_NAME,
    corpus_version,
    licence_family,
    licence_ids,
    normalise_expression,
)

__all__ = ["build_licence_facts"]

_TEXT_SOURCES = ("licence-file", "licenses-dir")
_DECLARED_ORDER = ("publiccode", "manifest", "readme", "licence-file")
#: Statements that may say how texts combine, most authoritative first.
_STRUCTURE_ORDER = ("licence-file", "publiccode", "manifest", "readme", "reuse-toml", "dep5")
_SPDX_SOURCES = ("publiccode", "manifest", "licence-file")
_PART_SOURCES = ("spdx-header", "reuse-toml", "dep5", "licenses-dir")
_VARIANT = re.compile(r"^(?P<family>.+?)(?P<suffix>-only|-or-later|\+)$")


def _families(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(licence_family(i) for i in ids)


def _rank(finding: LicenceFinding, order: tuple[str, ...]) -> tuple[int, int, int]:
    source = order.index(finding.source) if finding.source in order else len(order)
    return (source, finding.path.count("/"), 0 if finding.method != "classifier" else 1)


def _votes(family: str, finding: LicenceFinding) -> list[str]:
    """The variants (``-only``/``-or-later``) a finding states for ``family``."""
    found = []
    for licence in finding.ids:
        match = _VARIANT.match(licence)
        if match is None or match.group("family") != family:
            continue
        later = match.group("suffix") in ("-or-later", "+")
        if later or _explicit_only(finding, family):
            found.append("-or-later" if later else "-only")
    return found


def _explicit_only(finding: LicenceFinding, family: str) -> bool:
    """A name in prose ("GPL v3") or a bare text never says "only"; SPDX ids and notices do."""
    if finding.source in ("spdx-header", "reuse-toml", "dep5"):
        return True
    if finding.source in _SPDX_SOURCES and finding.method in ("field", "expression"):
        return f"{family}-only".lower() in (finding.raw or finding.expression or "").lower()
    return False


def _weight(finding: LicenceFinding) -> int:
    count = re.match(r"(\d+) files", finding.raw or "") if finding.source == "spdx-header" else None
    return int(count.group(1)) if count else 1


def _variant(family: str, statements: list[LicenceFinding]) -> str | None:
    groups = (
        [f for f in statements if f.source in _SPDX_SOURCES and f.method != "classifier"],
        [f for f in statements if f.source in _PART_SOURCES],
        [f for f in statements if f.level == "declared"],
    )
    for group in groups:
        tally: Counter[str] = Counter()
        for finding in group:
            for vote in _votes(family, finding):
                tally[vote] += _weight(finding)
        if tally:
            (best, count), *rest = tally.most_common()
            return best if not rest or rest[0][1] < count else "-or-later"
    return None


def _with_variants(expression: str, statements: list[LicenceFinding]) -> str:
    """``expression`` with each GNU licence's variant taken from what the project states."""
    result = expression
    for licence in sorted(licence_ids(expression)):
        match = _VARIANT.match(licence)
        if match is None:
            continue
        family = match.group("family")
        variant = _variant(family, statements)
        if variant is None or licence.endswith(variant):
            continue
        # "EUPL-1.1+" has no -or-later id; the GNU licences have both forms.
        wanted = normalise_expression(family + ("+" if variant == "-or-later" else "-only"))
        if wanted:
            result = re.sub(rf"(?<![\w.\-+]){re.escape(licence)}(?![\w.\-+])", wanted, result)
    return normalise_expression(result) or expression


def _detected_expression(
    texts: list[LicenceFinding], statements: list[LicenceFinding]
) -> str | None:
    ids = list(dict.fromkeys(i for f in texts for i in f.ids))
    if not ids:
        return None
    families = _families(ids)
    ordered = sorted(statements, key=lambda f: _rank(f, _STRUCTURE_ORDER))
    structure = next(
        (f.expression for f in ordered if f.expression and _families(f.ids) == families), None
    )
    if structure is None:
        structure = normalise_expression(" AND ".join(sorted(ids))) if len(ids) > 1 else ids[0]
    return _with_variants(structure, statements) if structure else None


def _said(finding: LicenceFinding) -> str:
    """What a statement says, as shown: its expression, else its own words."""
    if finding.expression and not finding.expression.startswith("LicenseRef-proprietary"):
        return finding.expression
    return finding.raw or finding.expression or " ".join(finding.ids)


def _against_texts(
    texts: list[LicenceFinding], declared: list[LicenceFinding], detected: str | None
) -> list[LicenceDisagreement]:
    families = _families(i for f in texts for i in f.ids)
    paths = tuple(dict.fromkeys(f.path for f in texts))
    ids = tuple(sorted({i for f in texts for i in f.ids}))
    out: dict[tuple[str, str], LicenceDisagreement] = {}
    for finding in declared:
        if finding.ids and not _families(finding.ids) <= families:
            said = _said(finding)
            out.setdefault(
                (finding.path, said),
                LicenceDisagreement(
                    finding.path,
                    said,
                    paths,
                    ids,
                    "declared licence differs from the licence texts",
                    detected,
                ),
            )
    return list(out.values())


def _between(declared: list[LicenceFinding]) -> list[LicenceDisagreement]:
    out: dict[frozenset[tuple[str, str]], LicenceDisagreement] = {}
    for index, one in enumerate(declared):
        for other in declared[index + 1 :]:
            a, b = _families(one.ids), _families(other.ids)
            if not one.ids or not other.ids or a <= b or b <= a:
                continue
            key = frozenset({(one.path, _said(one)), (other.path, _said(other))})
            out.setdefault(
                key,
                LicenceDisagreement(
                    one.path,
                    _said(one),
                    (other.path,),
                    other.ids,
                    "declarations name different licences",
                    _said(other),
                ),
            )
    return list(out.values())


def _declared(declared: list[LicenceFinding]) -> LicenceFinding | None:
    ordered = sorted(
        (f for f in declared if f.expression and f.source in _DECLARED_ORDER),
        key=lambda f: _rank(f, _DECLARED_ORDER),
    )
    return ordered[0] if ordered else None


def build_licence_facts(
    findings: list[LicenceFinding], *, header_files: int, scanned: int, reuse_layout: bool
) -> LicenceFacts:
    """Combine all findings into ``LicenceFacts`` with the detected licence and conflicts."""
    texts = [f for f in findings if f.level == "detected" and f.source in _TEXT_SOURCES and f.ids]
    if not texts:
        texts = [f for f in findings if f.level == "detected" and f.ids]
    statements = [f for f in findings if f.expression or f.ids]
    declared = [f for f in findings if f.level == "declared"]
    detected = _detected_expression(texts, statements)
    own = _declared(declared)
    conflicts = _against_texts(texts, declared, detected) if texts else _between(declared)
    return LicenceFacts(
        findings=tuple(findings),
        detected_expression=detected,
        declared_expressions=tuple(dict.fromkeys(f.expression for f in declared if f.expression)),
        declared_expression=_with_variants(own.expression, statements)
        if own and own.expression
        else None,
        declared_path=own.path if own else None,
        disagreements=tuple(conflicts),
        spdx_header_files=header_files,
        files_scanned_for_headers=scanned,
        reuse_layout=reuse_layout,
        corpus=f"{CORPUS_NAME} {corpus_version()}",
    )
