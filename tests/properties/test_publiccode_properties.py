"""Properties: the publiccode.yml validator never raises and always gives a verdict.

Inputs: arbitrary bytes, arbitrary text, YAML built from publiccode keys and hostile
scalars (anchors, tags, control characters, deep nesting), and exported demo entries with
one value replaced by anything.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.demo import load_demo_data, solution_draft
from registry.publiccode import (
    ValidationReport,
    format_text,
    from_draft,
    to_draft,
    to_json,
    validate,
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = ["publiccodeYmlVersion", "name", "url", "landingURL", "softwareVersion", "releaseDate",
        "platforms", "categories", "developmentStatus", "softwareType", "description", "de",
        "en", "shortDescription", "longDescription", "features", "legal", "license",
        "maintenance", "type", "contacts", "email", "localisation", "availableLanguages",
        "dependsOn", "open", "intendedAudience", "countries", "it", "logo", "usedBy"]  # fmt: skip
HOSTILE = ["&a x", "*a", "!!python/object:os.system", "<script>alert(1)</script>", "{", "[",
           "- ", ": ", "\t", "\x00", "\ufeff", "---", "...", "%YAML 1.1", "? ", "|", ">",
           "0.0.0", "1e999", "~", "null", "yes", "=cmd", "../../etc/passwd", "\u202e"]  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.sampled_from(HOSTILE), st.dates(),
)  # fmt: skip
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children,
                        max_size=5),
    ),
    max_leaves=25,
)  # fmt: skip


def _is_verdict(report: ValidationReport) -> None:
    assert isinstance(report, ValidationReport)
    assert report.outcome in ("accept", "accept_with_warnings", "reject")
    assert report.valid == (report.outcome != "reject")
    to_json(report)
    format_text(report)
    if report.valid and report.document is not None:
        to_draft(report.document)


@cache
def _exported() -> tuple[str, ...]:
    """Exports of demo entries, made valid: most demo entries have no maintenance contacts,
    which v0.7 requires unless the maintenance type is ``none``."""
    texts = []
    for item in load_demo_data()["solutions"][:8]:
        document = yaml.safe_load(from_draft(solution_draft(item)))
        document["maintenance"] = {"type": "none"}
        texts.append(yaml.safe_dump(document, allow_unicode=True))
    return tuple(text for text in texts if validate(text.encode()).valid)


@FAST
@given(st.binary(max_size=2_000))
def test_any_bytes_get_a_verdict(data: bytes) -> None:
    _is_verdict(validate(data))


@FAST
@given(st.text(max_size=2_000))
def test_any_text_gets_a_verdict(text: str) -> None:
    _is_verdict(validate(text.encode("utf-8", "surrogatepass")))


@FAST
@given(TREES, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(HOSTILE)), max_size=3))
def test_yaml_from_publiccode_keys_gets_a_verdict(
    tree: Any, insertions: list[tuple[int, str]]
) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    for at, fragment in insertions:  # break the YAML in places
        position = at % (len(text) + 1)
        text = text[:position] + fragment + text[position:]
    _is_verdict(validate(text.encode("utf-8", "surrogatepass")))


@st.composite
def mutated_exports(draw: st.DrawFn) -> str:
    """An exported (valid) demo entry with one value anywhere replaced by another tree."""
    document = yaml.safe_load(draw(st.sampled_from(_exported())))
    node: Any = document
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        if not isinstance(node[key], dict | list) or not node[key]:
            break
        node = node[key]
    if isinstance(node, dict) and node:
        node[draw(st.sampled_from(sorted(node)))] = draw(TREES)
    elif isinstance(node, list) and node:
        node[draw(st.integers(0, len(node) - 1))] = draw(TREES)
    return yaml.safe_dump(document, allow_unicode=True)


def test_there_are_valid_exports_to_mutate() -> None:
    assert len(_exported()) >= 6


@FAST
@given(mutated_exports())
def test_a_mutated_valid_file_gets_a_verdict(text: str) -> None:
    _is_verdict(validate(text.encode("utf-8", "surrogatepass")))
