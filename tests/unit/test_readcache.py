"""The read cache: one generation per value, bounded in entries and bytes, values age out."""

from __future__ import annotations

from registry.catalogue.readcache import ReadCache


def test_a_value_lives_for_its_generation_only() -> None:
    cache = ReadCache()
    cache.put("a", 3, "page")
    assert cache.get("a", 3) == "page"
    assert cache.get("a", 4) is None and cache.get("a", 3) is None  # dropped when stale
    cache.put("b", None, "page")  # generation unknown (no table): never kept
    assert cache.get("b", None) is None


def test_entries_and_bytes_are_bounded_least_recently_used_first() -> None:
    cache = ReadCache(max_entries=3, max_bytes=10)
    for key in "abc":
        cache.put(key, 1, "xxx")
    assert cache.get("a", 1) == "xxx"  # a is now the most recent
    cache.put("d", 1, ("xxxx", "modified"))  # 13 bytes > 10: b, the oldest, goes
    assert [cache.get(k, 1) for k in "abcd"] == ["xxx", None, "xxx", ("xxxx", "modified")]
    cache.put("e", 1, "x")  # four entries > 3: a, read longest ago, goes
    assert cache.get("a", 1) is None and cache.get("e", 1) == "x"


def test_values_age_out() -> None:
    cache = ReadCache(max_age=-1.0)  # older than any age: gone at once
    cache.put("a", 1, "page")
    assert cache.get("a", 1) is None
