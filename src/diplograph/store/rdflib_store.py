"""rdflib's in-memory dataset and SPARQL engine: kept as a store for comparison and small graphs.

It gives the same answers as the other stores (the same parser fills it, the same ``VALUES``
binding runs on it) but its engine evaluates property paths and OPTIONALs per solution, so it
is orders of magnitude slower past a few thousand ties (see ``bench/stores.py``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from diplograph.errors import QueryError
from diplograph.namespaces import bind_prefixes
from diplograph.store.catalogue import own_quads
from diplograph.store.engine import Engine, Progress
from diplograph.store.terms import ox_to_rdflib
from diplograph.store.values import python_value

__all__ = ["RdflibEngine"]


#: held while a query starts or an update runs: an update turns rdflib's module-wide
#: SPARQL_DEFAULT_GRAPH_UNION off, which a query starting then would see
_UNION_SWITCH = threading.RLock()


def _failed(error: Exception, what: str = "query") -> QueryError:
    """rdflib's error (a parse error, or one of its engine's, such as AlreadyBound) as ours."""
    lines = str(error).splitlines()
    message = getattr(error, "msg", None) or (lines[0] if lines else "") or type(error).__name__
    return QueryError(f"the {what} failed ({message}).")


class RdflibEngine(Engine):
    """An rdflib :class:`~rdflib.Dataset` in memory; the default graph is the union of all."""

    #: not rewritten: rdflib reads each USING graph of a rewritten update from the web (by its
    #: IRI), so an update's WHERE here sees the default graph alone (see the update module)
    union_updates = False

    parallel_queries = False

    def __init__(self) -> None:
        super().__init__()
        self.spec = "rdflib"
        self._dataset = Dataset(default_union=True)

    def _run(self, text: str) -> Any:
        try:
            with _UNION_SWITCH:  # rdflib reads the switch as the query starts
                return self._dataset.query(text)
        except Exception as error:  # pyparsing's ParseException and rdflib's evaluation errors
            raise _failed(error) from error

    def _select(self, text: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        result = self._run(text)
        variables = [str(v) for v in (result.vars or [])]
        try:  # rdflib evaluates while the rows are read: its errors come from here too
            return variables, [tuple(row) for row in result]
        except Exception as error:
            raise _failed(error) from error

    def _select_values(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        variables, rows = self._select(text)
        return variables, [tuple(python_value(v) for v in row) for row in rows]

    def _construct(self, text: str) -> Graph:
        result = self._run(text)
        graph = bind_prefixes(Graph())
        if result.graph is not None:
            graph += result.graph
        return graph

    def _ask(self, text: str) -> bool:
        return bool(self._run(text).askAnswer)

    def _update(self, text: str) -> None:
        # rdflib runs an update on the union when SPARQL_DEFAULT_GRAPH_UNION is set, and then
        # fails to add a triple that names no graph (it adds triples where the union takes
        # quads). Off, the update's default graph is the default graph itself, as in Oxigraph.
        import rdflib.plugins.sparql as rdflib_sparql

        with _UNION_SWITCH:  # a module-wide switch: no query starts while it is off
            union = rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION
            rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = False
            try:
                self._dataset.update(text)
            except Exception as error:
                raise _failed(error, "update") from error
            finally:
                rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = union

    def _insert_file(self, path: Path, graph: str, progress: Progress | None) -> None:
        target = self._dataset.graph(URIRef(graph))
        convert = ox_to_rdflib
        target.addN(
            (convert(q.subject), convert(q.predicate), convert(q.object), target)
            for q in own_quads(path)
        )

    def _insert_ntriples(self, text: str, graph: str) -> None:
        self._dataset.graph(URIRef(graph)).parse(data=text, format="nt")

    def _drop_graph(self, graph: str) -> None:
        self._dataset.remove_graph(URIRef(graph))

    def _named_graphs(self) -> list[str]:
        return [
            str(g.identifier)
            for g in self._dataset.graphs()
            if isinstance(g.identifier, URIRef) and len(g) > 0
        ]

    def _default_graph_ntriples(self) -> str:
        own = self._dataset.graph(DATASET_DEFAULT_GRAPH_ID)
        return own.serialize(format="nt") if len(own) else ""

    def _count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(len(g) for g in self._dataset.graphs())
        return len(self._dataset.graph(URIRef(graph)))
