"""Where an issue points: the reference parser's rules for line and column.

The reference finds the position from the *key* of an issue (``a.b[0].c``) by walking
the YAML tree, with fallbacks when the key is missing: the ``{`` of an empty flow
mapping, the first key of a block mapping, or 0:0. Type errors go the other way: the
line of the offending value names the key. Mirroring both keeps our positions equal to
the reference's, so editors and CI annotations land on the same line.
"""

from __future__ import annotations

import re

from registry.publiccode._yaml import Entry, Mapping, Node, Sequence

__all__ = ["key_at_line", "position_of"]

_PART = re.compile(r"(.*)\[([^\[\]]*)\]")


def position_of(root: Node | None, key: str) -> tuple[int, int]:
    """Line and column (1-based) for ``key``, or (0, 0) when there is no anchor."""
    if root is None or not key:
        return 0, 0
    return _find(root, key.split("."))


def _split(part: str) -> tuple[str, int, str]:
    """``foo[3]`` -> (foo, 3, ""); ``foo[en-US]`` -> (foo, -1, en-US); ``foo`` -> (foo, -1, "")."""
    match = _PART.fullmatch(part)
    if not match or not match.group(2):
        return part, -1, ""
    base, inner = match.group(1), match.group(2)
    if inner.isdigit():
        return base, int(inner), ""
    return base, -1, inner


def _find(node: Node, parts: list[str]) -> tuple[int, int]:
    if not parts:
        return 0, 0
    if not isinstance(node, Mapping):
        return node.line, node.column
    base, index, inner = _split(parts[0])
    entry = next((e for e in node.items if e.key == base), None)
    if entry is not None:
        return _find_in_entry(entry, parts, index, inner)
    if node.flow:
        return node.line, node.column
    if len(parts) == 1 and node.items:
        return node.items[0].line, node.items[0].column
    return 0, 0


def _find_in_entry(entry: Entry, parts: list[str], index: int, inner: str) -> tuple[int, int]:
    if index >= 0:
        return _find_item(entry, index, parts)
    if inner:
        return _find(entry.value, [inner, *parts[1:]])
    if len(parts) == 1:
        return entry.line, entry.column
    return _find(entry.value, parts[1:])


def _find_item(entry: Entry, index: int, parts: list[str]) -> tuple[int, int]:
    value = entry.value
    if not isinstance(value, Sequence) or index >= len(value.items):
        return entry.line, entry.column
    item = value.items[index]
    if len(parts) == 1:
        return item.line, item.column
    return _find(item, parts[1:])


def key_at_line(root: Node | None, line: int) -> str:
    """The dotted key whose key (or list item) starts on ``line``; "" when none does."""
    if root is None:
        return ""
    return _at_line(root, line, "")


def _at_line(node: Node, line: int, prefix: str) -> str:
    if isinstance(node, Mapping):
        return _at_line_mapping(node, line, prefix)
    if isinstance(node, Sequence):
        return _at_line_sequence(node, line, prefix)
    return ""


def _at_line_mapping(node: Mapping, line: int, prefix: str) -> str:
    for entry in node.items:
        full = f"{prefix}.{entry.key}" if prefix else entry.key
        if entry.line == line:
            return full
        found = _at_line(entry.value, line, full)
        if found:
            return found
    return ""


def _at_line_sequence(node: Sequence, line: int, prefix: str) -> str:
    for index, item in enumerate(node.items):
        key = f"{prefix}[{index}]"
        if item.line == line:
            return key
        found = _at_line(item, line, key)
        if found:
            return found
    return ""
