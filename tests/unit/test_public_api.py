"""Each context inside ``registry/`` declares its public names, and others use only those.

The layers themselves are import-linter's (pyproject.toml); this keeps ``__all__`` honest
(every name exists, nothing listed twice), keeps cross-context imports on the public
names, and keeps the pure contexts off the clock, which no import contract can see.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "registry"
#: Alembic's package holds migrations, not an API.
CONTEXTS = sorted(
    p.name for p in REGISTRY.iterdir() if (p / "__init__.py").exists() and p.name != "migrations"
)
#: Submodules others may still reach into: the ORM mapping and database plumbing, which
#: queries across contexts name column by column, and the optional Redis queue.
PUBLIC_SUBMODULES = {
    ("catalogue", "models"),
    ("queue", "models"),
    ("search", "models"),
    ("db", "base"),
    ("db", "engine"),
    ("db", "migrate"),
    ("queue", "_redis"),  # imported only when REGISTRY_QUEUE_URL names Redis
    ("catalogue", "media"),  # Pillow loads only where pictures are taken or served
}
#: Pure contexts judge what they are given; the time comes from the caller (``now=``).
PURE = ["entries", "facts", "licensing", "publiccode", "scoring"]
#: Scoring's engine is pure; these two read and write the stored entry.
NOT_PURE = {"scoring/service.py", "scoring/local.py"}
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic"}
#: Not a judgement: the licence corpus cache forgets files unused for a month.
CLOCK_ALLOWED = {("licensing/corpus.py", "time")}


def _all_of(context: str) -> list[str]:
    module = importlib.import_module(f"registry.{context}")
    names = getattr(module, "__all__", None)
    assert names is not None, f"registry.{context} declares no __all__"
    return list(names)


@pytest.mark.parametrize("context", CONTEXTS)
def test_all_names_exist_once(context: str) -> None:
    names = _all_of(context)
    assert len(names) == len(set(names)), f"registry.{context}.__all__ lists a name twice"
    module = importlib.import_module(f"registry.{context}")
    for name in names:
        if not hasattr(module, name):  # a public submodule, imported when asked for
            importlib.import_module(f"registry.{context}.{name}")


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return found


def test_cross_context_imports_use_public_names() -> None:
    """``from registry.X.sub import n`` from outside X only when ``sub`` is public."""
    public = {c: set(_all_of(c)) for c in CONTEXTS}
    wrong = []
    for path in sorted(
        p for d in ("registry", "web", "importers") for p in (ROOT / d).rglob("*.py")
    ):
        parts = path.relative_to(ROOT).with_suffix("").parts
        own = parts[1] if parts[0] == "registry" and len(parts) > 1 else parts[0]
        for module, line in _imports(path):
            target = module.split(".")
            if target[0] != "registry" or len(target) < 3 or target[1] not in public:
                continue
            context, sub = target[1], target[2]
            if context == own or sub in public[context] or (context, sub) in PUBLIC_SUBMODULES:
                continue
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not wrong, "import through the context's __init__:\n" + "\n".join(wrong)


@pytest.mark.parametrize("context", PURE)
def test_pure_contexts_read_no_clock(context: str) -> None:
    calls = []
    for path in sorted((REGISTRY / context).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                where = (str(path.relative_to(REGISTRY)), name)
                if where[0] in NOT_PURE:
                    continue
                if name in CLOCK_CALLS and where not in CLOCK_ALLOWED:
                    calls.append(f"{where[0]}:{node.lineno} calls .{name}()")
    assert not calls, "pure contexts take the time as an argument:\n" + "\n".join(calls)
