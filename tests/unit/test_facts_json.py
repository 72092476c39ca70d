"""Stored repository facts read back identically through msgspec: the JSON the hand-written
serialiser stored (``tests/data/facts_v3_stored.json``, every kind of field) decodes to
facts that encode to the same data, times aside (``+00:00`` then, ``Z`` now)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from registry.facts import RepoFacts

STORED = Path(__file__).parents[1] / "data" / "facts_v3_stored.json"


def _stored() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(STORED.read_text())
    return data


def test_stored_facts_read_back_identically() -> None:
    stored = _stored()
    facts = RepoFacts.from_json(stored)
    assert facts.publiccode_raw == b"publiccodeYmlVersion: '0.4'\nname: Abfall\n"
    assert facts.licence.findings[0].score == 0.98 and facts.licence.findings[1].score is None
    assert facts.head_date == datetime.fromisoformat("2026-02-28T18:00:00+01:00")
    assert facts.releases[0].date.utcoffset() is not None
    assert facts.activity.months == tuple(range(1, 13))
    again = json.loads(json.dumps(facts.to_json()))  # through a JSON column
    assert json.dumps(again).replace('Z"', '+00:00"') == json.dumps(stored)
    assert RepoFacts.from_json(again) == facts


def test_older_and_newer_shapes() -> None:
    stored = _stored()
    stored["a_field_from_the_future"] = {"x": 1}  # ignored
    del stored["limits_hit"], stored["licence"]["corpus"]  # written before they existed
    stored["interfaces"][0].pop("role")
    facts = RepoFacts.from_json(stored)
    assert facts.limits_hit == () and facts.licence.corpus == ""
    assert facts.interfaces[0].role == "provides"
    stored["files_total"] = "many"
    with pytest.raises(ValueError, match="files_total"):  # a shape scoring cannot read
        RepoFacts.from_json(stored)
