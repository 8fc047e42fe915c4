"""Helpers shared by the map modules: values as text, IRI local names, the large-map limit."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from diplograph.wording import number_text as _number_text
from diplograph.wording import quantity_text as _quantity_text

__all__ = [
    "_LARGE_MAP_EDGES",
    "_dates_text",
    "_finite",
    "_iso",
    "_number_text",
    "_quantity_text",
]

_LARGE_MAP_EDGES = 5_000  # above this, no hover tooltips; ties hidden while dragging, zooming


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _dates_text(begin: str | None, end: str | None) -> str:
    """A tie's valid time in words.

    >>> _dates_text("2025-01-01", None), _dates_text(None, None)
    ('since 2025-01-01', 'not stated')
    >>> _dates_text("2025-01-01", "2025-06-30"), _dates_text(None, "2025-06-30")
    ('2025-01-01 to 2025-06-30', 'until 2025-06-30')
    """
    if begin and end:
        return f"{begin} to {end}"
    if begin:
        return f"since {begin}"
    if end:
        return f"until {end}"
    return "not stated"


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
