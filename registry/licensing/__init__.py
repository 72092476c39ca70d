"""Licensing: SPDX expressions and licence identification (pure).

* ``normalise_expression`` / ``licence_ids`` / ``licence_family``: SPDX expressions
  through ``license-expression`` (deprecated ids mapped, ``LicenseRef-`` kept).
* ``identify_licence_text``: which licence(s) a file's text is, by word-pair
  similarity against the reference texts of ``licensedcode-data`` (see ``corpus``).
* ``licences_in_readme`` / ``licence_from_classifier``: licences *named* in prose.

``judgement`` and ``compatibility`` (scoring) are imported from their own modules.
"""

from registry.licensing.corpus import CORPUS_NAME, corpus_version, reference_texts
from registry.licensing.expressions import (
    is_expression_only,
    licence_family,
    licence_ids,
    normalise_expression,
    same_licences,
    spdx_licensing,
)
from registry.licensing.identify import (
    DEFAULT_THRESHOLD,
    Identification,
    TextMatch,
    identify_licence_text,
)
from registry.licensing.judgement import (
    SPDX_LIST_VERSION,
    branches,
    compatibility,
    judge_expression,
)
from registry.licensing.names import licence_from_classifier, licences_in_readme, licences_named
from registry.licensing.scope import bundled_roots, generated_roots, is_foreign, looks_generated
from registry.licensing.statements import declared_field, prose_statement, readme_statement

__all__ = [
    "CORPUS_NAME",
    "DEFAULT_THRESHOLD",
    "SPDX_LIST_VERSION",
    "Identification",
    "TextMatch",
    "branches",
    "bundled_roots",
    "compatibility",
    "corpus_version",
    "declared_field",
    "generated_roots",
    "identify_licence_text",
    "is_expression_only",
    "is_foreign",
    "judge_expression",
    "licence_family",
    "licence_from_classifier",
    "licence_ids",
    "licences_in_readme",
    "licences_named",
    "looks_generated",
    "normalise_expression",
    "prose_statement",
    "readme_statement",
    "reference_texts",
    "same_licences",
    "spdx_licensing",
]
