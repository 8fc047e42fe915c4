"""The store seam: the one small protocol every RDF read and write goes through.

A :class:`Store` is diplograph's catalogue of loaded files (:mod:`~diplograph.store.catalogue`)
composed over an engine it holds (:attr:`Store.engine`, :mod:`~diplograph.store.engine`: queries
on the union of all graphs, updates, named graphs, and how other processes reach its data), with
the built-in graph kept current by a part it has (:mod:`~diplograph.store.builtin`). Each engine
(:mod:`~diplograph.store.oxigraph`, :mod:`~diplograph.store.rdflib_store`,
:mod:`~diplograph.store.remote`) implements the engine protocol and nothing above it; the store
passes the engine's public methods through, so callers need no more than a store. The names below
are importable from here, where every layer above finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from diplograph.store.binding import Binding, SparqlText
from diplograph.store.builtin import BuiltinGraph
from diplograph.store.catalogue import (
    BUILTIN_GRAPH,
    SOURCE_GRAPH,
    TEMPORARY_GRAPH,
    Catalogue,
    LoadedSource,
    own_quads,
)
from diplograph.store.engine import Answer, Engine, Progress
from diplograph.store.service import ServicePolicy
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

#: a query's parameters: variable name -> the value (or values) bound to it
_Bindings = Mapping[str, Binding]


class Store(Catalogue):
    """An RDF store diplograph reads and writes through: the catalogue of loaded files and the
    built-in graph over ``engine``; see the module docstring."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        #: diplograph's ontology and graph files, kept current through the catalogue
        self.builtin_graph = BuiltinGraph(self)

    def ensure_builtin(self) -> None:
        """Load the built-in files that are missing or changed, drop old ones and what an
        interrupted command left (read-only: say so in :attr:`notes`); see
        :meth:`BuiltinGraph.ensure <diplograph.store.builtin.BuiltinGraph.ensure>`. Where the
        engine does not know its default graph to be the union (an endpoint), check it then."""
        self.builtin_graph.ensure()
        if not self.engine.union_default:
            self.builtin_graph.check_union_default()

    # ---------------------------------------------------------------- the engine's, passed through

    @property
    def spec(self) -> str:
        """The store string it was opened with, e.g. ``memory`` or ``oxigraph:/path``."""
        return self.engine.spec

    @property
    def writable(self) -> bool:
        """Whether loads, drops and updates are allowed."""
        return self.engine.writable

    @property
    def parallel_queries(self) -> bool:
        """Whether two threads may query at once (see :meth:`query_pool`)."""
        return self.engine.parallel_queries

    @property
    def notes(self) -> list[str]:
        """Things a user should know about this store (an outdated built-in graph ...)."""
        return self.engine.notes

    @property
    def generation(self) -> int:
        """Bumped on every write this process makes; caches (the name index) key on it."""
        return self.engine.generation

    @property
    def report(self) -> Callable[[str], None] | None:
        """Told, as it starts, of long housekeeping the store does on its own."""
        return self.engine.report

    @report.setter
    def report(self, report: Callable[[str], None] | None) -> None:
        self.engine.report = report

    @property
    def service(self) -> ServicePolicy:
        """Whether queries may make network requests (SERVICE, LOAD), for how long at most."""
        return self.engine.service

    @service.setter
    def service(self, policy: ServicePolicy) -> None:
        self.engine.service = policy

    def query(
        self, text: str, bindings: _Bindings | None = None, *, shape: SparqlText | None = None
    ) -> Answer:
        """See :meth:`Engine.query <diplograph.store.engine.Engine.query>`."""
        return self.engine.query(text, bindings, shape=shape)

    def select_values(
        self, text: str, bindings: _Bindings | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """See :meth:`Engine.select_values <diplograph.store.engine.Engine.select_values>`."""
        return self.engine.select_values(text, bindings)

    def update(self, text: str) -> None:
        """See :meth:`Engine.update <diplograph.store.engine.Engine.update>`."""
        self.engine.update(text)

    def query_pool(self) -> ThreadPoolExecutor:
        """See :meth:`Engine.query_pool <diplograph.store.engine.Engine.query_pool>`."""
        return self.engine.query_pool()

    def __len__(self) -> int:
        """Triples in all graphs."""
        return len(self.engine)

    def graphs(self) -> dict[str, int]:
        """Named graph -> number of triples in it."""
        return self.engine.graphs()

    def triples_in(self, graph: str) -> int:
        """How many triples the named graph ``graph`` holds."""
        return self.engine.triples_in(graph)

    def graph_names(self) -> list[str]:
        """The named graphs the store holds: loaded files, and any a SPARQL update made."""
        return self.engine.graph_names()

    def default_graph_ntriples(self) -> str:
        """See :meth:`Engine.default_graph_ntriples
        <diplograph.store.engine.Engine.default_graph_ntriples>`."""
        return self.engine.default_graph_ntriples()

    def graph_ntriples(self, graph: str) -> str:
        """One named graph's triples as N-Triples text."""
        return self.engine.graph_ntriples(graph)

    def dump_ntriples(self, graphs: Sequence[str] | None = None) -> Iterator[str]:
        """N-Quads lines of ``graphs`` (all named graphs when None), for backups and servers."""
        return self.engine.dump_ntriples(graphs)

    def unowned(self, iris: Sequence[str]) -> set[str]:
        """See :meth:`Engine.unowned <diplograph.store.engine.Engine.unowned>`."""
        return self.engine.unowned(iris)

    def describe(self) -> str:
        """One line saying what this store is, for messages."""
        return self.engine.describe()

    def keep_lock(self) -> int | None:
        """See :meth:`Shared.keep_lock <diplograph.store.sharing.Shared.keep_lock>`."""
        return self.engine.keep_lock()

    def own_folder(self) -> Path | None:
        """See :meth:`Shared.own_folder <diplograph.store.sharing.Shared.own_folder>`."""
        return self.engine.own_folder()

    def process_spec(self, *, writable: bool = False) -> str | None:
        """See :meth:`Shared.process_spec <diplograph.store.sharing.Shared.process_spec>`."""
        return self.engine.process_spec(writable=writable)

    def state(self) -> str | None:
        """See :meth:`Shared.state <diplograph.store.sharing.Shared.state>`."""
        return self.engine.state()
