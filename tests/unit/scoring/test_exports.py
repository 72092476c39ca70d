"""The public surface of ``registry.scoring`` is what ``__all__`` says."""

from __future__ import annotations

import types

from registry import scoring


def test_all_is_honest() -> None:
    public = {
        name for name in dir(scoring)
        if not name.startswith("_") and not isinstance(getattr(scoring, name), types.ModuleType)
    }  # fmt: skip
    assert set(scoring.__all__) == public
    assert scoring.__all__ == sorted(scoring.__all__, key=lambda n: (not n.isupper(), n))
