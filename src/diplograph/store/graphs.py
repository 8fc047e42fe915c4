"""Graphs that stay in Oxigraph: what CONSTRUCT and DESCRIBE give on an Oxigraph store, as an
rdflib :class:`~rdflib.Graph` filled without Python work per triple, and N-Triples of any graph.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any, overload

import pyoxigraph as ox
from rdflib import BNode, Graph

from diplograph.namespaces import bind_prefixes
from diplograph.store.oxrdflib_store import result_store_type

if TYPE_CHECKING:
    pass

__all__ = ["OxigraphGraph", "first_triples", "ntriples_text"]


#: rdflib format name -> the Oxigraph format an OxigraphGraph writes it in
_OXIGRAPH_WRITES = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "text/turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nt11": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class OxigraphGraph(Graph):
    """An rdflib graph kept in a pyoxigraph store in memory: what CONSTRUCT and DESCRIBE give
    on Oxigraph.

    Filling it takes no Python work per triple (:meth:`from_ntriples` parses in Rust), and rdflib
    terms are made only when the graph is read (iterated, searched, compared). Otherwise it is an
    rdflib :class:`~rdflib.Graph` like any other: ``len``, iteration, ``triples``, ``add``,
    ``remove``, ``+=``, SPARQL (by rdflib's engine) and ``serialize``. Turtle, N-Triples, JSON-LD
    and RDF/XML are written by Oxigraph, subjects in order, with the bound prefixes the triples
    use; N-Triples come one triple a line, sorted. Other formats go through rdflib's writers.
    """

    def __init__(self) -> None:
        identifier = BNode()  # its own name, as every rdflib Graph()
        self._results: Any = result_store_type()(ox.BlankNode(identifier))
        super().__init__(store=self._results, identifier=identifier)

    @classmethod
    def from_ntriples(cls, data: bytes) -> OxigraphGraph:
        """A graph of the triples in ``data`` (N-Triples, as Oxigraph writes query results),
        with diplograph's prefixes bound.

        Oxigraph loads them the first time the graph is read or changed; ``len`` and
        :meth:`serialize` take them as they are, one triple a line (Oxigraph's store would write
        a typed literal of a query's own, such as ``1.50``, in its canonical form ``1.5``).
        """
        graph = cls()
        graph._results.pending = data or None
        bind_prefixes(graph)
        return graph

    def sorted_ntriples(self) -> bytes:
        """The triples as N-Triples, one a line, in order (as sorted text)."""
        pending: bytes | None = self._results.sorted_pending()
        if pending is not None:
            return pending
        inner = self._results.loaded()
        dump = inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=self._results.name)
        lines = (dump or b"").split(b"\n")
        lines.pop()  # after the last line's end
        lines.sort()
        return b"\n".join(lines) + b"\n" if lines else b""

    def _written(self, fmt: ox.RdfFormat, base: str | None) -> bytes:
        data = self.sorted_ntriples()
        if fmt == ox.RdfFormat.N_TRIPLES:
            return data
        if fmt == ox.RdfFormat.RDF_XML and b"\\r" in data:
            # Oxigraph writes a carriage return as it is, which XML readers turn into a line feed;
            # rdflib writes &#13;
            raise ValueError("a literal with a carriage return")
        prefixes = {
            prefix: str(namespace)
            for prefix, namespace in self.namespaces()
            if b"<" + str(namespace).encode() in data  # only those in use, as rdflib writes them
        }
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)  # in order: subjects together
        return ox.serialize(triples, format=fmt, prefixes=prefixes, base_iri=base) or b""

    @overload
    def serialize(
        self, destination: None, format: str, base: str | None, encoding: str, **args: Any
    ) -> bytes: ...

    @overload
    def serialize(
        self,
        destination: None = ...,
        format: str = ...,
        base: str | None = ...,
        *,
        encoding: str,
        **args: Any,
    ) -> bytes: ...

    @overload
    def serialize(
        self,
        destination: None = ...,
        format: str = ...,
        base: str | None = ...,
        encoding: None = ...,
        **args: Any,
    ) -> str: ...

    @overload
    def serialize(
        self,
        destination: str | PurePath | IO[bytes],
        format: str = ...,
        base: str | None = ...,
        encoding: str | None = ...,
        **args: Any,
    ) -> Graph: ...

    @overload
    def serialize(
        self,
        destination: str | PurePath | IO[bytes] | None = ...,
        format: str = ...,
        base: str | None = ...,
        encoding: str | None = ...,
        **args: Any,
    ) -> bytes | str | Graph: ...

    def serialize(
        self,
        destination: str | PurePath | IO[bytes] | None = None,
        format: str = "turtle",
        base: str | None = None,
        encoding: str | None = None,
        **args: Any,
    ) -> bytes | str | Graph:
        """As :meth:`rdflib.Graph.serialize`; Oxigraph writes the formats it knows (see above).

        JSON-LD takes rdflib's ``indent``; other options, encodings but UTF-8 and URLs as
        destinations go to rdflib's writers.
        """
        fmt = _OXIGRAPH_WRITES.get(format)
        indent = args.pop("indent", None) if fmt == ox.RdfFormat.JSON_LD else None
        plain = fmt is not None and not args and encoding in (None, "utf-8", "utf8")
        url = isinstance(destination, str) and ":" in destination.split("/", 1)[0]
        if fmt is None or not plain or url:
            if indent is not None:
                args["indent"] = indent
            return super().serialize(destination, format, base, encoding, **args)
        try:
            data = self._written(fmt, base or self.base)
        except (ValueError, SyntaxError, OSError):  # e.g. a predicate RDF/XML cannot write
            if indent is not None:
                args["indent"] = indent
            return super().serialize(destination, format, base, encoding, **args)
        if indent is not None:
            data = json.dumps(json.loads(data), indent=indent, ensure_ascii=False).encode()
        if destination is None:
            return data if encoding is not None else data.decode("utf-8")
        if isinstance(destination, str | PurePath):
            Path(destination).write_bytes(data)
        else:
            destination.write(data)
        return self


def ntriples_text(graph: Graph) -> str:
    """The triples of ``graph`` as N-Triples, one a line, sorted.

    An :class:`OxigraphGraph` is written by Oxigraph (lexical forms as stored), other graphs by
    rdflib's N-Triples writer: either way a line break in a literal is ``\\n`` (``n3()`` would
    write a Turtle long string, which no N-Triples parser reads).
    """
    if isinstance(graph, OxigraphGraph):
        return graph.sorted_ntriples().decode("utf-8")
    written = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # split at line feeds only: str.splitlines would also cut at a U+2028 inside a literal
    return "".join(sorted(line + "\n" for line in written.split("\n") if line))


def first_triples(graph: Graph, count: int) -> Graph:
    """A graph of the first ``count`` triples of ``graph``, with its prefixes: an
    :class:`OxigraphGraph`'s first in N-Triples order, cut as text (no term made for the rest).
    """
    if isinstance(graph, OxigraphGraph):
        lines = graph.sorted_ntriples().split(b"\n")[:count]
        return OxigraphGraph.from_ntriples(b"".join(line + b"\n" for line in lines if line))
    head = Graph()
    for prefix, namespace in graph.namespaces():
        head.bind(prefix, namespace)
    for triple in islice(graph, count):
        head.add(triple)
    return head
