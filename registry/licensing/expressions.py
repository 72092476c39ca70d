"""SPDX licence expressions: parse, normalise, compare.

Every licence statement the registry collects (a manifest field, a publiccode.yml
``legal.license``, an ``SPDX-License-Identifier`` header, a file holding only an
expression) passes through :func:`normalise_expression`, so that ``gpl-2.0+`` and
``GPL-2.0-or-later`` compare equal and deprecated identifiers map to current ones.
``license-expression`` does the boolean parsing; this module adds ``LicenseRef-``
support and a loose "same licence family" comparison used to flag disagreements.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from license_expression import ExpressionError, Licensing, get_spdx_licensing

__all__ = [
    "is_expression_only",
    "licence_family",
    "licence_ids",
    "normalise_expression",
    "same_licences",
]

_LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+$")
# An expression is short and made of identifiers, operators and brackets only.
_EXPRESSION_CHARS = re.compile(r"^[A-Za-z0-9.+\-:() ]+$")
_FAMILY_SUFFIX = re.compile(r"(-only|-or-later|\+)$")


@cache
def spdx_licensing() -> Licensing:
    """The SPDX symbol table, one per process: building it indexes thousands of keys
    (50 ms each time), so every module that parses expressions shares this one."""
    return get_spdx_licensing()


_licensing = spdx_licensing


def normalise_expression(text: str) -> str | None:
    """Return the canonical SPDX form of ``text``, or None when it is no valid expression.

    >>> normalise_expression("mit or gpl-2.0+")
    'MIT OR GPL-2.0-or-later'
    """
    candidate = " ".join(text.strip().strip("\"'`").split())
    if not candidate or len(candidate) > 300 or not _EXPRESSION_CHARS.match(candidate):
        return None
    licensing = _licensing()
    try:
        parsed: Any = licensing.parse(candidate, validate=False, strict=True)
    except (ExpressionError, IndexError, AssertionError):
        # boolean.py, under license-expression, raises IndexError on "( )" and fails an
        # assertion on some operator sequences instead of a parse error (property tests).
        return None
    if parsed is None:
        return None
    keys = licensing.license_keys(parsed, unique=True)
    unknown = list(licensing.unknown_license_keys(parsed, unique=True))
    plus = {key: known for key in unknown if (known := _known_plus(key))}
    if any(not _LICENSE_REF.match(key) and key not in plus for key in unknown) or not keys:
        return None
    rendered: str = parsed.render("{symbol.key}")
    for key, known in plus.items():  # "EUPL-1.1+" is valid SPDX: EUPL-1.1 or a later version
        rendered = re.sub(rf"(?<![\w.\-+]){re.escape(key)}(?![\w.\-+])", known, rendered)
    return rendered


def _known_plus(key: str) -> str | None:
    """``eupl-1.1+`` -> ``EUPL-1.1+`` when the base is a listed licence without an -or-later id."""
    if not key.endswith("+") or key.count("+") != 1:
        return None
    base: Any = _licensing().parse(key[:-1], validate=False)
    if base is None or list(_licensing().unknown_license_keys(base)):
        return None
    return f"{base.render('{symbol.key}')}+"


def licence_ids(expression: str) -> frozenset[str]:
    """The licence identifiers named in a normalised expression (operators dropped)."""
    parsed: Any = _licensing().parse(expression, validate=False)
    return frozenset(_licensing().license_keys(parsed, unique=True))


def licence_family(licence_id: str) -> str:
    """``GPL-3.0-only`` and ``GPL-3.0-or-later`` share the family ``GPL-3.0``.

    A bare GPL text cannot say whether "or later" applies, so comparisons between a
    declared expression and a detected text are made per family.
    """
    return _FAMILY_SUFFIX.sub("", licence_id)


def is_expression_only(text: str) -> str | None:
    """If ``text`` holds nothing but an SPDX expression, return it normalised.

    A ``LICENSE`` file reading ``MIT OR EUPL-1.1`` declares an expression; it is not a
    licence text. An ``SPDX-License-Identifier:`` prefix is accepted as well.
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) != 1 or len(lines[0]) > 200:
        return None
    line = lines[0]
    prefix = "SPDX-License-Identifier:"
    if line.lower().startswith(prefix.lower()):
        line = line[len(prefix) :]
    # Identifiers carry a digit, a dash or an upper-case letter; plain prose does not parse.
    return normalise_expression(line)


def same_licences(one: str | None, other: str | None) -> bool:
    """True when two expressions name the same licence families (``-only``/``-or-later``
    and OR/AND aside): the test for "the declared and the detected licence agree"."""
    a = normalise_expression(one) if one else None
    b = normalise_expression(other) if other else None
    if a is None or b is None:
        return a == b or not (one and other)
    return {licence_family(i) for i in licence_ids(a)} == {
        licence_family(i) for i in licence_ids(b)
    }
