"""The engine protocol: what the Oxigraph, rdflib and remote engines implement.

An engine answers SPARQL queries on the union of its graphs (parameters bound the same way on
every engine, see :mod:`diplograph.store.binding`; a query's text is analysed once), runs
updates, adds files and N-Triples to named graphs, and drops, lists, counts and writes out its
graphs. Each engine implements the primitives (``_select``, ``_select_values``, ``_construct``,
``_ask``, ``_update``, ``_insert_file``, ``_insert_ntriples``, ``_drop_graph``,
``_named_graphs``, ``_default_graph_ntriples``, ``_count``) and may change the hooks the
catalogue of loaded files asks of it (``_commit``, ``_hide``, ``_leave_out``, ``_refresh_hint``,
``_warn_if_restating``) and says what it can (:attr:`Engine.union_default`); how its data is
reached from other processes is :mod:`~diplograph.store.sharing`'s part of the protocol; the rest
is here. What diplograph keeps in the graphs (loaded files and their descriptions, the built-in
graph) is not the engine's: a :class:`~diplograph.store.catalogue.Catalogue` holds an engine and
keeps them through it (:mod:`~diplograph.store.catalogue`, :mod:`~diplograph.store.builtin`), as
pyoxigraph's ``Store`` is engine methods only.
"""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from diplograph import ntriples
from diplograph.errors import QueryError, ReadOnlyStore, UpdateRefused
from diplograph.namespaces import SPARQL_PROLOGUE
from diplograph.store.binding import Binding, SparqlText, analyse, bind, substitute
from diplograph.store.graphs import ntriples_text
from diplograph.store.service import ServicePolicy
from diplograph.store.sharing import Shared
from diplograph.store.updates import union_update

if TYPE_CHECKING:
    from diplograph.store.catalogue import LoadedSource

__all__ = ["Answer", "Engine", "Progress", "user_position"]

#: (bytes read so far, total bytes) -> None; called while a big file loads
Progress = Callable[[int, int], None]
#: one graph's triples
_GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


_PROLOGUE_LINES = SPARQL_PROLOGUE.count("\n")
#: where an engine says a syntax error is: Oxigraph "error at 20:26", rdflib "(line:20, col:26)"
_POSITIONS = (
    re.compile(r"(?P<head>error at )(?P<line>\d+)(?P<tail>:\d+)"),
    re.compile(r"(?P<head>\(line:)(?P<line>\d+)(?P<tail>, col:\d+\))"),
)


def user_position(message: str) -> str:
    """An engine's error message with its line numbers counted in the query as written: the
    store puts diplograph's PREFIX lines before it, which the person never saw.

    >>> user_position(f"malformed SPARQL (error at {_PROLOGUE_LINES + 1}:26: expected ...)")
    'malformed SPARQL (error at 1:26: expected ...)'
    """

    def shift(match: re.Match[str]) -> str:
        line = int(match["line"])
        if line <= _PROLOGUE_LINES:
            return match[0]
        return f"{match['head']}{line - _PROLOGUE_LINES}{match['tail']}"

    for pattern in _POSITIONS:
        message = pattern.sub(shift, message)
    return message


@dataclass
class Answer:
    """A query's answer: rows for SELECT, triples for CONSTRUCT/DESCRIBE, a boolean for ASK."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    graph: Graph | None = None
    boolean: bool | None = None


class Engine(Shared, ABC):
    """An RDF engine diplograph reads and writes through; see the module docstring."""

    #: the store string it was opened with, e.g. ``memory`` or ``oxigraph:/path``
    spec: str = ""
    #: whether loads, drops and updates are allowed
    writable: bool = True
    #: whether two threads may query at once (rdflib's engine is not known to be thread-safe)
    parallel_queries: bool = True
    #: whether updates are rewritten to see the union (:mod:`~diplograph.store.updates`): the
    #: engine runs an update's WHERE on its own default graph alone (an endpoint whose default
    #: graph is the union needs nothing)
    union_updates: bool = False
    #: whether the default graph is known to be the union of the named graphs (the engine opens
    #: its dataset so); an endpoint's is whatever its server was started with, so the catalogue
    #: asks the endpoint once the built-in graph is there
    #: (:meth:`~diplograph.store.builtin.BuiltinGraph.check_union_default`)
    union_default: bool = True

    def __init__(self) -> None:
        #: bumped on every write this process makes; caches (the name index) key on it
        self.generation = 0
        #: whether queries may make network requests (SERVICE, LOAD), for how long at most
        self.service = ServicePolicy()
        #: things a user should know about this store (an outdated built-in graph ...)
        self.notes: list[str] = []
        #: told, as it starts, of long housekeeping the store does on its own (removing an earlier
        #: copy of a file, or what an interrupted command left): the command prints it
        self.report: Callable[[str], None] | None = None

    # ---------------------------------------------------------------- primitives

    @abstractmethod
    def _select(self, text: str) -> tuple[list[str], list[tuple[Node | None, ...]]]: ...

    @abstractmethod
    def _select_values(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]: ...

    @abstractmethod
    def _construct(self, text: str) -> Graph: ...

    @abstractmethod
    def _ask(self, text: str) -> bool: ...

    @abstractmethod
    def _update(self, text: str) -> None: ...

    @abstractmethod
    def _insert_file(self, path: Path, graph: str, progress: Progress | None) -> None:
        """Parse ``path`` and add its triples (any named graphs in it merged) to ``graph``."""

    @abstractmethod
    def _insert_ntriples(self, text: str, graph: str) -> None: ...

    @abstractmethod
    def _drop_graph(self, graph: str) -> None: ...

    @abstractmethod
    def _named_graphs(self) -> list[str]: ...

    @abstractmethod
    def _default_graph_ntriples(self) -> str:
        """The triples of the default graph itself (not the union) as N-Triples text."""

    @abstractmethod
    def _count(self, graph: str | None = None) -> int: ...

    def close(self) -> None:
        """Release the engine (flush to disk, close files); nothing by default."""
        return None

    # ---------------------------------------------------------------- hooks of the catalogue
    # what the catalogue of loaded files (:mod:`~diplograph.store.catalogue`) asks of an engine;
    # the defaults suit an engine that can neither choose its dataset nor act at once

    def _commit(self, graph: str, meta: str, replaced: Sequence[str]) -> None:
        """Write ``graph``'s description (its commit mark, N-Triples ``meta``) and take the
        ``replaced`` graphs' marks away; a store that can does it in one transaction, so that
        the catalogue lists either the old copies or the new one, never both, never neither.
        Their data is dropped afterwards (:meth:`_drop_graph`)."""
        self._insert_ntriples(meta, graph)
        for old in replaced:
            self._hide(old)

    def _hide(self, *graphs: str) -> None:
        """Take the commit marks of ``graphs`` away (at once where the store can), so that they
        are no loaded file's any more; their data goes next. By default nothing: dropped next."""
        return None

    def _leave_out(self, graphs: Sequence[str]) -> bool:
        """Leave ``graphs`` (a read-only open found them without their commit mark) out of
        counts and query answers, so that a reader sees a load, reload or unload whole or not at
        all; False where the engine cannot choose its dataset (it answers over every graph)."""
        return False

    def _refresh_hint(self) -> str:
        """How to give a read-only store the current built-in graph."""
        return (
            "Load a dump of it ('diplograph dump --builtin') with the server's own loader, or "
            "open the store with its update URL and diplograph loads it."
        )

    def _warn_if_restating(
        self, path: Path, loaded: LoadedSource, titles: Callable[[], Mapping[str, str]]
    ) -> None:
        """A :class:`~diplograph.errors.DataWarning` if ``loaded`` restates much of what the
        store's other graphs hold, where that costs queries something (Oxigraph); else nothing.
        ``titles()`` gives the loaded files' titles by graph, for the warning to name them."""
        return None

    # ---------------------------------------------------------------- reading

    def _prepare(
        self,
        text: str,
        bindings: Mapping[str, Binding] | None,
        shape: SparqlText | None = None,
    ) -> tuple[str, str, SparqlText]:
        """The form of the query ``text``, the text the engine runs (prologue, bindings) and
        its analysis: made here, once, unless the caller gives it (``shape``)."""
        if shape is None:
            shape = analyse(text)
        if shape.form is None:
            what = shape.update_keyword or "this text"
            raise UpdateRefused(
                f"{what} is an update, and updates are not allowed here: only SELECT, "
                "CONSTRUCT, ASK and DESCRIBE queries run."
            )
        if shape.uses_from:
            raise QueryError(
                "FROM and FROM NAMED are not supported: the default graph is always the union of "
                "all the store's graphs. Use GRAPH <…> { … } in the query to pick one."
            )
        self.service.check(shape)
        return shape.form, SPARQL_PROLOGUE + bind(text, bindings or {}, shape), shape

    def query(
        self,
        text: str,
        bindings: Mapping[str, Binding] | None = None,
        *,
        shape: SparqlText | None = None,
    ) -> Answer:
        """Run a SPARQL query on the union of all graphs, with ``bindings`` as substitutions.

        ``shape`` is the text's :func:`~diplograph.store.binding.analyse`, where the caller has
        it already (the server, which reads the form first).
        """
        form, full, shape = self._prepare(text, bindings, shape)

        def run() -> Answer:
            if form == "SELECT":
                variables, rows = self._select(full)
                return Answer(form, variables, rows)
            if form == "ASK":
                return Answer(form, boolean=self._ask(full))
            return Answer(form, graph=self._construct(full))

        try:
            return self.service.run(shape, run)
        except QueryError as error:
            raise QueryError(user_position(str(error))) from error

    def select_values(
        self, text: str, bindings: Mapping[str, Binding] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A SELECT's rows as plain Python values (IRIs as text): the fast path for big results."""
        form, full, shape = self._prepare(text, bindings)
        if form != "SELECT":
            raise QueryError(f"select_values needs a SELECT query, not {form}.")

        try:
            return self.service.run(shape, lambda: self._select_values(full))
        except QueryError as error:
            raise QueryError(user_position(str(error))) from error

    def query_pool(self) -> ThreadPoolExecutor:
        """Threads that run this store's queries two at a time where its engine allows it (Oxigraph
        releases the GIL while it works), else one at a time: ``with store.query_pool() as pool``.
        """
        return ThreadPoolExecutor(
            2 if self.parallel_queries else 1, thread_name_prefix="diplograph-query"
        )

    def __len__(self) -> int:
        """Triples in all graphs."""
        return self._count()

    def graphs(self) -> dict[str, int]:
        """Named graph -> number of triples in it."""
        return {graph: self._count(graph) for graph in self.graph_names()}

    def triples_in(self, graph: str) -> int:
        """How many triples the named graph ``graph`` holds."""
        return self._count(graph)

    def graph_names(self) -> list[str]:
        """The named graphs the store holds: loaded files, and any a SPARQL update made."""
        return self._named_graphs()

    def default_graph_ntriples(self) -> str:
        """The default graph's own triples as N-Triples: those a SPARQL update wrote without
        naming a graph (loaded files never go there). They are part of every query's union,
        and of a dump, but of no loaded file."""
        return self._default_graph_ntriples()

    def graph_ntriples(self, graph: str) -> str:
        """One named graph's triples as N-Triples text, written by the engine where it can
        (``validate`` hands the graphs it checks whole to the SHACL engine this way)."""
        return self._graph_ntriples(graph)

    def dump_ntriples(self, graphs: Sequence[str] | None = None) -> Iterator[str]:
        """N-Quads lines of ``graphs`` (all named graphs when None), for backups and servers.

        Each graph's triples (:meth:`_graph_ntriples`) are given the graph's name; the default
        graph's own triples are :meth:`default_graph_ntriples`.
        """
        for graph in graphs if graphs is not None else self.graph_names():
            name = ntriples.iri(graph)
            for line in self._graph_ntriples(graph).split("\n"):  # each line ends " ."
                if line:
                    yield f"{line[:-2]} {name} .\n"

    def _graph_ntriples(self, graph: str) -> str:
        """One named graph's triples as N-Triples text (a CONSTRUCT, by :func:`ntriples_text`);
        a store that can write a graph itself does so faster."""
        answer = self._construct(substitute(_GRAPH_TRIPLES, {"g": URIRef(graph)}))
        return ntriples_text(answer)

    def unowned(self, iris: Sequence[str]) -> set[str]:
        """Those of ``iris`` that no graph of diplograph's mentions, only graphs an engine keeps
        of its own (Virtuoso's): ``validate`` leaves out check rows about them. None here."""
        return set()

    def describe(self) -> str:
        """One line saying what this store is, for messages."""
        return self.spec

    # ---------------------------------------------------------------- writing

    def _check_writable(self, what: str) -> None:
        if not self.writable:
            said = f"The store {self.spec} is read-only, so it cannot {what}."
            how = self._writable_how()
            raise ReadOnlyStore(f"{said} {how}" if how else said)

    def _writable_how(self) -> str:
        """How this engine is opened writable, said in store strings; "" when it cannot be."""
        return ""

    def update(self, text: str) -> None:
        """Run a SPARQL update (for a server that accepts them, and tests; loading has its own
        API)."""
        self._check_writable("run updates")
        shape = analyse(text)
        if shape.form is not None:
            raise QueryError(f"This is a {shape.form} query, not an update.")
        self.service.check(shape)
        if self.union_updates:
            text = union_update(text, self._named_graphs(), f"urn:uuid:{uuid.uuid4()}")
        self._update(SPARQL_PROLOGUE + text)
        self.generation += 1

    def _tell(self, message: str) -> None:
        """Say ``message`` to :attr:`report`, if anyone listens."""
        if self.report is not None:
            self.report(message)
