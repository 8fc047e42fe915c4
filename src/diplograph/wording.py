"""Counts in words, the same in every message: "1 tie", "2 ties", "1,234 statuses".

One place for the rule, so that no message says "1 ties" or "tie(s)".

>>> counted(1, "tie"), counted(2, "tie"), counted(1234, "status"), counted(0, "category")
('1 tie', '2 ties', '1,234 statuses', '0 categories')
>>> plural("status"), plural("match"), plural("key")
('statuses', 'matches', 'keys')
"""

from __future__ import annotations

__all__ = ["counted", "plural"]


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
