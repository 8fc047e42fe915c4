"""Terms between the two RDF libraries: pyoxigraph's (what Oxigraph parses and answers) and
rdflib's (what diplograph's answers hold), the same values either way.

>>> ox_to_rdflib(ox.Literal("042"))
rdflib.term.Literal('042')
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from diplograph.namespaces import XSD

__all__ = ["cached_converter", "ox_to_rdflib", "rdflib_to_ox"]


_XSD_STRING = str(XSD.string)


def ox_to_rdflib(term: Any) -> Node:
    """A pyoxigraph term as the rdflib term of the same value."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:  # a plain string, as rdflib's parsers and SPARQL JSON give it
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def cached_converter() -> Any:
    """pyoxigraph term -> rdflib term (as :func:`ox_to_rdflib`), remembering each term: results
    repeat actors, types and dates, and making an rdflib term (a Literal above all) is the slow
    part of a big result."""
    cache: dict[Any, Node] = {}

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        found = cache.get(term)
        if found is None:
            found = cache[term] = ox_to_rdflib(term)
        return found

    return convert


def rdflib_to_ox(term: Node | None) -> Any:
    """An rdflib term of a triple pattern as a pyoxigraph term; TypeError for other patterns."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise TypeError(f"no Oxigraph term for {term!r}")
