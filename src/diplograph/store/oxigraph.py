"""Oxigraph through pyoxigraph: the embedded store, on disk (the default) or in memory.

Queries run on the union of all graphs; big files go through the bulk loader, small ones through
the transactional one. Results come back either as rdflib terms or, on the fast path used by the
network builder, straight as Python values without making rdflib terms at all. CONSTRUCT and
DESCRIBE results stay in Oxigraph: an :class:`~diplograph.store.graphs.OxigraphGraph`, filled in
Rust, makes rdflib terms only when read and is written out by Oxigraph.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import warnings
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from diplograph import ntriples
from diplograph.digest import sha256_hex
from diplograph.errors import (
    DataWarning,
    QueryError,
    StoreError,
    no_space,
)
from diplograph.store.binding import KEPT_TEXT, scan, substitute
from diplograph.store.catalogue import LoadedSource, own_quads
from diplograph.store.derived import StateFile
from diplograph.store.engine import Engine, Progress
from diplograph.store.files import QUAD_FORMATS, rdf_format
from diplograph.store.graphs import OxigraphGraph
from diplograph.store.parsing import ProgressReader, data_error, screen, term_too_long
from diplograph.store.terms import cached_converter
from diplograph.store.threads import on_thread
from diplograph.store.values import typed_value
from diplograph.wording import counted

__all__ = ["OxigraphEngine"]

#: files bigger than this go to a store on disk through the bulk loader (not transactional: a
#: failed load is undone by dropping its fresh graph, which leaves the store as it was); in memory
#: the transactional loader is as fast
BULK_BYTES = 4 << 20
#: N-Triples go to the bulk loader in pieces of about this many bytes, cut at line ends: the bulk
#: loader holds a whole input in memory while it sorts it, so pieces keep memory flat however big
#: the file (an importer's output) is, at the same speed (bench/import.py)
BULK_PIECE = 16 << 20
#: pieces loaded at once: a piece keeps about one core busy (more than the cores gave nothing:
#: bench/README.md), and each one in flight holds its bytes in memory
BULK_WORKERS = max(2, min(4, os.cpu_count() or 2))

#: triples of a freshly loaded graph looked up in the store's other graphs, and how many of them
#: found there (and what share) get a warning: Oxigraph's queries read a triple once per graph
#: stating it, so a file restating the built-in graph makes its joins many times slower. A
#: thousand find a tenth restated as surely, at a tenth of the cost paid for every loaded file
#: (each a lookup in a freshly bulk-loaded store on disk: bench/README.md, "Importing")
RESTATED_SAMPLE = 1_000
RESTATED_WARNING = 100
RESTATED_SHARE = 0.1
#: the triples of a sample of graph ?self's triples that other graphs hold too (its description
#: of itself is never restated), then where they are; ?self is written in by :func:`_on_graph`
_SAMPLE_RESTATED = f"""
  {{ SELECT ?s ?p ?o WHERE {{ GRAPH ?self {{ ?s ?p ?o }} }} LIMIT {RESTATED_SAMPLE:d} }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?g != ?self)
"""
_RESTATED = (
    "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE {"
    + _SAMPLE_RESTATED
    + "} } }"
)
_RESTATED_WHERE = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { " + _SAMPLE_RESTATED + " } GROUP BY ?g ORDER BY DESC(?n) ?g"
)
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?self { ?s ?p ?o } }"
#: the commit mark of graph ?self (its description of itself) out
_HIDE = "DELETE WHERE { GRAPH ?self { ?self ?p ?o } }"

#: the folder inside a store's own for files derived from its data (see own_folder)
DERIVED = "derived"
#: quads removed a transaction at a time when a big graph on disk is dropped (see _drop_graph)
DROP_BATCH = 50_000
#: the file in a store's folder that a writable open locks (flock) while it has the store
LOCK_FILE = "diplograph.lock"
#: a query or update longer than this (characters, and tokens: comments and spaces left out)
#: runs on a thread of its own with a stack of BIG_STACK bytes (reserved, not used): Oxigraph
#: parses and plans recursively, and a chain of a few thousand operators (``1+1+...``,
#: ``{} UNION {} ...``) overflows a normal thread's stack, which kills the process. Counting
#: tokens allows no deeper text than counting characters did (a token is one character at
#: least), but a named query long for its comments runs where it is called: starting and
#: joining a thread with that stack cost more than Oxigraph's answer to ``troop-contributors``
LONG_TEXT = 4096
BIG_STACK = 512 << 20
_T = TypeVar("_T")

_ESCAPED = re.compile(r"\\(.)")
_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(0)), text)


def tsv_value(cell: str) -> Any:
    """A cell of SPARQL TSV results (a term in Turtle syntax) as a plain Python value.

    >>> tsv_value('"1990-01-01"^^<http://www.w3.org/2001/XMLSchema#date>')
    datetime.date(1990, 1, 1)
    >>> tsv_value("<https://w3id.org/diplograph/id/morocco>"), tsv_value('"a \\"b\\""@en')
    ('https://w3id.org/diplograph/id/morocco', 'a "b"')
    """
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        last = cell[-1]
        if last == '"':
            return _unescape(cell[1:-1])
        if last == ">":
            split = cell.rfind('"^^<')
            return typed_value(_unescape(cell[1:split]), cell[split + 4 : -1])
        return _unescape(cell[1 : cell.rfind('"@')])
    if first == "_":
        return cell
    if cell == "true" or cell == "false":
        return cell == "true"
    if "e" in cell or "E" in cell:
        return float(cell)
    if "." in cell:
        return Decimal(cell)
    return int(cell)


def _on_graph(text: str, graph: str) -> str:
    """``text`` with the graph ``graph`` in place of ``?self`` (:func:`substitute`)."""
    return substitute(text, {"self": URIRef(graph)})


@functools.lru_cache(maxsize=128)
def _tokens(text: str) -> int:
    """How many tokens ``text`` has, up to ``LONG_TEXT + 1`` (kept for texts of up to
    :data:`~diplograph.store.binding.KEPT_TEXT` characters: a named query runs the same text
    again; a longer one, such as a network's ``VALUES`` block of ties, runs on the big stack)."""
    return len(scan(text, LONG_TEXT))


def _long_texts_on_big_stack(method: Callable[[Any, str], _T]) -> Callable[[Any, str], _T]:
    """A store primitive taking a SPARQL text that runs on a thread with a :data:`BIG_STACK`
    stack when the text is longer than :data:`LONG_TEXT` characters."""

    @functools.wraps(method)
    def wrapper(self: Any, text: str) -> _T:
        if len(text) <= LONG_TEXT or (len(text) <= KEPT_TEXT and _tokens(text) <= LONG_TEXT):
            return method(self, text)
        return on_thread(lambda: method(self, text), name="diplograph-big-query", stack=BIG_STACK)

    return wrapper


def _open_error(path: Path, error: BaseException) -> BaseException:
    """The error to raise for a failed open of the store at ``path``."""
    if isinstance(error, StoreError) or not isinstance(error, Exception):
        return error
    if isinstance(error, RuntimeError) and not no_space(error):  # RocksDB's "Corruption: ..."
        first = (str(error).strip().splitlines() or [type(error).__name__])[0].rstrip(". ")
        return StoreError(
            f"Cannot open the store at {path}: {first}. If the folder is not an Oxigraph "
            "store (or is damaged), move it away and let diplograph create a new one; its "
            "files were left as they were."
        )
    message = str(error)
    if no_space(error):
        return StoreError(
            f"Cannot open the store at {path}: the device holding it is full (the store needs "
            "room to open). Free some space and try again; its files were left as they were."
        )
    if isinstance(error, OSError) and "lock" in message.lower():
        return _in_use(path)
    return StoreError(
        f"Cannot open the store at {path}: {message.splitlines()[0] if message else ''}. "
        "If the folder is not an Oxigraph store (or is damaged), move it away and let "
        "diplograph create a new one; nothing was changed."
    )


def _in_use(path: Path) -> StoreError:
    return StoreError(
        f"The store at {path} is in use (by a 'diplograph serve', a notebook, another "
        "command, or an open store in this program). Close it, or query the running "
        "server instead (the store sparql+http://127.0.0.1:PORT/sparql)."
    )


#: descriptors this process was given that hold a store's lock for it (see :func:`inherit_lock`)
_inherited_locks: set[int] = set()


def inherit_lock(descriptor: int) -> None:
    """Let this process open writable the store whose lock ``descriptor`` holds: given by the
    process that holds the store (a server) to those it starts to write for it."""
    _inherited_locks.add(descriptor)


def _take_lock(path: Path) -> int:
    """Lock the store folder at ``path`` for this process (:data:`LOCK_FILE`, created with the
    folder if need be); the descriptor holding the lock. :class:`StoreError` if another holds it.

    Oxigraph locks the store too, but only while it is open; this lock can outlive the open
    store, so that ``serve --allow-update`` holds the store for its whole life.
    """
    path.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        mine = os.fstat(descriptor)
        for held in _inherited_locks:
            with contextlib.suppress(OSError):
                theirs = os.fstat(held)
                if (theirs.st_dev, theirs.st_ino) == (mine.st_dev, mine.st_ino):
                    return descriptor  # held for this process by the one that started it
        os.close(descriptor)
        raise _in_use(path) from None
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


class OxigraphEngine(Engine):
    """Oxigraph on disk at ``path`` (persistent), or in memory when ``path`` is None."""

    union_updates = True

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = path
        self.spec = f"oxigraph:{path}" if path is not None else "memory"
        self.writable = not read_only
        #: the descriptor holding the store's lock file (a writable store on disk)
        self._lock: int | None = None
        self._marks = StateFile(path / DERIVED) if path is not None else None
        before = self._marks.read() if self._marks is not None else None
        self._store: Any = self._open(path, read_only)
        #: the token of the data this process sees (None: unknown); see :meth:`state`
        self._state: str | None = None
        #: what queries read: the union of every graph, or (a reader that found unfinished
        #: graphs, see :meth:`_leave_out`) the default graph and the committed named graphs
        self._dataset: dict[str, Any] = {"use_default_graph_as_union": True}
        #: the unfinished graphs left out of counts and answers
        self._left_out: tuple[str, ...] = ()
        if self._marks is not None:
            if read_only:  # the data as it was when opened, if no write began meanwhile
                self._state = (
                    before if before is not None and self._marks.read() == before else None
                )
            elif before is not None:
                self._state = before
            else:  # no state yet, or a writer died writing: this process holds the lock now
                self._marks.dirty = True

    def _open(self, path: Path | None, read_only: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        if path.exists() and not path.is_dir():
            raise StoreError(f"The store path {path} is a file, not a store folder.")
        if read_only and not path.is_dir():
            raise StoreError(f"There is no store at {path} to open read-only.")
        if not read_only and path.is_dir() and not os.access(path, os.W_OK | os.X_OK):
            raise StoreError(
                f"The store folder {path} is not writable; fix its permissions, or open it "
                f"read-only (oxigraph-ro:{path})."
            )
        made = not (path / LOCK_FILE).exists()
        try:
            if not read_only:
                self._lock = _take_lock(path)
                self._sweep(path)
            opened = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except BaseException as error:
            if self._lock is not None and made:  # a folder that is no store keeps its files
                (path / LOCK_FILE).unlink(missing_ok=True)
            self._release_lock()
            raise _open_error(path, error) from error
        return opened

    def _sweep(self, path: Path) -> None:
        """Remove the files an interrupted command left in the store's folder (it holds the lock,
        so no other process is writing them): the bulk loader's pieces not yet taken into the
        store, half-written derived files. A note says how many."""
        left = [
            *path.glob("bulk-*.sst"),
            *path.glob(f"{DERIVED}/.*.tmp"),
            *path.glob(f"{DERIVED}/.import-*.nt"),
        ]
        if not left:
            return
        size = 0
        for orphan in left:
            with contextlib.suppress(OSError):
                size += orphan.stat().st_size
                orphan.unlink()
        self.notes.append(
            f"Removed {counted(len(left), 'file')} ({size / 1e6:,.1f} MB) that an interrupted "
            f"load or import left in {path}."
        )

    def _release_lock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the last descriptor of it releases the lock
            self._lock = None

    def keep_lock(self) -> int | None:
        """Hand this store's lock over to the caller, who keeps it after :meth:`close` (a server
        that holds the store for its life while one-off processes write to it): the descriptor
        holding it, to pass to them (see :func:`inherit_lock`); None if there is none."""
        lock, self._lock = self._lock, None
        return lock

    # ---------------------------------------------------------------- primitives

    def _run(self, text: str) -> Any:
        try:
            return self._store.query(text, **self._dataset)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL ({error.msg}).") from error
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"the query failed while running ({error}).") from error

    @_long_texts_on_big_stack
    def _select(self, text: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        solutions = self._run(text)
        variables = [v.value for v in solutions.variables]
        convert = cached_converter()
        return variables, [tuple(map(convert, solution)) for solution in solutions]

    @_long_texts_on_big_stack
    def _select_values(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        # Oxigraph writes the results as TSV in Rust (with the GIL released, so two queries can
        # run at once) and Python splits them: a third faster than making a term per cell.
        solutions = self._run(text)
        if not solutions.variables:
            return [], [() for _ in solutions]
        try:
            body = solutions.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"the query failed while running ({error}).") from error
        lines = body.split("\n")
        variables = [v.removeprefix("?") for v in lines[0].split("\t")] if lines[0] else []
        cell = tsv_value
        rows = [tuple(map(cell, line.split("\t"))) for line in lines[1:-1]]  # each row ends a line
        return variables, rows

    @_long_texts_on_big_stack
    def _construct(self, text: str) -> Graph:
        # Oxigraph writes the triples as N-Triples and loads them into a store in memory, all in
        # Rust: no rdflib term is made until the graph is read, and Oxigraph writes it out again
        try:
            data = self._run(text).serialize(format=ox.RdfFormat.N_TRIPLES)
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"the query failed while running ({error}).") from error
        return OxigraphGraph.from_ntriples(data or b"")

    @_long_texts_on_big_stack
    def _ask(self, text: str) -> bool:
        return bool(self._run(text))

    @_long_texts_on_big_stack
    def _update(self, text: str) -> None:
        self._will_write()
        try:
            self._store.update(text)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL update ({error.msg}).") from error
        except OSError as error:
            raise StoreError(f"{self.spec}: the update failed ({error}).") from error

    def _insert_file(self, path: Path, graph: str, progress: Progress | None) -> None:
        self._will_write()
        fmt = rdf_format(path)
        screen(path, fmt)
        target = ox.NamedNode(graph)
        base = path.resolve().as_uri()
        if fmt in QUAD_FORMATS:
            quads = (ox.Quad(q.subject, q.predicate, q.object, target) for q in own_quads(path))
            self._store.bulk_extend(quads)
            return
        size = path.stat().st_size
        try:
            with path.open("rb") as stream:
                source = ProgressReader(stream, progress, size) if progress else stream
                if size > BULK_BYTES and self.path is not None and fmt == ox.RdfFormat.N_TRIPLES:
                    self._bulk_load_pieces(source, base, target)
                elif size > BULK_BYTES and self.path is not None:
                    self._store.bulk_load(source, format=fmt, base_iri=base, to_graph=target)
                else:
                    self._store.load(source, format=fmt, base_iri=base, to_graph=target)
        except (SyntaxError, ValueError) as error:
            raise data_error(path, error, fmt) from error
        except MemoryError as error:
            if not term_too_long(error):
                raise
            raise data_error(path, error, fmt) from error
        except OSError as error:
            if no_space(error):
                raise StoreError(
                    f"The device holding the store {self.path} is full: {path} could not be "
                    "loaded, and nothing of it was kept. Free some space and load it again."
                ) from error
            raise data_error(path, error, fmt) from error
        finally:
            if self.path is not None:  # what the bulk loader wrote and did not take in
                for piece in self.path.glob("bulk-*.sst"):
                    piece.unlink(missing_ok=True)

    def _bulk_load_pieces(self, stream: Any, base: str, target: ox.NamedNode) -> None:
        """Bulk load N-Triples in pieces (see BULK_PIECE), BULK_WORKERS at once.

        Oxigraph's bulk loader keeps about one core busy for a piece, so pieces load side by side.
        At most BULK_WORKERS pieces load at once; an error is the first in file order, at its
        line in the file.
        """
        workers = BULK_WORKERS
        with ThreadPoolExecutor(workers, thread_name_prefix="diplograph-load") as pool:
            loading: deque[Future[None]] = deque()
            lines, rest = 0, b""
            try:
                while True:
                    block = stream.read(BULK_PIECE)
                    data = rest + block
                    cut = data.rfind(b"\n") + 1 if block else len(data)
                    piece, rest = data[:cut], data[cut:]
                    if piece:
                        loading.append(
                            pool.submit(self._bulk_load_piece, piece, base, target, lines)
                        )
                        lines += piece.count(b"\n")
                        while len(loading) >= workers:  # pieces are checked in file order
                            loading.popleft().result()
                    if not block:
                        break
                while loading:
                    loading.popleft().result()
            finally:
                for unchecked in loading:  # the caller drops the graph once none is loading
                    unchecked.cancel()

    def _bulk_load_piece(self, piece: bytes, base: str, target: ox.NamedNode, lines: int) -> None:
        """Bulk load one piece that starts after ``lines`` lines of its file."""
        try:
            self._store.bulk_load(
                piece, format=ox.RdfFormat.N_TRIPLES, base_iri=base, to_graph=target
            )
        except SyntaxError as error:
            if error.lineno is not None:
                error.lineno += lines
            raise

    def _warn_if_restating(
        self, path: Path, loaded: LoadedSource, titles: Callable[[], Mapping[str, str]]
    ) -> None:
        sample = min(loaded.triples, RESTATED_SAMPLE)
        (restated,) = self._select_values(_on_graph(_RESTATED, loaded.graph))[1][0]
        if restated < RESTATED_WARNING or restated < RESTATED_SHARE * sample:
            return
        answer = self._select_values(_on_graph(_RESTATED_WHERE, loaded.graph))
        holders = [(str(g), int(n)) for g, n in answer[1]]
        named = titles()
        where = ", ".join(f"{named.get(g) or g} ({n:,})" for g, n in holders[:3]) + (
            f" and {len(holders) - 3} more" if len(holders) > 3 else ""
        )
        looked_at = f"its {sample:,}" if sample == loaded.triples else f"{sample:,} of its"
        warnings.warn(
            DataWarning(
                f"{path}: {restated:,} of {looked_at} triples are already in the store, in "
                f"{where}. Oxigraph reads a triple once for each file that states it, so the "
                "queries that join these run slower (many times slower where whole files are "
                "stated twice); take them out of the file if you can."
            ),
            stacklevel=3,
        )

    def _insert_ntriples(self, text: str, graph: str) -> None:
        self._will_write()
        self._store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))

    def _commit(self, graph: str, meta: str, replaced: Sequence[str]) -> None:
        # one update is one transaction: the new copy's mark in and the old ones' out at once
        self._will_write()
        hidden = "".join(_on_graph(_HIDE, g) + " ;\n" for g in replaced)
        self._store.update(f"{hidden}INSERT DATA {{ GRAPH {ntriples.iri(graph)} {{\n{meta}}} }}")

    def _hide(self, *graphs: str) -> None:
        if graphs:
            self._will_write()
            self._store.update(" ;\n".join(_on_graph(_HIDE, g) for g in graphs))

    def _drop_graph(self, graph: str) -> None:
        """Remove a graph: a small one in one transaction; a big one on disk DROP_BATCH quads
        at a time (Oxigraph holds a whole transaction in memory: bench/README.md, "Faults"),
        then the rest and its name. A drop cut short leaves a graph without its commit mark,
        which the next writable open removes."""
        self._will_write()
        name = ox.NamedNode(graph)
        if self.path is not None:
            while (
                len(
                    batch := list(
                        islice(self._store.quads_for_pattern(None, None, None, name), DROP_BATCH)
                    )
                )
                == DROP_BATCH
            ):
                for quad in batch:
                    self._store.remove(quad)
        self._store.remove_graph(name)

    def _graph_ntriples(self, graph: str) -> str:
        # Oxigraph writes the graph from the store itself, with no query (faster than a
        # CONSTRUCT: bench/README.md)
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        return (data or b"").decode("utf-8")

    def _named_graphs(self) -> list[str]:
        return [g.value for g in self._store.named_graphs()]

    def _default_graph_ntriples(self) -> str:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return (data or b"").decode("utf-8")

    def _count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store) - sum(self._count(g) for g in self._left_out)
        solutions = self._store.query(_on_graph(_COUNT, graph))
        return int(next(iter(solutions))[0].value)

    def _leave_out(self, graphs: Sequence[str]) -> bool:
        # a read-only open sees the store as it was when opened: the committed graphs stay
        # the same for its life (a reload killed after its commit leaves the old copy without
        # its mark, beside the new one: answers count each triple once, as before the reload)
        if graphs:
            self._left_out = tuple(graphs)
            kept = [ox.NamedNode(g) for g in self._named_graphs() if g not in set(graphs)]
            self._dataset = {"default_graph": [ox.DefaultGraph(), *kept], "named_graphs": kept}
        return True

    def _refresh_hint(self) -> str:
        return (
            f"Open it once writable (oxigraph:{self.path}) and diplograph loads the "
            "current built-in graph."
        )

    def _will_write(self) -> None:
        """Before a write: the store's state is "being written" until it gets a new token."""
        if self._marks is not None:
            self._marks.will_write()

    def own_folder(self) -> Path | None:
        """``derived/`` inside the store's folder on disk (Oxigraph leaves other files alone);
        None in memory."""
        return None if self.path is None else self.path / DERIVED

    def state(self) -> str | None:
        """The store's state token (see :class:`~diplograph.store.derived.StateFile`) joined
        with its graphs' names (so that a load or unload by something that does not mark the
        state is seen too); None in memory or while unknown."""
        if self._marks is None:
            return None
        if self._marks.dirty and self.writable:
            self._state = self._marks.written()
        if self._state is None:
            return None
        names = "\n".join(sorted(g.value for g in self._store.named_graphs()))
        return self._state + "-" + sha256_hex(names)[:16]

    def _writable_how(self) -> str:
        return f"Open it as oxigraph:{self.path} to change it." if self.path is not None else ""

    def process_spec(self, *, writable: bool = False) -> str | None:
        """``oxigraph-ro:PATH`` (or ``oxigraph:PATH``) for a store on disk; None in memory."""
        if self.path is None or (writable and not self.writable):
            return None
        return f"{'oxigraph' if writable else 'oxigraph-ro'}:{self.path}"

    def close(self) -> None:
        """Flush to disk and let go of the folder (and its lock)."""
        if self._store is None:
            self._release_lock()
            return
        super().close()
        if self.writable and self.path is not None:
            self._store.flush()
        if self._marks is not None and self._marks.dirty and self.writable:
            self._marks.written()
        self._store = None  # pyoxigraph releases the folder's lock when the store is freed
        self._release_lock()

    def bulk_load(self, path: Path, graph: str) -> None:
        """Bare bulk load of a triple file into ``graph`` (for benchmarks: the floor)."""
        self._will_write()
        self._store.bulk_load(path=str(path), to_graph=ox.NamedNode(graph))
