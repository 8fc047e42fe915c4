"""The built-in graph: diplograph's ontology and graph files, kept current in every store.

Each built-in file has a graph named by its content hash, so a changed file gets a new graph and
the old one is dropped; opening a store writable loads what is missing or changed. A read-only
store cannot be fixed: it says what it lacks in its notes instead. :class:`BuiltinGraph` is a
part a store has (``store.builtin_graph``), working through the store's catalogue
(:mod:`~diplograph.store.catalogue`) and the engine the catalogue holds: it holds no state of its
own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from diplograph.digest import sha256_hex
from diplograph.errors import StoreError
from diplograph.namespaces import ONTOLOGY, SPARQL_PROLOGUE
from diplograph.store.binding import substitute
from diplograph.store.catalogue import BUILTIN_GRAPH, SOURCE_GRAPH, TEMPORARY_GRAPH, Catalogue
from diplograph.store.files import builtin_files, data_root_relative
from diplograph.wording import counted

__all__ = ["BuiltinGraph"]

_LOADER_VERSION = "1"  # part of every built-in graph's name: bump to reload them all
#: whether the default graph is the union (it then holds the ontology's own description)
_UNION_DEFAULT = SPARQL_PROLOGUE + substitute(
    "ASK { ?ontology a owl:Ontology }", {"ontology": ONTOLOGY}
)


class BuiltinGraph:
    """The built-in graph of one store, kept current through its catalogue; see the module
    docstring."""

    def __init__(self, store: Catalogue) -> None:
        self.store = store

    def check_union_default(self) -> None:
        """:class:`~diplograph.errors.StoreError` unless the store's default graph is the union
        of its graphs, as every query here expects: asked of an engine that cannot tell by
        itself (:attr:`Engine.union_default <diplograph.store.engine.Engine.union_default>`,
        an endpoint), once the built-in graph is there to be seen in it."""
        engine = self.store.engine
        if not engine._ask(_UNION_DEFAULT):
            raise StoreError(
                f"The endpoint {engine.describe()} holds diplograph's graph in named graphs, but "
                "its default graph is not their union, so queries would see nothing. Start "
                "Oxigraph server with --union-default-graph (Fuseki: tdb2:unionDefaultGraph true)."
            )

    def ensure(self) -> None:
        """Load the built-in ontology and graph files that are missing or changed; drop old ones.

        Each built-in file's graph is named by its content hash, so a changed file gets a new
        graph and the old one is dropped. Also removes graphs of diplograph's that have no commit
        mark: what a load, reload or unload left when it was killed (a writer holds the store's
        lock, so no other process is writing them). Read-only, it says they are there instead.
        """
        store = self.store
        engine = store.engine
        expected: dict[str, Path] = {}
        for path in builtin_files():
            digest = sha256_hex(_LOADER_VERSION.encode() + path.read_bytes())
            expected[f"{BUILTIN_GRAPH}{digest[:16]}/{data_root_relative(path)}"] = path
        present = set(engine._named_graphs())
        complete = {s.graph for s in store.sources()}
        unfinished = sorted(
            g for g in present if g.startswith((SOURCE_GRAPH, BUILTIN_GRAPH)) and g not in complete
        )
        stale = [
            g
            for g in present
            if (g.startswith(BUILTIN_GRAPH) and g in complete and g not in expected)
            or g.startswith(TEMPORARY_GRAPH)
        ]
        missing = [g for g in expected if g not in complete]
        if not stale and not missing and not unfinished:
            return
        if not engine.writable:
            self._note_read_only(unfinished, missing, len(expected), complete)
            return
        self._remove_unfinished(unfinished)
        for graph in stale:
            engine._drop_graph(graph)
        for graph in missing:
            path = expected[graph]
            store._load_into(path, graph, graph, data_root_relative(path), None)

    def _remove_unfinished(self, graphs: Sequence[str]) -> None:
        """Drop graphs an interrupted command left, saying so first (a big one takes a while)."""
        engine = self.store.engine
        for graph in graphs:
            size = engine._count(graph)
            engine._tell(
                f"removing what an interrupted load, reload or unload left in {engine.spec}: "
                f"graph {graph} ({counted(size, 'triple')})"
            )
            engine._drop_graph(graph)

    def _note_read_only(
        self, unfinished: Sequence[str], missing: Sequence[str], expected: int, complete: set[str]
    ) -> None:
        """What a reader should know of a store it cannot fix: an unfinished load (another
        process's, running now, or an interrupted one), an older or missing built-in graph."""
        engine = self.store.engine
        if unfinished:
            sizes = ", ".join(f"{g} ({counted(engine._count(g), 'triple')})" for g in unfinished)
            answers = (
                "Sources, counts and query answers leave it out"
                if engine._leave_out(unfinished)
                else "Sources leave it out; counts and query answers include what it holds"
            )
            engine.notes.append(
                f"The store {engine.spec} holds {counted(len(unfinished), 'unfinished graph')} "
                f"({sizes}): a load, reload or unload that another process is running, or that "
                f"was interrupted. {answers} until it is finished, or the store is next opened "
                "writable (which removes it)."
            )
        if not missing:
            return
        if any(g.startswith(BUILTIN_GRAPH) for g in complete):
            engine.notes.append(
                f"The store {engine.spec} is read-only and holds an older version of "
                f"diplograph's built-in graph ({len(missing)} of {expected} files "
                f"differ); answers use that version. {engine._refresh_hint()}"
            )
            return
        raise StoreError(
            f"The store {engine.spec} lacks diplograph's built-in graph and is read-only. "
            f"{engine._refresh_hint()}"
        )
