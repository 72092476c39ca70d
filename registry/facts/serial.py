"""Turn frozen fact dataclasses into plain JSON data and back.

Written by hand instead of pulling in a serialisation library: the facts use only
dataclasses, tuples, optional values, ``datetime`` (ISO 8601 with offset) and
``bytes`` (base64), and the reverse direction is driven by the type hints.
"""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any

__all__ = ["from_plain", "to_plain"]


def to_plain(value: object) -> object:
    """Recursively convert facts into dicts, lists and JSON scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(annotation: Any, data: Any) -> Any:  # noqa: PLR0911 - one return per shape
    """Rebuild a value of type ``annotation`` from :func:`to_plain` output."""
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        if data is None:
            return None
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return from_plain(inner, data)
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        return tuple(from_plain(item_type, item) for item in data)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        hints = _hints(annotation)
        known = {f.name for f in dataclasses.fields(annotation)}
        values = {key: from_plain(hints[key], item) for key, item in data.items() if key in known}
        return annotation(**values)
    if annotation is datetime:
        return datetime.fromisoformat(data)
    if annotation is bytes:
        return base64.b64decode(data)
    if annotation is float and isinstance(data, int):
        return float(data)
    return data
