"""Query parameters: turn the text a user gives into the RDF term of the parameter's type.

>>> from diplograph.queries.catalog import Parameter
>>> bind_value(None, Parameter("asOf", "date"), "2025-10-01")
rdflib.term.Literal('2025-10-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from diplograph.errors import QueryError
from diplograph.iri import parse_iri as parse_iri_text
from diplograph.namespaces import XSD
from diplograph.queries.names import resolve_actor, resolve_concept

if TYPE_CHECKING:
    from diplograph.queries.catalog import NamedQuery, Parameter
    from diplograph.store import Store

__all__ = ["bind_params", "bind_value", "parse_date", "parse_iri"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str, what: str) -> date:
    """A YYYY-MM-DD date (and nothing looser, such as 20250101); :class:`QueryError` otherwise."""
    text = value.strip()
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise QueryError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD.")


def parse_iri(value: str, what: str) -> URIRef:
    """An absolute IRI, ``<IRI>`` or a CURIE with one of diplograph's prefixes
    (:func:`diplograph.iri.parse_iri`); :class:`QueryError` naming ``what`` otherwise."""
    iri = parse_iri_text(value)
    if iri is None:
        raise QueryError(f"{what}: {value!r} is not an absolute IRI or a known CURIE.")
    return URIRef(iri)


def bind_value(store: Store | None, param: Parameter, value: str) -> Identifier:
    """Turn a user's text into the RDF term for ``param``; errors name the parameter."""
    what = f"parameter {param.name!r} ({param.type_spec})"
    if param.type in {"actor", "concept"}:
        if store is None:
            raise QueryError(f"{what}: names are resolved against a store; none was given.")
        if param.type == "actor":
            return resolve_actor(store, value)
        return resolve_concept(store, value, param.scheme)
    if param.type == "iri":
        return parse_iri(value, what)
    if param.type == "date":
        return Literal(parse_date(value, what).isoformat(), datatype=XSD.date)
    if param.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise QueryError(f"{what}: {value!r} is not a whole number.") from None
    if param.type == "decimal":
        try:
            return Literal(Decimal(value))
        except InvalidOperation:
            raise QueryError(f"{what}: {value!r} is not a number.") from None
    return Literal(value)


def bind_params(
    store: Store | None, query: NamedQuery, given: dict[str, str]
) -> dict[str, Identifier]:
    """The bindings of ``query`` for the ``given`` text values (defaults filled in).

    An unknown parameter is an error; an empty value or a parameter with no default stays unbound.
    """
    for name in given:
        query.param(name)  # raises on an unknown parameter
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None and value != "":
            bindings[param.name] = bind_value(store, param, value)
    return bindings
