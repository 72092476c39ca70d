"""A strict, bounded YAML 1.2 loader that keeps positions.

Why not ``yaml.safe_load``: PyYAML resolves scalars by YAML 1.1 (``yes`` is a bool,
``2017-04-15`` a date), accepts duplicate keys, and expands aliases without limit.
The reference parser reads YAML 1.2, rejects duplicates, and reports line and column
for every issue. So we read libyaml's *event* stream (iterative, no recursion, so deep
nesting cannot blow the C stack), resolve plain scalars with the YAML 1.2 core schema,
and build a small node tree that keeps each key's position.

Aliases are shared nodes, never copies; the expanded size of every node is counted so
that a "billion laughs" document is refused after a few thousand nodes, not after
exhausting memory.

Errors are raised as ``YamlError`` with a message and a 1-based position.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = [
    "Entry", "Limits", "Mapping", "Node", "Scalar", "Sequence", "YamlError", "load",
    "read_untrusted",
]  # fmt: skip


class YamlError(Exception):
    """The text is not a single, well-formed, bounded YAML document."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the structure of a document (a real publiccode.yml has ~300 nodes)."""

    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = 200_000


@dataclass(slots=True)
class Scalar:
    """A scalar; ``tag`` is its YAML 1.2 core type: str, int, float, bool or null."""

    line: int
    column: int
    tag: str
    value: Any
    raw: str
    size: int = 1


@dataclass(slots=True)
class Entry:
    """One ``key: value`` pair of a mapping; the position is the key's."""

    key: str
    line: int
    column: int
    value: Node


@dataclass(slots=True)
class Mapping:
    """A mapping; ``line``/``column`` is its first key (block) or its ``{`` (flow)."""

    line: int
    column: int
    flow: bool
    items: list[Entry] = field(default_factory=list)
    size: int = 1


@dataclass(slots=True)
class Sequence:
    """A sequence; ``line``/``column`` is its first ``-`` (block) or its ``[`` (flow)."""

    line: int
    column: int
    flow: bool
    items: list[Node] = field(default_factory=list)
    size: int = 1


Node = Scalar | Mapping | Sequence

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOLS["FALSE"] = False
_CORE_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}


def _to_int(raw: str) -> int | float:
    if raw.startswith("0o"):
        return int(raw[2:], 8)
    if raw.startswith("0x"):
        return int(raw[2:], 16)
    try:
        return int(raw)
    except ValueError:  # more digits than Python converts safely
        return float(raw)


def _to_float(raw: str) -> float:
    lowered = raw.lower()
    if lowered.endswith(".inf"):
        return -math.inf if raw.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(raw)


def resolve_plain(raw: str) -> tuple[str, Any]:
    """Type and value of a plain scalar under the YAML 1.2 core schema."""
    if raw in _NULLS:
        return "null", None
    if raw in _BOOLS:
        return "bool", _BOOLS[raw]
    if _INT.fullmatch(raw):
        return "int", _to_int(raw)
    if _FLOAT.fullmatch(raw):
        return "float", _to_float(raw)
    return "str", raw


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _scalar(event: yaml.ScalarEvent) -> Scalar:
    line, column = _position(event)
    raw = event.value
    explicit = _CORE_TAGS.get(event.tag or "")
    if explicit == "str" or (event.tag and explicit is None and event.tag != "!"):
        return Scalar(line, column, "str", raw, raw)
    if event.style not in (None, "") and explicit is None:
        return Scalar(line, column, "str", raw, raw)
    tag, value = resolve_plain(raw)
    if explicit is not None and explicit != tag:
        return Scalar(line, column, "str", raw, raw)
    return Scalar(line, column, tag, value, raw)


class _Builder:
    """Turns libyaml events into nodes, enforcing the limits as it goes."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stack: list[Mapping | Sequence] = []
        self.pending_keys: list[Entry | None] = []
        self.seen_keys: list[set[str]] = []
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.open_anchor_of: list[str | None] = []
        self.aliases = 0
        self.nodes = 0
        self.root: Node | None = None
        self.documents = 0

    def count(self, size: int, line: int) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            msg = f"document expands to more than {self.limits.max_nodes} nodes"
            raise YamlError(msg, line, 1)

    def add(self, node: Node, line: int) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += node.size
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        pending = self.pending_keys[-1]
        if pending is None:
            self.pending_keys[-1] = self._key(parent, node, line)
            return
        pending.value = node
        parent.items.append(pending)
        self.pending_keys[-1] = None

    def _key(self, parent: Mapping, node: Node, line: int) -> Entry:
        if not isinstance(node, Scalar):
            raise YamlError("mapping keys must be scalars", line, 1)
        key = node.raw if node.tag != "null" or node.raw else ""
        if key in self.seen_keys[-1]:
            raise YamlError(f'mapping key "{key}" already defined', node.line, node.column)
        self.seen_keys[-1].add(key)
        return Entry(key, node.line, node.column, node)

    def open(self, node: Mapping | Sequence, anchor: str | None) -> None:
        if len(self.stack) >= self.limits.max_depth:
            msg = f"nesting is deeper than {self.limits.max_depth} levels"
            raise YamlError(msg, node.line, 1)
        self.count(1, node.line)
        self.stack.append(node)
        self.pending_keys.append(None)
        self.seen_keys.append(set())
        self.open_anchor_of.append(anchor)
        if anchor:
            self.open_anchors.add(anchor)

    def close(self, line: int) -> None:
        node = self.stack.pop()
        self.pending_keys.pop()
        self.seen_keys.pop()
        anchor = self.open_anchor_of.pop()
        if anchor:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = node
        self.add(node, line)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = _position(event)[0]
        name = event.anchor or ""
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise YamlError(f"more than {self.limits.max_aliases} aliases", line, 1)
        if name in self.open_anchors:
            raise YamlError(f'alias "{name}" refers to itself', line, 1)
        target = self.anchors.get(name)
        if target is None:
            raise YamlError(f'unknown anchor "{name}"', line, 1)
        self.count(target.size, line)
        self.add(target, line)

    def feed(self, event: yaml.Event) -> None:
        line, column = _position(event)
        if isinstance(event, yaml.ScalarEvent):
            node = _scalar(event)
            self.count(1, line)
            if event.anchor:
                self.anchors[event.anchor] = node
            self.add(node, line)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open(Mapping(line, column, bool(event.flow_style)), event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open(Sequence(line, column, bool(event.flow_style)), event.anchor)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.close(line)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlError("multiple YAML documents in one file are not supported")


def load(text: str, limits: Limits | None = None) -> Node | None:
    """Parse one YAML document into nodes; None when the stream holds no document."""
    builder = _Builder(limits or Limits())
    parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if event is not None:
                builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(exc.problem or str(exc), line, 1) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).split("\n", 1)[0]) from None
    finally:
        parser.dispose()
    return builder.root


def to_plain(node: Node) -> Any:
    """The node as plain Python data (dict, list, str, int, float, bool, None)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    return {entry.key: to_plain(entry.value) for entry in node.items}


#: Structured documents from repositories (OpenAPI, AsyncAPI) nest deeper than publiccode.yml.
DOCUMENT_LIMITS = Limits(max_depth=128)


def read_untrusted(text: str, limits: Limits = DOCUMENT_LIMITS) -> Any:
    """Plain data of a YAML or JSON text from outside, or None when it is not a bounded one.

    The one loader for everything fetched (JSON is YAML 1.2): iterative, so a file nested
    thousands of levels deep is refused rather than raising ``RecursionError``.
    """
    try:
        node = load(text, limits)
    except YamlError:
        return None
    return None if node is None else to_plain(node)
