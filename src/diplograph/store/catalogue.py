"""The catalogue of loaded files: each in a named graph of its own, described inside itself.

Each loaded file gets a graph of its own, described inside itself (a ``void:Dataset`` with its
source file, hash, triple count and load time), so that it can be listed, reloaded (which
replaces it) or removed. That description is written last, as the load's commit mark: a graph of
diplograph's without one is what an interrupted load, reload or unload left. A load that fails
half way removes what it wrote, so the store is left as it was. Files given for one command
(``temporary``) are removed when the store is closed.

The catalogue is not an engine: it holds one (:attr:`Catalogue.engine`, any
:class:`~diplograph.store.engine.Engine`) and keeps its files through the engine's primitives and
the hooks it asks of it, so that an engine never needs to know what diplograph keeps in it.
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from diplograph import ntriples
from diplograph.digest import sha256_file
from diplograph.errors import DataWarning, DiplographError, StoreError
from diplograph.namespaces import DCTERMS, GRAPH, RDF, SPARQL_PROLOGUE, VOID, XSD
from diplograph.store.binding import substitute
from diplograph.store.engine import Engine, Progress
from diplograph.store.files import rdf_format
from diplograph.store.parsing import parse_quads
from diplograph.wording import counted

__all__ = [
    "BUILTIN_GRAPH",
    "SOURCE_GRAPH",
    "TEMPORARY_GRAPH",
    "Catalogue",
    "LoadedSource",
    "own_quads",
]

#: named graphs of the built-in ontology and graph files: .../builtin/<content hash>/<path>
BUILTIN_GRAPH = str(GRAPH["builtin/"])
#: named graphs of files loaded with ``diplograph load``
SOURCE_GRAPH = str(GRAPH["source/"])
#: named graphs of files given for one command (``--data``), removed when it ends (or at the
#: next writable open)
TEMPORARY_GRAPH = str(GRAPH["temporary/"])


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


#: the commit marks (VoID descriptions) of diplograph's graphs: those whose names start with
#: ?graphs, the graph namespace
_SOURCES_QUERY = SPARQL_PROLOGUE + substitute(
    """
SELECT ?g ?source ?title ?sha ?triples ?modified WHERE {
  GRAPH ?g {
    ?g a void:Dataset ; dcterms:source ?source ; void:triples ?triples .
    OPTIONAL { ?g dcterms:title ?title }
    OPTIONAL { ?g dcterms:identifier ?sha }
    OPTIONAL { ?g dcterms:modified ?modified }
  }
  FILTER(STRSTARTS(STR(?g), ?graphs))
}""",
    {"graphs": Literal(str(GRAPH))},
)


#: whether graph ?g holds its commit mark
_COMMITTED = SPARQL_PROLOGUE + "ASK { GRAPH ?g { ?g a void:Dataset } }"


class Catalogue:
    """diplograph's catalogue of loaded files, kept in ``engine``; see the module docstring."""

    def __init__(self, engine: Engine) -> None:
        #: the engine the files' graphs and descriptions live in
        self.engine = engine
        #: the graphs of files this process loaded for itself alone, dropped by :meth:`close`
        self._temporary_graphs: list[str] = []

    def close(self) -> None:
        """Drop the graphs of files loaded for this process alone, then release the engine."""
        if self.engine.writable:
            self.drop_temporary()
        self.engine.close()

    def sources(self) -> list[LoadedSource]:
        """The loaded files (built-in ones included), in the order of their source."""
        _, rows = self.engine._select_values(_SOURCES_QUERY)
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
        engine = self.engine
        engine._check_writable("load files")
        path = Path(path).resolve()
        rdf_format(path)  # a clear error for an unknown suffix, before anything is written
        origin = Path(source).resolve() if source is not None else path
        source_iri = origin.as_uri()
        graph = (TEMPORARY_GRAPH if temporary else SOURCE_GRAPH) + uuid.uuid4().hex
        earlier = [] if temporary else [s for s in self.sources() if s.source == source_iri]
        replaced = [old.graph for old in earlier]
        loaded = self._load_into(path, graph, source_iri, origin.name, progress, origin, replaced)
        for old in earlier:  # no loaded file's any more: an interrupted drop is swept at open
            size = counted(old.triples, "triple")
            engine._tell(f"removing the earlier copy of {origin} ({size})")
            engine._drop_graph(old.graph)
        if temporary:
            self._temporary_graphs.append(graph)
        # named as the user knows it (the CSV file)
        engine._warn_if_restating(origin, loaded, self._titles)
        return loaded

    def _titles(self) -> dict[str, str]:
        """The loaded files' titles by graph."""
        return {s.graph: s.title for s in self.sources()}

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
        engine = self.engine
        engine.generation += 1
        try:
            engine._insert_file(path, graph, progress)
            triples = engine._count(graph)
            sha = sha256_file(origin or path)
            engine._commit(graph, _meta_ntriples(graph, source, title, sha, triples), replaced)
        except BaseException as error:
            if self._committed(graph):  # stopped just after its commit: it is loaded
                raise
            if isinstance(error, KeyboardInterrupt):
                engine._tell(f"interrupted: removing what was loaded of {origin or path}")
            self._undo(graph, error)
            raise
        return LoadedSource(graph, source, title, triples, "", sha)

    def _committed(self, graph: str) -> bool:
        """Whether ``graph`` has its commit mark (its description of itself)."""
        return self.engine._ask(substitute(_COMMITTED, {"g": URIRef(graph)}))

    def _undo(self, graph: str, error: BaseException) -> None:
        """Drop the half-written ``graph`` after ``error``; if that fails too, ``error`` stays the
        error (the cause, not the cleanup), its message saying what was left behind."""
        try:
            self.engine._drop_graph(graph)
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
        engine = self.engine
        engine._check_writable("unload files")
        matches = self.find_sources(source)
        if not matches:
            known = ", ".join(s.title for s in self.sources() if not s.builtin) or "none"
            raise StoreError(f"No loaded source matches {source!r}; loaded files: {known}.")
        builtin = [s for s in matches if s.builtin]
        if builtin:
            raise StoreError(f"{source!r} is part of the built-in graph, which is always loaded.")
        engine._hide(*(match.graph for match in matches))  # gone from the catalogue at once
        engine.generation += 1
        for match in matches:
            engine._drop_graph(match.graph)
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
        while self._temporary_graphs:
            self.engine._drop_graph(self._temporary_graphs.pop())
        self.engine.generation += 1
