"""The store seam: the one small protocol every RDF read and write goes through.

A :class:`Store` answers SPARQL queries (with parameters bound the same way on every engine,
see :mod:`diplograph.store.binding`), loads files into named graphs, drops graphs, lists them and
counts triples. Queries see the union of all graphs. Each loaded file gets a graph of its own,
described inside itself (``void:Dataset`` with its source file, hash, triple count and load
time), so that it can be listed, reloaded (which replaces it) or removed. A load that fails half
way removes what it wrote: the store is left as it was.

Subclasses implement a handful of primitives (``_select``, ``_construct``, ``_ask``, ``_update``,
``_insert_file``, ``_drop_graph``, ``_named_graphs``, ``_count``); everything else lives here.
"""

from __future__ import annotations

import threading
import uuid
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from diplograph import ntriples
from diplograph.bulk import gc_paused
from diplograph.digest import sha256_file, sha256_hex
from diplograph.errors import DataWarning, DiplographError, QueryError, StoreError
from diplograph.namespaces import DCTERMS, GRAPH, PREFIXES, RDF, VOID, XSD
from diplograph.store.binding import Binding, SparqlText, analyse, bind
from diplograph.store.files import (
    builtin_files,
    data_root_relative,
    ntriples_text,
    parse_quads,
    rdf_format,
)
from diplograph.wording import counted

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

#: named graphs of the built-in ontology and graph files: .../builtin/<content hash>/<path>
BUILTIN_GRAPH = str(GRAPH["builtin/"])
#: named graphs of files loaded with ``diplograph load``
SOURCE_GRAPH = str(GRAPH["source/"])
#: named graphs of ``--data`` files, removed when the command ends (or at the next open)
TEMPORARY_GRAPH = str(GRAPH["temporary/"])
_LOADER_VERSION = "1"  # part of every built-in graph's name: bump to reload them all

#: (bytes read so far, total bytes) -> None; called while a big file loads
Progress = Callable[[int, int], None]


@dataclass
class Answer:
    """A query's answer: rows for SELECT, triples for CONSTRUCT/DESCRIBE, a boolean for ASK."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    graph: Graph | None = None
    boolean: bool | None = None


@dataclass(frozen=True)
class LoadedSource:
    """One loaded file: its named graph, where it came from, how big, when."""

    graph: str
    source: str
    title: str
    triples: int
    loaded: str
    sha256: str

    @property
    def builtin(self) -> bool:
        return self.graph.startswith(BUILTIN_GRAPH)

    @property
    def temporary(self) -> bool:
        return self.graph.startswith(TEMPORARY_GRAPH)


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
    """A literal's lexical form as a Python value by its datatype; text when unknown or invalid.

    >>> typed_value("6.0", "http://www.w3.org/2001/XMLSchema#decimal")
    Decimal('6.0')
    """
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


def _within(seconds: float, work: Callable[[], Answer]) -> Answer:
    """``work()``, or :class:`QueryError` if it takes longer than ``seconds``.

    For queries with a SERVICE clause: the engines' HTTP clients have no timeout of their own. The
    work goes on in a daemon thread, which the process leaves behind when it exits.
    """
    outcome: list[Answer] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except DiplographError as error:
            # a fresh error, without the traceback: its frames hold engine objects that must be
            # freed on this thread (pyoxigraph's results may not be dropped on another)
            failure.append(type(error)(str(error)))
        except Exception as error:
            failure.append(QueryError(f"the query failed ({error})."))

    worker = threading.Thread(target=target, name="diplograph-service-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryError(
            f"The query's SERVICE call got no answer within {seconds:g} s; it was abandoned."
        )
    if failure:
        raise failure[0]
    return outcome[0]


def own_quads(path: Path) -> Iterator[Any]:
    """The quads of an RDF file less those in diplograph's built-in graphs, with a
    :class:`~diplograph.errors.DataWarning` saying how many were left out.

    A dump of a store (``diplograph dump``, a backup) holds the built-in graphs, and a store
    always has its own, current copy of them. Stated twice, every triple multiplies the work of
    the Oxigraph queries that join it (bench/README.md, "Figures that were comments").
    """
    left_out = 0
    for quad in parse_quads(path):
        if getattr(quad.graph_name, "value", "").startswith(BUILTIN_GRAPH):
            left_out += 1
            continue
        yield quad
    if left_out:
        warnings.warn(
            DataWarning(
                f"{path}: left out {counted(left_out, 'quad')} in diplograph's built-in graphs "
                "(the file is a dump of a store?): the store has its own, current copy of them."
            ),
            stacklevel=2,
        )


def _meta_ntriples(graph: str, source: str, title: str, sha256: str, triples: int) -> str:
    """The N-Triples that describe a loaded graph inside itself (written last: the commit mark)."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    g = URIRef(graph)
    return "".join(
        ntriples.triple(g, predicate, value)
        for predicate, value in (
            (RDF.type, VOID.Dataset),
            (DCTERMS.source, URIRef(source)),
            (DCTERMS.title, Literal(title.replace("\n", " "))),
            (DCTERMS.identifier, Literal(f"sha256:{sha256}")),
            (VOID.triples, Literal(str(triples), datatype=XSD.integer)),
            (DCTERMS.modified, Literal(now, datatype=XSD.dateTime)),
        )
    )


_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

_SOURCES_QUERY = (
    _PROLOGUE
    + """
SELECT ?g ?source ?title ?sha ?triples ?modified WHERE {
  GRAPH ?g {
    ?g a void:Dataset ; dcterms:source ?source ; void:triples ?triples .
    OPTIONAL { ?g dcterms:title ?title }
    OPTIONAL { ?g dcterms:identifier ?sha }
    OPTIONAL { ?g dcterms:modified ?modified }
  }
  FILTER(STRSTARTS(STR(?g), STR(GRAPH_NAMESPACE)))
}""".replace("GRAPH_NAMESPACE", f"<{GRAPH}>")
)


class Store(ABC):
    """An RDF store diplograph reads and writes through; see the module docstring."""

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

    def __init__(self) -> None:
        #: bumped on every write this process makes; caches (the name index) key on it
        self.generation = 0
        #: whether queries may call other servers with SERVICE, and for how long at most
        self.allow_service = False
        self.service_timeout = 30.0
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

    @abstractmethod
    def _named_graphs(self) -> list[str]: ...

    @abstractmethod
    def _default_graph_ntriples(self) -> str:
        """The triples of the default graph itself (not the union) as N-Triples text."""

    @abstractmethod
    def _count(self, graph: str | None = None) -> int: ...

    def close(self) -> None:
        """Release the store (flush to disk, close files); the default drops ``--data`` graphs."""
        if self.writable:
            self.drop_temporary()

    # ---------------------------------------------------------------- reading

    def _prepare(
        self, text: str, bindings: Mapping[str, Binding] | None
    ) -> tuple[str, str, SparqlText]:
        shape = analyse(text)
        if shape.form is None:
            what = shape.update_keyword or "this text"
            raise QueryError(
                f"{what} is an update, and updates are not allowed here: only SELECT, "
                "CONSTRUCT, ASK and DESCRIBE queries run. Updates go through 'diplograph load' "
                "and 'unload', or a server started with --allow-update."
            )
        if shape.uses_from:
            raise QueryError(
                "FROM and FROM NAMED are not supported: the default graph is always the union of "
                "all the store's graphs. Use GRAPH <…> { … } in the query to pick one."
            )
        if shape.uses_service and not self.allow_service:
            raise QueryError(
                "The query has a SERVICE clause, which would send a request to another server. "
                "diplograph makes no network request a query asks for unless you pass "
                "--allow-service."
            )
        return shape.form, _PROLOGUE + bind(text, bindings or {}), shape

    def query(self, text: str, bindings: Mapping[str, Binding] | None = None) -> Answer:
        """Run a SPARQL query on the union of all graphs, with ``bindings`` as substitutions."""
        form, full, shape = self._prepare(text, bindings)

        def run() -> Answer:
            if form == "SELECT":
                with gc_paused():
                    variables, rows = self._select(full)
                return Answer(form, variables, rows)
            if form == "ASK":
                return Answer(form, boolean=self._ask(full))
            return Answer(form, graph=self._construct(full))

        if shape.uses_service:  # allowed (else _prepare refused it): bound it in time
            return _within(self.service_timeout, run)
        return run()

    def select_values(
        self, text: str, bindings: Mapping[str, Binding] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A SELECT's rows as plain Python values (IRIs as text): the fast path for big results."""
        form, full, _ = self._prepare(text, bindings)
        if form != "SELECT":
            raise QueryError(f"select_values needs a SELECT query, not {form}.")
        with gc_paused():
            return self._select_values(full)

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

    def sources(self) -> list[LoadedSource]:
        """The loaded files (built-in ones included), in the order of their source."""
        _, rows = self._select_values(_SOURCES_QUERY)
        found = [
            LoadedSource(
                graph=str(g),
                source=str(source),
                title=str(title or ""),
                triples=int(triples),
                loaded=str(modified or ""),
                sha256=str(sha or "").removeprefix("sha256:"),
            )
            for g, source, title, sha, triples, modified in rows
        ]
        return sorted(found, key=lambda s: (not s.builtin, s.source, s.graph))

    # ---------------------------------------------------------------- writing

    def _check_writable(self, what: str) -> None:
        if not self.writable:
            raise StoreError(
                f"The store {self.spec} is read-only, so it cannot {what}. For a SPARQL endpoint, "
                "give the update URL (--update-url or sparql+http://…/query#update=URL)."
            )

    def update(self, text: str) -> None:
        """Run a SPARQL update (for ``serve --allow-update`` and tests; loading has its own API)."""
        self._check_writable("run updates")
        shape = analyse(text)
        if shape.form is not None:
            raise QueryError(f"This is a {shape.form} query, not an update.")
        if shape.uses_service and not self.allow_service:
            raise QueryError(
                "The update has a SERVICE clause; diplograph makes no network request unless "
                "you pass --allow-service."
            )
        if shape.update_keyword == "LOAD" and not self.allow_service:
            raise QueryError(
                "LOAD fetches a document from the network; use 'diplograph load FILE' instead."
            )
        if self.union_updates:
            from diplograph.store.updates import union_update

            text = union_update(text, self._named_graphs(), f"urn:uuid:{uuid.uuid4()}")
        self._update(_PROLOGUE + text)
        self.generation += 1

    def load(
        self,
        path: Path | str,
        *,
        temporary: bool = False,
        progress: Progress | None = None,
        source: Path | str | None = None,
    ) -> LoadedSource:
        """Load one RDF file into a named graph of its own, replacing an earlier load of it.

        A failure (malformed file, full disk, interrupt) removes what this load wrote, so the
        store keeps exactly what it had. ``temporary`` graphs are removed by :meth:`close`.
        ``source`` names the file the triples stand for when ``path`` is made from it (an
        importer's N-Triples of a CSV file): the graph is then listed, replaced and unloaded as
        that file, and carries its hash.
        """
        self._check_writable("load files")
        path = Path(path).resolve()
        rdf_format(path)  # a clear error for an unknown suffix, before anything is written
        origin = Path(source).resolve() if source is not None else path
        source_iri = origin.as_uri()
        graph = (TEMPORARY_GRAPH if temporary else SOURCE_GRAPH) + uuid.uuid4().hex
        earlier = [] if temporary else [s for s in self.sources() if s.source == source_iri]
        replaced = [old.graph for old in earlier]
        loaded = self._load_into(path, graph, source_iri, origin.name, progress, origin, replaced)
        for old in earlier:  # no loaded file's any more: an interrupted drop is swept at open
            self._tell(f"removing the earlier copy of {origin} ({counted(old.triples, 'triple')})")
            self._drop_graph(old.graph)
        if temporary:
            self._temporary.append(graph)
        self._warn_if_restating(origin, loaded)  # named as the user knows it (the CSV file)
        return loaded

    def _tell(self, message: str) -> None:
        if self.report is not None:
            self.report(message)

    def _warn_if_restating(self, path: Path, loaded: LoadedSource) -> None:
        """A :class:`~diplograph.errors.DataWarning` if ``loaded`` restates much of what the
        store's other graphs hold, where that costs queries something (Oxigraph); else nothing."""
        return None

    @property
    def _temporary(self) -> list[str]:
        if not hasattr(self, "_temporary_graphs"):
            self._temporary_graphs: list[str] = []
        return self._temporary_graphs

    def _load_into(
        self,
        path: Path,
        graph: str,
        source: str,
        title: str,
        progress: Progress | None,
        origin: Path | None = None,
        replaced: Sequence[str] = (),
    ) -> LoadedSource:
        """Load ``path`` into ``graph``, then commit it (its description, the commit mark, goes
        in as the ``replaced`` graphs' go out: see :meth:`_commit`). Until then ``graph`` is no
        loaded file's: readers list it as unfinished, a writable open removes it."""
        self.generation += 1
        try:
            self._insert_file(path, graph, progress)
            triples = self._count(graph)
            sha = sha256_file(origin or path)
            self._commit(graph, _meta_ntriples(graph, source, title, sha, triples), replaced)
        except BaseException as error:
            if self._committed(graph):  # stopped just after its commit: it is loaded
                raise
            if isinstance(error, KeyboardInterrupt):
                self._tell(f"interrupted: removing what was loaded of {origin or path}")
            self._undo(graph, error)
            raise
        return LoadedSource(graph, source, title, triples, "", sha)

    def _committed(self, graph: str) -> bool:
        """Whether ``graph`` has its commit mark (its description of itself)."""
        return self._ask(f"ASK {{ GRAPH <{graph}> {{ <{graph}> a <{VOID.Dataset}> }} }}")

    def _undo(self, graph: str, error: BaseException) -> None:
        """Drop the half-written ``graph`` after ``error``; if that fails too, ``error`` stays the
        error (the cause, not the cleanup), its message saying what was left behind."""
        try:
            self._drop_graph(graph)
        except Exception as cleanup:
            left = (
                f" Removing what was written failed too ({cleanup}): the graph <{graph}> may "
                "hold part of the file; the next writable open of the store removes it."
            )
            if isinstance(error, DiplographError) and error.args:
                error.args = (f"{error.args[0]}{left}", *error.args[1:])
            else:
                error.add_note(left.strip())

    def unload(self, source: str) -> list[LoadedSource]:
        """Remove the graphs loaded from ``source`` (a path, file name, file URI or graph IRI)."""
        self._check_writable("unload files")
        matches = self.find_sources(source)
        if not matches:
            known = ", ".join(s.title for s in self.sources() if not s.builtin) or "none"
            raise StoreError(f"No loaded source matches {source!r}; loaded files: {known}.")
        builtin = [s for s in matches if s.builtin]
        if builtin:
            raise StoreError(f"{source!r} is part of the built-in graph, which is always loaded.")
        self._hide(*(match.graph for match in matches))  # gone from the catalogue at once
        self.generation += 1
        for match in matches:
            self._drop_graph(match.graph)
        return matches

    def find_sources(self, text: str) -> list[LoadedSource]:
        """Loaded sources named by ``text``: graph IRI, file URI, path or bare file name."""
        candidates = {text}
        path = Path(text).expanduser()
        if path.exists() or "/" in text or "\\" in text:
            candidates.add(path.resolve().as_uri())
        return [
            s
            for s in self.sources()
            if s.graph in candidates or s.source in candidates or s.title == text
        ]

    def drop_temporary(self) -> None:
        """Remove the graphs of ``--data`` files loaded by this process."""
        while self._temporary:
            self._drop_graph(self._temporary.pop())
        self.generation += 1

    # ---------------------------------------------------------------- the built-in graph

    def ensure_builtin(self) -> None:
        """Load the built-in ontology and graph files that are missing or changed; drop old ones.

        Each built-in file's graph is named by its content hash, so a changed file gets a new
        graph and the old one is dropped. Also removes graphs of diplograph's that have no commit
        mark: what a load, reload or unload left when it was killed (a writer holds the store's
        lock, so no other process is writing them). Read-only, it says they are there instead.
        """
        expected: dict[str, Path] = {}
        for path in builtin_files():
            digest = sha256_hex(_LOADER_VERSION.encode() + path.read_bytes())
            expected[f"{BUILTIN_GRAPH}{digest[:16]}/{data_root_relative(path)}"] = path
        present = set(self._named_graphs())
        complete = {s.graph for s in self.sources()}
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
        if not self.writable:
            self._note_read_only(unfinished, missing, len(expected), complete)
            return
        self._remove_unfinished(unfinished)
        for graph in stale:
            self._drop_graph(graph)
        for graph in missing:
            path = expected[graph]
            self._load_into(path, graph, graph, data_root_relative(path), None)

    def _remove_unfinished(self, graphs: Sequence[str]) -> None:
        """Drop graphs an interrupted command left, saying so first (a big one takes a while)."""
        for graph in graphs:
            size = self._count(graph)
            self._tell(
                f"removing what an interrupted load, reload or unload left in {self.spec}: "
                f"graph {graph} ({counted(size, 'triple')})"
            )
            self._drop_graph(graph)

    def _note_read_only(
        self, unfinished: Sequence[str], missing: Sequence[str], expected: int, complete: set[str]
    ) -> None:
        """What a reader should know of a store it cannot fix: an unfinished load (another
        process's, running now, or an interrupted one), an older or missing built-in graph."""
        if unfinished:
            sizes = ", ".join(f"{g} ({counted(self._count(g), 'triple')})" for g in unfinished)
            self.notes.append(
                f"The store {self.spec} holds {counted(len(unfinished), 'unfinished graph')} "
                f"({sizes}): a load, reload or unload that another process is running, or that "
                "was interrupted. Sources and counts leave it out; query answers include what "
                "it holds until it is finished, or the store is next opened writable (which "
                "removes it)."
            )
        if not missing:
            return
        if any(g.startswith(BUILTIN_GRAPH) for g in complete):
            self.notes.append(
                f"The store {self.spec} is read-only and holds an older version of "
                f"diplograph's built-in graph ({len(missing)} of {expected} files "
                f"differ); answers use that version. {self._refresh_hint()}"
            )
            return
        raise StoreError(
            f"The store {self.spec} lacks diplograph's built-in graph and is read-only. "
            f"{self._refresh_hint()}"
        )

    def _refresh_hint(self) -> str:
        """How to give a read-only store the current built-in graph."""
        return (
            "Load it with 'diplograph --store memory dump --builtin -o builtin.nq' and the "
            "server's loader, or give an update URL (--update-url) and diplograph loads it."
        )

    # ---------------------------------------------------------------- helpers

    def dump_ntriples(self, graphs: Sequence[str] | None = None) -> Iterator[str]:
        """N-Quads lines of ``graphs`` (all named graphs when None), for backups and servers.

        Each graph's triples (:meth:`_graph_ntriples`) are given the graph's name; the default
        graph's own triples are :meth:`default_graph_ntriples`.
        """
        for graph in graphs if graphs is not None else self.graph_names():
            for line in self._graph_ntriples(graph).split("\n"):  # each line ends " ."
                if line:
                    yield f"{line[:-2]} <{graph}> .\n"

    def _graph_ntriples(self, graph: str) -> str:
        """One named graph's triples as N-Triples text (a CONSTRUCT, by :func:`ntriples_text`);
        a store that can write a graph itself does so faster."""
        answer = self._construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
        return ntriples_text(answer)

    def unowned(self, iris: Sequence[str]) -> set[str]:
        """Those of ``iris`` that no graph of diplograph's mentions, only graphs an engine keeps
        of its own (Virtuoso's): ``validate`` leaves out check rows about them. None here."""
        return set()

    def describe(self) -> str:
        """One line saying what this store is, for messages."""
        return self.spec

    def keep_lock(self) -> int | None:
        """Hand the store's lock over to the caller, who keeps it after :meth:`close`: the
        descriptor holding it, for the processes the caller starts to write to the store; None
        for a store without one (in memory, an endpoint)."""
        return None

    def own_folder(self) -> Path | None:
        """A folder of this store's own for files made from its data and kept beside it (the
        aggregated ties): inside the store's folder on disk, under the user cache for an
        endpoint (named by its address); None when the data lives in this process only."""
        if self.process_spec() is None:
            return None
        import os

        from platformdirs import user_cache_dir

        cache = os.environ.get("DIPLOGRAPH_CACHE") or user_cache_dir("diplograph", appauthor=False)
        name = sha256_hex(self.spec)[:16]
        return Path(cache) / "stores" / name

    def process_spec(self, *, writable: bool = False) -> str | None:
        """A store string another process can open to reach this store's data (read-only unless
        ``writable``), or None when the data lives in this process only, so that a forked child
        shares it: how ``diplograph serve`` gives its killable worker processes the store."""
        return None

    def state(self) -> str | None:
        """A token naming what the store holds now: every write through this seam, by this
        process or another, gives a new one, so that files derived from the data can be kept
        and known current (:mod:`diplograph.store.derived`). None when it cannot be told (a
        store in memory, an endpoint others may write to, a write in progress)."""
        return None
