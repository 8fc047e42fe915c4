"""RDF terms as plain Python values: IRIs as text, literals as numbers, dates, booleans, text.

>>> typed_value("6.0", "http://www.w3.org/2001/XMLSchema#decimal")
Decimal('6.0')
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from diplograph.namespaces import XSD

__all__ = ["python_value", "typed_value"]


def _date(text: str) -> date | str:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def _datetime(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return text


def _boolean(text: str) -> bool:
    return text in {"true", "1"}


#: XSD datatype -> how its lexical form becomes a Python value (others stay text)
_CONVERT: dict[str, Callable[[str], Any]] = {
    str(XSD.string): str,
    str(XSD.integer): int,
    str(XSD.int): int,
    str(XSD.long): int,
    str(XSD.nonNegativeInteger): int,
    str(XSD.positiveInteger): int,
    str(XSD.decimal): Decimal,
    str(XSD.double): float,
    str(XSD.float): float,
    str(XSD.boolean): _boolean,
    str(XSD.date): _date,
    str(XSD.dateTime): _datetime,
}


def typed_value(lexical: str, datatype: str | None) -> Any:
    """A literal's lexical form as a Python value by its datatype; text when unknown or invalid."""
    convert = _CONVERT.get(datatype or "")
    if convert is None:
        return lexical
    try:
        return convert(lexical)
    except (ValueError, ArithmeticError):
        return lexical


def python_value(term: Node | None) -> Any:
    """An rdflib term as a plain Python value: IRIs as text, literals as numbers, dates, text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language:
            return str(term)
        return typed_value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)
