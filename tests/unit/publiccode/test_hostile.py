"""Hostile input is refused quickly, with one clear error, in bounded memory."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from registry.publiccode import DEFAULT_MAX_BYTES, Limits, validate


def _refused(data: bytes, fragment: str, **kwargs: object) -> None:
    started = time.perf_counter()
    tracemalloc.start()
    try:
        report = validate(data, **kwargs)  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 32 * 1024 * 1024
    assert report.outcome == "reject"
    assert report.document is None
    (issue,) = report.issues
    assert fragment in issue.description


def test_fifty_megabytes_are_refused_before_parsing() -> None:
    data = b"name: " + b"x" * (50 * 1024 * 1024)
    report = validate(data)
    assert report.errors[0].description.startswith("file is too large")
    assert len(data) > DEFAULT_MAX_BYTES


def test_the_size_limit_is_a_parameter() -> None:
    assert (
        validate(b'publiccodeYmlVersion: "0"\n', max_bytes=10)
        .errors[0]
        .description.startswith("file is too large")
    )


def test_billion_laughs_is_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    _refused("\n".join(lines).encode(), "nodes")


def test_many_aliases_are_refused() -> None:
    data = "a: &a x\nb: [" + ", ".join(["*a"] * 500) + "]\n"
    _refused(data.encode(), "aliases")


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused(opening: str) -> None:
    _refused((opening * 100_000).encode(), "nesting")


def test_nesting_limit_is_configurable() -> None:
    report = validate(b"a: [[[1]]]", limits=Limits(max_depth=2))
    assert "nesting" in report.errors[0].description


def test_binary_data_is_refused() -> None:
    _refused(bytes(range(256)) * 64, "Invalid UTF-8")


def test_control_characters_are_refused() -> None:
    _refused(b"name: \x00\x01\x02", "control characters")


def test_latin1_is_refused() -> None:
    _refused("name: Città di Bolzano èñçödëd\n".encode("latin-1"), "Invalid UTF-8")


def test_duplicate_keys_are_refused() -> None:
    _refused(b'publiccodeYmlVersion: "0"\nname: a\nname: b\n', 'mapping key "name" already defined')


def test_several_documents_are_refused() -> None:
    _refused(b'publiccodeYmlVersion: "0"\n---\nname: b\n', "multiple YAML documents")


def test_yaml_1_1_booleans_are_strings() -> None:
    report = validate(b'publiccodeYmlVersion: "0"\nlocalisation:\n  localisationReady: yes\n')
    assert report.document is not None
    assert report.document["localisation"]["localisationReady"] == "yes"
    assert any(
        i.key == "localisation.localisationReady" and i.description == "wrong type for this field"
        for i in report.errors
    )


def test_a_top_level_list_has_no_version() -> None:
    report = validate(b"- a\n- b\n")
    assert report.errors[0].description == "publiccodeYmlVersion is a required field"
