"""Properties: scoring never raises and always gives a verdict; more evidence never lowers it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.facts import MetadataFile, RepoFacts
from registry.scoring import FACT_NAMES, STATUSES, Fact, FactSet, build_facts, score
from tests.unit.scoring._helpers import NOW, healthy_entry

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10_000), st.floats(allow_nan=True),
    st.text(max_size=12), st.sampled_from(["internal", "none", "file", "instructions", "pass"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers()),
)  # fmt: skip
FACTS = st.dictionaries(
    st.sampled_from(sorted(FACT_NAMES)),
    st.tuples(VALUES, st.booleans()).map(lambda t: Fact(t[0], applicable=t[1])),
)


@FAST
@given(FACTS)
def test_any_fact_set_gets_a_verdict(facts: dict[str, Fact]) -> None:
    outcome = score(FactSet("p", "P", facts), now=NOW)
    assert {c.status for c in outcome.checks} <= set(STATUSES)
    assert outcome.silo in {"no", "risk", "silo"}
    assert 0 <= outcome.total <= outcome.maximum <= outcome.full_maximum
    assert 0 <= outcome.score <= 100
    assert outcome.to_json()["checks"]


KINDS = ["readme", "contributing", "security", "ci", "changelog", "governance", "roadmap",
         "code-of-conduct", "dependency-updates", "sbom", "docs"]  # fmt: skip


def _repo(kinds: list[str]) -> dict[str, Any]:
    facts = RepoFacts(source="https://git.example.org/a/b", analysed_at=NOW, head_commit="c" * 40,
                      metadata_files=tuple(MetadataFile(k, k.upper()) for k in kinds))  # fmt: skip
    return {"url": "https://git.example.org/a/b", "facts": facts.to_json()}


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    base = healthy_entry()
    entry = {key: (draw(st.sampled_from([value, value[:1], []])) if isinstance(value, list)
                   else value) for key, value in base.items()}  # fmt: skip
    entry["maintenance_type"] = draw(st.sampled_from(["internal", "none", None]))
    entry["licence"] = draw(st.sampled_from(["EUPL-1.2", "LicenseRef-x", None]))
    kinds = draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=5))
    entry["repositories"] = [_repo(kinds)] if draw(st.booleans()) else []
    return entry


def _more(entry: dict[str, Any], how: str, n: int) -> dict[str, Any]:
    more = dict(entry)
    if how == "adoption":
        more["adoptions"] = [
            *entry["adoptions"],
            {"organisation_id": 100 + n, "role": "uses", "verified": True},
        ]
    elif how == "claim":
        more["adoptions"] = [
            *entry["adoptions"],
            {"organisation_id": None, "role": "uses", "verified": False, "claim_text": f"c{n}"},
        ]
    elif how == "interface":
        more["interfaces"] = [
            *entry["interfaces"],
            {
                "name": f"s{n}",
                "standard": f"s{n}",
                "standard_open": True,
                "evidence_level": "validated",
            },
        ]
    elif how == "contact":
        more["contacts"] = [*entry["contacts"], {"role": "contact", "email": f"{n}@x.example"}]
    elif how == "funding":
        more["funding"] = [*entry["funding"], {"funder_name": f"F{n}"}]
    elif how == "file" and entry["repositories"]:
        kinds = [m["kind"] for m in entry["repositories"][0]["facts"]["metadata_files"]]
        more["repositories"] = [_repo(sorted({*kinds, KINDS[n % len(KINDS)]}))]
    return more  # fmt: skip


@FAST
@given(entries(), st.sampled_from(["adoption", "claim", "interface", "contact", "funding",
                                   "file"]), st.integers(0, 50))  # fmt: skip
def test_adding_evidence_never_lowers_the_score(entry: dict[str, Any], how: str, n: int) -> None:
    before = score(build_facts(entry, now=NOW), now=NOW)
    after = score(build_facts(_more(entry, how, n), now=NOW), now=NOW)
    assert after.total >= before.total
    assert after.score >= before.score
    order = {"no": 0, "risk": 1, "silo": 2}
    assert order[after.silo] <= order[before.silo]
