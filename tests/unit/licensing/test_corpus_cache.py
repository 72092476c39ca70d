"""The reference texts are normalised once per data version and kept on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from registry.licensing import corpus
from registry.licensing.corpus import ReferenceText

# The uncached function: ``reference_texts`` itself keeps its first answer per process.
uncached = corpus.reference_texts.__wrapped__


def _rows(texts: tuple[ReferenceText, ...]) -> list[tuple[object, ...]]:
    return [(t.key, t.spdx_id, t.words, t.word_set, t.pairs) for t in texts]


@pytest.fixture(scope="module")
def built() -> tuple[ReferenceText, ...]:
    """The texts normalised from the data package, without any cache (seconds)."""
    return corpus.build_reference_texts()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_first_use_writes_the_cache_and_the_next_reads_the_same_texts(
    cache_home: Path, built: tuple[ReferenceText, ...]
) -> None:
    path = corpus.cache_path()
    assert path is not None and path.parent == cache_home / "municipal-software-registry"
    assert path.name.startswith(f"licence-references-{corpus.corpus_version()}-")
    assert not path.exists()
    first = uncached()
    assert path.is_file() and _rows(first) == _rows(built)
    stamp = path.stat().st_mtime_ns
    again = uncached()
    assert _rows(again) == _rows(built)
    assert path.stat().st_mtime_ns >= stamp  # read, and marked as in use
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left


def test_a_damaged_cache_is_built_again(cache_home: Path, built: tuple[ReferenceText, ...]) -> None:
    path = corpus.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    for damage in (b"", b"not marshal data", corpus.marshal.dumps(("a", 1), 4)):
        path.write_bytes(damage)
        assert corpus._read_cache(path) is None
    assert _rows(uncached()) == _rows(built)
    assert corpus._read_cache(path) is not None  # written whole again


def test_without_a_writable_cache_the_texts_stay_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: tuple[ReferenceText, ...]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    corpus._write_cache(blocker / "sub" / "texts.marshal", built)  # no error, nothing written
    assert blocker.read_text() == "not a folder"
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert corpus.cache_path() is None


def test_other_versions_files_go_only_when_unused_for_a_month(
    cache_home: Path, built: tuple[ReferenceText, ...]
) -> None:
    path = corpus.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    stale = path.with_name("licence-references-0.9-old.marshal")
    recent = path.with_name("licence-references-1.0-other.marshal")
    for other in (stale, recent):
        other.write_bytes(b"x")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    corpus._write_cache(path, built)
    assert _rows(corpus._read_cache(path) or ()) == _rows(built)
    assert not stale.exists() and recent.exists()


def test_an_identified_text_is_answered_from_the_memo_next_time(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later process names a text it saw before without the 7 MB of reference texts."""
    from registry.licensing import identify
    from registry.licensing.memo import AnswerMemo
    from tests.fixtures.gitrepos import licence_text

    text = "Copyright (c) 2026 Stadt Musterhausen\n\n" + licence_text("eupl-1.2")
    memo = AnswerMemo("licence-answers-", identify._MEMO._code)
    monkeypatch.setattr(identify, "_MEMO", memo)
    first = identify.identify_licence_text(text)
    assert first.expression == "EUPL-1.2"
    written = list((cache_home / "municipal-software-registry").glob("licence-answers-*"))
    assert len(written) == 1

    def no_references() -> tuple[ReferenceText, ...]:
        raise AssertionError("the reference texts were read")

    monkeypatch.setattr(identify, "reference_texts", no_references)
    # A new process (a fresh memo) with another copyright line: the same normalised text.
    monkeypatch.setattr(identify, "_MEMO", AnswerMemo("licence-answers-", memo._code))
    other = text.replace("Stadt Musterhausen", "Landkreis Beispiel")
    assert identify.identify_licence_text(other) == first
    # A text never seen goes to the reference texts.
    with pytest.raises(AssertionError, match="reference texts"):
        identify.identify_licence_text(licence_text("mit"))
