"""Helpers shared by the map modules: values as text, IRI local names, the large-map limit."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Any

__all__ = [
    "_LARGE_MAP_EDGES",
    "_dates_text",
    "_finite",
    "_iso",
    "_number_text",
    "_quantity_text",
]

_LARGE_MAP_EDGES = 5_000  # above this, no hover tooltips; ties hidden while dragging, zooming


def _number_text(value: Any) -> str:
    """A quantity or score as people write it.

    >>> _number_text(20000), _number_text(5.2), _number_text(Decimal("1500.0"))
    ('20,000', '5.2', '1,500')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return f"{int(number):,}"
        return f"{number:,.6g}" if math.isfinite(number) else str(value)
    return str(value)


def _quantity_text(quantity: Any, quantity_max: Any, unit: Any) -> str | None:
    """``quantity`` .. ``quantity_max`` ``unit`` as one phrase, or None when there is none.

    >>> _quantity_text(1500, 2000, "troops"), _quantity_text(None, 20000, "troops")
    ('1,500–2,000 troops', 'up to 20,000 troops')
    >>> _quantity_text(3, None, None) is None, _quantity_text(None, None, "troops") is None
    (False, True)
    """
    if quantity is None and quantity_max is None:
        return None
    if quantity is None:
        amount = f"up to {_number_text(quantity_max)}"
    elif quantity_max is None or quantity_max == quantity:
        amount = _number_text(quantity)
    else:
        amount = f"{_number_text(quantity)}–{_number_text(quantity_max)}"
    return f"{amount} {unit}" if unit else amount


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
