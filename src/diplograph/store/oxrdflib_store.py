"""The one reach into oxrdflib's internals: an rdflib store over a pyoxigraph store in memory,
for the graphs CONSTRUCT and DESCRIBE give on Oxigraph (:mod:`~diplograph.store.graphs`).

oxrdflib keeps its pyoxigraph store behind a private property, ``_inner``; the store here
overrides it to load N-Triples into the pyoxigraph store only when the graph is first read, and
reads quads from it directly. ``tests/test_patches.py`` pins what this relies on (``_inner`` a
property of ``oxrdflib.OxigraphStore`` giving the store it was made with), so that an oxrdflib
release that changes it fails a test rather than a user's query.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

from diplograph.store.terms import cached_converter, rdflib_to_ox

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query, Update
    from rdflib.query import Result

__all__ = ["result_store_type"]


@functools.cache
def result_store_type() -> type[Any]:
    """The class of an :class:`~diplograph.store.graphs.OxigraphGraph`'s store, made on first
    use: oxrdflib loads rdflib's SPARQL engine, which no command needs until it reads a
    CONSTRUCT's graph."""
    import oxrdflib

    class _ResultStore(oxrdflib.OxigraphStore):
        """oxrdflib's rdflib store over a pyoxigraph store in memory, for an OxigraphGraph.

        It reads back the same rdflib terms as every other store (a plain string stays a
        plain :class:`~rdflib.Literal`, where oxrdflib gives an ``xsd:string`` one), counts
        without a query and leaves SPARQL on the graph to rdflib's engine, so that answers do
        not depend on the store.

        It may start with N-Triples not yet loaded (``pending``), loaded in Rust when the store
        is first used: counting and writing the triples out need no store (see
        ``OxigraphGraph``).
        """

        def __init__(self, name: ox.BlankNode) -> None:
            super().__init__(store=ox.Store())
            #: the graph's name in the pyoxigraph store
            self.name = name
            #: N-Triples of the graph, not loaded yet
            self.pending: bytes | None = None
            self._pending_sorted = False

        @property
        def _inner(self) -> ox.Store:
            store: ox.Store = super()._inner
            if self.pending is not None:
                data, self.pending = self.pending, None
                store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self.name)
            return store

        def loaded(self) -> ox.Store:
            """The pyoxigraph store, with the pending N-Triples loaded into it."""
            return self._inner

        def sorted_pending(self) -> bytes | None:
            """The pending N-Triples, one triple a line, sorted, each once; None once loaded."""
            if self.pending is not None and not self._pending_sorted:
                lines = set(self.pending.split(b"\n"))
                lines.discard(b"")
                self.pending = b"".join(line + b"\n" for line in sorted(lines))
                self._pending_sorted = True
            return self.pending

        def triples(
            self,
            triple_pattern: tuple[Node | None, Node | None, Node | None],
            context: Graph | None = None,
        ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
            try:
                subject, predicate, object_ = (rdflib_to_ox(term) for term in triple_pattern)
                name = None if context is None else rdflib_to_ox(context.identifier)
                quads = self._inner.quads_for_pattern(subject, predicate, object_, name)
            except (TypeError, ValueError):  # no match: a literal subject, a variable, a path
                return iter(())
            return self._matches(quads, context)

        def _matches(
            self, quads: Iterator[ox.Quad], context: Graph | None
        ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
            convert = cached_converter()
            graphs: dict[Any, Graph] = {}
            for quad in quads:
                graph = context
                if graph is None:
                    graph = graphs.get(quad.graph_name)
                    if graph is None:
                        name = quad.graph_name
                        identifier = (
                            DATASET_DEFAULT_GRAPH_ID
                            if isinstance(name, ox.DefaultGraph)
                            else convert(name)
                        )
                        graph = graphs[name] = Graph(store=self, identifier=identifier)
                triple = (convert(quad.subject), convert(quad.predicate), convert(quad.object))
                yield triple, iter((graph,))

        def __len__(self, context: Graph | None = None) -> int:
            pending = self.pending
            if pending is not None and (
                context is None or rdflib_to_ox(context.identifier) == self.name
            ):
                if self._pending_sorted:
                    return pending.count(b"\n")
                lines = set(pending.split(b"\n"))  # each triple once, without sorting them yet
                lines.discard(b"")
                return len(lines)
            # the store of an OxigraphGraph holds that graph alone: count its quads, not DISTINCT
            named = list(islice(self._inner.named_graphs(), 2))
            default = self._inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if next(default, None) is None and (
                not named
                or (
                    len(named) == 1
                    and (context is None or rdflib_to_ox(context.identifier) == named[0])
                )
            ):
                return len(self._inner)
            return super().__len__(context)

        def query(
            self,
            query: Query | str,
            initNs: Mapping[str, Any],
            initBindings: Mapping[str, Identifier],
            queryGraph: str,
            **kwargs: object,
        ) -> Result:
            raise NotImplementedError  # rdflib's engine answers, as on any rdflib graph

        def update(
            self,
            update: Update | str,
            initNs: Mapping[str, Any],
            initBindings: Mapping[str, Identifier],
            queryGraph: str,
            **kwargs: object,
        ) -> None:
            raise NotImplementedError

    return _ResultStore
