"""The rubric is data: shipped file valid, schema in step, errors name the field."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from registry.errors import InvalidInput
from registry.scoring import build_facts, score
from registry.scoring.rubric import (
    default_rubric,
    load_rubric,
    parse_rubric,
    rubric_for_version,
    rubric_json_schema,
)
from tests.unit.scoring._helpers import NOW, healthy_entry


def _data() -> dict[str, Any]:
    text = resources.files("schemas").joinpath("rubric/v1.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_shipped_rubric_covers_nine_dimensions_and_100_points() -> None:
    rubric = default_rubric()
    assert [d.id for d in rubric.dimensions] == [
        "licence", "interfaces", "conformance", "operating", "governance", "documentation",
        "activity", "adoption", "security",
    ]  # fmt: skip
    assert sum(c.points for _, c in rubric.checks()) == 100
    for _, check in rubric.checks():
        assert check.rule.de and check.rule.en and check.fix.de and check.fix.en
        assert check.anchors and check.evidence.de and check.evidence.en
    assert rubric_for_version(rubric.version) == rubric
    assert rubric_for_version("1999.0") is None


def test_json_schema_file_is_generated_from_the_structs() -> None:
    path = Path(str(resources.files("schemas").joinpath("rubric/rubric.schema.json")))
    assert json.loads(path.read_text(encoding="utf-8")) == rubric_json_schema()


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(_data())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (["dimensions", 0, "checks", 1, "points"], "three", "$.dimensions[0].checks[1].points"),
        (["dimensions", 0, "checks", 0, "evaluate", "kind"], "magic",
         "$.dimensions[0].checks[0].evaluate.kind"),
        (["dimensions", 0, "checks", 0, "evaluate", "fact"], "licence.colour",
         "$.dimensions[0].checks[0].evaluate"),
        (["dimensions", 0, "checks", 1, "id"], "L1", "$.dimensions[0].checks[1].id"),
        (["dimensions", 0, "checks", 3, "evaluate", "steps"], [{"gte": 1, "lte": 2, "points": 1}],
         "$.dimensions[0].checks[3].evaluate.steps[0]"),
        (["dimensions", 0, "checks", 3, "evaluate", "steps"], [{"gte": 1, "points": 9}],
         "$.dimensions[0].checks[3].evaluate"),
        (["dimensions", 0, "checks", 0, "rule"], {"de": "nur deutsch"},
         "$.dimensions[0].checks[0].rule"),
        (["silo", "indicators"], [], "$.silo.indicators"),
        (["levels", 1, "requires"], {"Z9": 1}, "$.levels[1].requires"),
        (["claim_factor"], None, "$.claim_factor"),
    ],
)  # fmt: skip
def test_errors_name_the_field(path: list[Any], value: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_rubric(_broken(path, value), source="test.yml")
    assert caught.value.field == field
    assert field in caught.value.message and "test.yml" in caught.value.message


def test_a_threshold_is_changed_in_data_alone(tmp_path: Path) -> None:
    entry = healthy_entry()
    before = score(build_facts(entry, now=NOW), default_rubric(), now=NOW).check("U1")
    data = _data()
    data["version"] = "test.1"
    u1 = next(c for c in data["dimensions"][7]["checks"] if c["id"] == "U1")
    u1["evaluate"]["steps"] = [{"gte": 10, "points": 6}, {"gte": 2, "points": 1}]
    path = tmp_path / "rubric.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = score(build_facts(entry, now=NOW), load_rubric(path), now=NOW)
    assert before is not None and before.status == "pass"
    assert after.rubric_version == "test.1"
    assert after.check("U1") is not None and after.check("U1").points == 1  # type: ignore[union-attr]


def test_unreadable_rubric_file_is_invalid_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("version: [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInput, match="cannot read rubric"):
        load_rubric(bad)


def test_the_default_is_the_newest_shipped_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new rubric version is a new ``v<N>.yml``: no code names the file."""
    from types import SimpleNamespace

    from registry.scoring import rubric as module

    shipped = resources.files("schemas").joinpath("rubric/v1.yml").read_text(encoding="utf-8")
    (tmp_path / "rubric").mkdir()
    for number in (1, 2, 10):
        text = shipped.replace('version: "2026.1"', f'version: "2099.{number}"')
        (tmp_path / "rubric" / f"v{number}.yml").write_text(text, encoding="utf-8")
    (tmp_path / "rubric" / "vnext.yml").write_text("not: a rubric", encoding="utf-8")
    monkeypatch.setattr(module, "resources", SimpleNamespace(files=lambda _package: tmp_path))
    module.default_rubric.cache_clear()
    module.rubric_for_version.cache_clear()
    try:
        assert module.default_rubric().version == "2099.10"
        assert module.rubric_for_version("2099.2") is not None
    finally:
        monkeypatch.undo()
        module.default_rubric.cache_clear()
        module.rubric_for_version.cache_clear()
    assert module.default_rubric().version == "2026.1"  # the one shipped today
