"""Geometry of the activity sparkline: values become SVG polyline points (pure)."""

from __future__ import annotations

from collections.abc import Sequence

WIDTH = 120
HEIGHT = 30
PAD = 2


def sparkline_points(values: Sequence[float], width: int = WIDTH, height: int = HEIGHT) -> str:
    """``"x,y x,y …"`` scaled into the box; the highest value touches the top edge.

    >>> sparkline_points([0, 1, 2], width=10, height=10)
    '2.0,8.0 5.0,5.0 8.0,2.0'
    """
    if not values:
        return ""
    top = max(values) or 1.0
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD
    step = inner_w / (len(values) - 1) if len(values) > 1 else 0.0
    return " ".join(
        f"{PAD + i * step:.1f},{PAD + inner_h - inner_h * v / top:.1f}"
        for i, v in enumerate(values)
    )
