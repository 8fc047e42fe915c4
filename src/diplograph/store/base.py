"""The store seam: the one small protocol every RDF read and write goes through.

A :class:`Store` is an engine (:mod:`~diplograph.store.engine`: queries on the union of all
graphs, updates, named graphs) with diplograph's catalogue of loaded files
(:mod:`~diplograph.store.catalogue`), the built-in graph kept current by a part it has
(:mod:`~diplograph.store.builtin`) and the ways other processes reach its data
(:mod:`~diplograph.store.sharing`); each engine (:mod:`~diplograph.store.oxigraph`,
:mod:`~diplograph.store.rdflib_store`, :mod:`~diplograph.store.remote`) implements the engine's
primitives. The names below are importable from here, where every layer above finds them.
"""

from __future__ import annotations

from diplograph.store.builtin import BuiltinGraph
from diplograph.store.catalogue import (
    BUILTIN_GRAPH,
    SOURCE_GRAPH,
    TEMPORARY_GRAPH,
    Catalogue,
    LoadedSource,
    own_quads,
)
from diplograph.store.engine import Answer, Progress
from diplograph.store.sharing import Shared
from diplograph.store.values import python_value, typed_value

__all__ = [
    "BUILTIN_GRAPH",
    "SOURCE_GRAPH",
    "TEMPORARY_GRAPH",
    "Answer",
    "LoadedSource",
    "Progress",
    "Store",
    "own_quads",
    "python_value",
    "typed_value",
]


class Store(Catalogue, Shared):
    """An RDF store diplograph reads and writes through; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        #: diplograph's ontology and graph files, kept current through the catalogue
        self.builtin_graph = BuiltinGraph(self)

    def ensure_builtin(self) -> None:
        """Load the built-in files that are missing or changed, drop old ones and what an
        interrupted command left (read-only: say so in :attr:`notes`); see
        :meth:`BuiltinGraph.ensure <diplograph.store.builtin.BuiltinGraph.ensure>`."""
        self.builtin_graph.ensure()
