"""Type checking: the node tree against the schema, like the reference's YAML decoder.

This pass reports "wrong type for this field" and unknown keys, and builds the plain
document with string fields as strings. It follows the reference decoder's order (the
schema's order; a mapping's unknown keys after its own type errors), so the first
error is the same. Unlike the reference it reports every type error, not just the
first, and it does not blank the whole top-level key: the failing paths are returned
in ``bad`` and the rule pass skips them instead of reporting their children as
missing (the reference's "cascade" errors, which point at keys that are present).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry.publiccode._schema import Field
from registry.publiccode._yaml import Entry, Mapping, Node, Scalar, Sequence, to_plain

__all__ = ["Decoded", "Path", "decode"]

Path = tuple[str | int, ...]
WRONG_TYPE = "wrong type for this field"


@dataclass(slots=True)
class Decoded:
    """The document, the paths whose type was wrong, and (line, message) problems.

    A problem's key is found later from its line, as the reference does.
    """

    document: dict[str, Any]
    bad: set[Path] = field(default_factory=set)
    problems: list[tuple[int, str]] = field(default_factory=list)
    #: (key, message) problems placed by key, not by line.
    keyed: list[tuple[str, str]] = field(default_factory=list)
    #: The language a description without language keys is read as.
    default_language: str = "en"


def decode(root: Mapping, schema: tuple[Field, ...]) -> Decoded:
    """Check ``root`` against ``schema``."""
    out = Decoded({}, default_language=_default_language(root))
    out.document = _struct(root, schema, (), out)
    return out


def _default_language(root: Mapping) -> str:
    """The first of ``localisation.availableLanguages``, else English."""
    for entry in root.items:
        if entry.key != "localisation" or not isinstance(entry.value, Mapping):
            continue
        for inner in entry.value.items:
            if inner.key == "availableLanguages" and isinstance(inner.value, Sequence):
                first = next(iter(inner.value.items), None)
                if isinstance(first, Scalar) and first.tag == "str" and first.value.strip():
                    return str(first.value).strip()
    return "en"


def _struct(node: Mapping, fields: tuple[Field, ...], path: Path, out: Decoded) -> dict[str, Any]:
    by_key = {entry.key: entry for entry in node.items}
    result: dict[str, Any] = {}
    for spec in fields:
        entry = by_key.get(spec.name)
        if entry is not None:
            result[spec.name] = _value(entry.value, spec, (*path, spec.name), out)
    known = {spec.name for spec in fields}
    for entry in node.items:
        if entry.key not in known:
            out.problems.append((entry.line, f'unknown field "{entry.key}"'))
            result[entry.key] = to_plain(entry.value)
    return result


def _wrong(node: Node, path: Path, out: Decoded) -> Any:
    out.bad.add(path)
    out.problems.append((node.line, WRONG_TYPE))
    return to_plain(node)


def _text(node: Scalar) -> str | None:
    """A scalar read into a string field: its source text unless it is a string."""
    if node.tag == "null":
        return None
    return node.value if node.tag == "str" else node.raw


def _value(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    if isinstance(node, Scalar) and node.tag == "null":
        return None
    return _READERS[spec.kind](node, spec, path, out)


def _read_str(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    return _text(node) if isinstance(node, Scalar) else _wrong(node, path, out)


def _read_bool(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    if isinstance(node, Scalar) and node.tag == "bool":
        return node.value
    return _wrong(node, path, out)


def _read_strs(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    if spec.kind == "str_or_strs" and isinstance(node, Scalar):
        return [_text(node)]
    return _list(node, path, out, None)


def _read_structs(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    return _list(node, path, out, spec.fields)


def _read_struct(node: Node, spec: Field, path: Path, out: Decoded) -> Any:
    if not isinstance(node, Mapping):
        return _wrong(node, path, out)
    if spec.kind == "desc_map":
        return _desc_map(node, spec.fields, path, out)
    return _struct(node, spec.fields, path, out)


_READERS = {
    "str": _read_str,
    "bool": _read_bool,
    "strs": _read_strs,
    "str_or_strs": _read_strs,
    "structs": _read_structs,
    "struct": _read_struct,
    "desc_map": _read_struct,
}


def _list(node: Node, path: Path, out: Decoded, fields: tuple[Field, ...] | None) -> Any:
    if not isinstance(node, Sequence):
        return _wrong(node, path, out)
    items: list[Any] = []
    failed = False
    for item in node.items:
        if isinstance(item, Scalar) and item.tag == "null":
            items.append(None if fields is None else {})
        elif fields is None and isinstance(item, Scalar):
            items.append(_text(item))
        elif fields is not None and isinstance(item, Mapping):
            items.append(_struct(item, fields, (*path, len(items)), out))
        else:
            out.problems.append((item.line, WRONG_TYPE))
            items.append(to_plain(item))
            failed = True
    if failed:
        out.bad.add(path)
    return items


def _desc_map(node: Mapping, fields: tuple[Field, ...], path: Path, out: Decoded) -> dict[str, Any]:
    """Language tag -> description; a description's own keys at this level lack a language.

    ``description: {shortDescription: …}`` (no ``en:``) is invalid, as the standard and
    the reference say, but it is not read as a language named ``shortDescription``: one
    error names the keys, and they are read as the file's first available language.
    """
    names = {spec.name for spec in fields}
    stray = [e for e in node.items if e.key in names]
    if stray:
        # The tree itself is rewritten, so later findings (description.en.features is
        # missing) are placed at the keys' lines.
        node.items[:] = [e for e in node.items if e not in stray]
        lang = out.default_language
        keys = ", ".join(e.key for e in stray)
        taken = any(e.key == lang for e in node.items)
        out.keyed.append(
            (
                "description",
                f"the language key is missing: {keys} must be under a language "
                f"(description.{lang}.{stray[0].key}); "
                + (f"ignored, '{lang}' is given" if taken else f"read as language '{lang}'"),
            )
        )
        if not taken:
            block = Mapping(stray[0].line, stray[0].column, node.flow, stray)
            node.items.insert(0, Entry(lang, stray[0].line, stray[0].column, block))
    result: dict[str, Any] = {}
    for entry in node.items:
        value = entry.value
        if isinstance(value, Scalar) and value.tag == "null":
            result[entry.key] = {}
        elif isinstance(value, Mapping):
            result[entry.key] = _struct(value, fields, (*path, entry.key), out)
        else:
            result[entry.key] = _wrong(value, (*path, entry.key), out)
    return result
