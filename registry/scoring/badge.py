"""Badges for READMEs: an accessible SVG and the shields.io endpoint JSON.

The SVG carries ``role="img"``, an ``aria-label`` and a ``<title>`` with the full text;
every text is XML-escaped. ``badge_data`` adds the full explanation (score, silo, its
reasons, every check with status and evidence) to the shields.io fields; shields.io
itself rejects unknown keys, so ``shields_only`` gives the strict subset.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from registry.entries import in_language
from registry.scoring.rubric import rubric_for_version

__all__ = ["badge_data", "badge_svg", "shields_only", "unknown_badge_svg"]

#: Dark enough for white text (contrast ratio at least 4.5:1).
_COLORS = {"silo": "#b60205", "risk": "#8a4b00", "proven": "#0a6e31", "reusable": "#1f6f3f",
           "basic": "#4d5b00", "none": "#555555"}  # fmt: skip
_WORDS = {"de": {"label": "Nachnutzbarkeit", "silo": "Insellösung", "risk": "Silo-Risiko",
                 "unknown": "unbekannt"},
          "en": {"label": "reuse", "silo": "silo", "risk": "silo risk",
                 "unknown": "unknown"}}  # fmt: skip
_SHIELDS_KEYS = ("schemaVersion", "label", "message", "color", "labelColor", "cacheSeconds")


def _words(lang: str) -> dict[str, str]:
    words = in_language(_WORDS, lang)
    assert words is not None  # both languages are held
    return words


def _message(result: dict[str, Any], lang: str) -> tuple[str, str]:
    words = _words(lang)
    silo = result.get("silo")
    if silo == "silo":
        return words["silo"], _COLORS["silo"]
    rubric = rubric_for_version(str(result.get("rubric_version")))
    level = result.get("level")
    names = {lv.id: lv.name.get(lang) for lv in rubric.levels} if rubric else {}
    message = f"{result.get('score')}/100"
    if level:
        message += f" · {names.get(level, level)}"
    if silo == "risk":
        return f"{message} · {words['risk']}", _COLORS["risk"]
    return message, _COLORS.get(str(level), _COLORS["none"])


def badge_data(result: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """shields.io endpoint fields plus the full explanation of ``result`` (``to_json`` form)."""
    message, color = _message(result, lang)
    return {
        "schemaVersion": 1, "label": _words(lang)["label"],
        "message": message, "color": color, "cacheSeconds": 3600,
        "solution": result.get("solution"), "score": result.get("score"),
        "level": result.get("level"), "silo": result.get("silo"),
        "silo_reasons": result.get("silo_reasons", []), "coverage": result.get("coverage"),
        "rubric_version": result.get("rubric_version"), "commit": result.get("commit"),
        "computed_at": result.get("computed_at"), "checks": result.get("checks", []),
    }  # fmt: skip


def shields_only(data: dict[str, Any]) -> dict[str, Any]:
    """Only the keys the shields.io endpoint schema accepts."""
    return {key: data[key] for key in _SHIELDS_KEYS if key in data}


def _width(text: str) -> int:
    return 10 + round(sum(7.5 if ch.isupper() or ch.isdigit() else 6.2 for ch in text))


def badge_svg(label: str, message: str, color: str) -> str:
    """A flat two-part badge; ``color`` must be a ``#rrggbb`` value (others fall back to grey)."""
    color = color if len(color) == 7 and color.startswith("#") else _COLORS["none"]
    left, right = _width(label), _width(message)
    total = left + right
    text = f"{label}: {message}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f"aria-label={quoteattr(text)}><title>{escape(text)}</title>"
        f'<rect width="{left}" height="20" fill="#555555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        f'<g fill="#ffffff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="5" y="14">{escape(label)}</text>'
        f'<text x="{left + 5}" y="14">{escape(message)}</text></g></svg>'
    )


def unknown_badge_svg(lang: str = "en") -> str:
    """The badge for a slug the registry does not know: still an image, so a README that
    embeds it shows "unknown" instead of a broken picture."""
    words = _words(lang)
    return badge_svg(words["label"], words["unknown"], _COLORS["none"])
