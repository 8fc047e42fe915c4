"""Counts and numbers in words, the same in every message: "1 tie", "2 ties", "1,234 statuses".

One place for the rule, so that no message says "1 ties", "tie(s)" or "69172".

>>> counted(1, "tie"), counted(2, "tie"), counted(1234, "status"), counted(0, "category")
('1 tie', '2 ties', '1,234 statuses', '0 categories')
>>> plural("status"), plural("match"), plural("key")
('statuses', 'matches', 'keys')
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

__all__ = ["counted", "number_text", "plural", "quantity_text"]


def plural(noun: str) -> str:
    """The regular English plural of ``noun`` (of its last word: "event edge" -> "event edges")."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in {"a", "e", "i", "o", "u"}:
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` with thousands separators and ``noun`` in the number it takes.

    ``plural_form`` is for an irregular noun (``counted(2, "analysis", "analyses")``).
    """
    word = noun if count == 1 else (plural_form or plural(noun))
    return f"{count:,} {word}"


def number_text(value: Any) -> str:
    """A quantity or score as people write it.

    >>> number_text(20000), number_text(5.2), number_text(Decimal("1500.0"))
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


def quantity_text(quantity: Any, quantity_max: Any, unit: Any) -> str | None:
    """``quantity`` .. ``quantity_max`` ``unit`` as one phrase, or None when there is none.

    >>> quantity_text(1500, 2000, "troops"), quantity_text(None, 20000, "troops")
    ('1,500–2,000 troops', 'up to 20,000 troops')
    >>> quantity_text(3, None, None) is None, quantity_text(None, None, "troops") is None
    (False, True)
    >>> quantity_text(1, None, "experts"), quantity_text(1, None, "police")
    ('1 expert', '1 police')
    """
    if quantity is None and quantity_max is None:
        return None
    if unit and quantity == 1 and quantity_max in (None, 1) and str(unit).endswith("s"):
        unit = str(unit)[:-1]  # 1 expert, 1 troop (not "1 experts")
    if quantity is None:
        amount = f"up to {number_text(quantity_max)}"
    elif quantity_max is None or quantity_max == quantity:
        amount = number_text(quantity)
    else:
        amount = f"{number_text(quantity)}–{number_text(quantity_max)}"
    return f"{amount} {unit}" if unit else amount
