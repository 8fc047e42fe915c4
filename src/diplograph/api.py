"""The Python API notebooks use: open a store, then query, load, validate and count.

>>> import diplograph
>>> kg = diplograph.open("memory")
>>> sorted(kg.query("troop-contributors").column("contributorLabel"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
>>> kg.label(kg.actor("MAR"))
'Morocco'
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from rdflib import Literal, URIRef

from diplograph.queries import (
    NamedQuery,
    QueryResult,
    list_queries,
    resolve_actor,
    resolve_concept,
    run_query,
    run_values,
)
from diplograph.store import LoadedSource, Store, open_store
from diplograph.store.base import Progress
from diplograph.store.files import expand
from diplograph.validate import ValidationReport, validate

__all__ = ["KnowledgeGraph", "Stats", "load", "open"]


@dataclass(frozen=True)
class Stats:
    """Size of the graph: triples, resources per class, ties per type and status, sources."""

    triples: int
    classes: QueryResult
    tie_types: QueryResult
    sources: QueryResult


_LABEL = """
SELECT ?label WHERE {
  ?resource <http://www.w3.org/2000/01/rdf-schema#label> ?label
} LIMIT 20"""


class KnowledgeGraph:
    """A store holding the built-in graph (and whatever was loaded), with the named queries."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph on {self.store.describe()}>"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Drop temporary (``data=``) graphs and release the store."""
        self.store.close()

    def query(self, name: str | Path | NamedQuery, **params: str) -> QueryResult:
        """Run a named query (or a ``.rq`` file) with parameters given as text."""
        return run_query(self.store, name, params)

    def values(self, name: str | Path | NamedQuery, **params: str) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (fast for big results)."""
        return run_values(self.store, name, params)

    @staticmethod
    def queries(include_checks: bool = False) -> builtins.list[NamedQuery]:
        """The built-in queries with their summaries and parameters."""
        return list_queries(include_checks=include_checks)

    def validate(self) -> ValidationReport:
        """SHACL shapes and violation checks; ``report.conforms`` when all pass."""
        return validate(self.store)

    def stats(self) -> Stats:
        return Stats(
            triples=len(self.store),
            classes=self.query("class-counts"),
            tie_types=self.query("tie-type-counts"),
            sources=self.query("sources"),
        )

    def actor(self, name: str) -> URIRef:
        """The actor named by a label, alias, code, CURIE or IRI."""
        return resolve_actor(self.store, name)

    def concept(self, name: str) -> URIRef:
        """The concept (tie type, status ...) named by a label, notation, CURIE or IRI."""
        return resolve_concept(self.store, name)

    def label(self, iri: URIRef | str, lang: str = "en") -> str:
        """The label of ``iri`` in ``lang`` (else any label, else the IRI)."""
        answer = self.store.query(_LABEL, {"resource": URIRef(str(iri))})
        labels = [row[0] for row in answer.rows if isinstance(row[0], Literal)]
        for label in labels:
            if label.language == lang:
                return str(label)
        return str(sorted(labels)[0]) if labels else str(iri)

    def turtle(self) -> str:
        """Every triple of the store (all graphs merged) as Turtle."""
        graph = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
        assert graph is not None
        return graph.serialize(format="turtle")

    def load(self, *paths: Path | str, progress: Progress | None = None) -> list[LoadedSource]:
        """Load RDF files or folders into the store, each in a graph of its own (kept on disk)."""
        return [self.store.load(path, progress=progress) for path in expand(paths)]

    def check_files(self, paths: Sequence[Path | str]) -> list[tuple[Path, ValidationReport]]:
        """Validate files as they would be once loaded, without keeping them: each goes into a
        temporary graph, only problems of what it states count, and it is removed again."""
        checked = []
        for path in expand(paths):
            earlier = tuple(s.graph for s in self.store.find_sources(str(Path(path).resolve())))
            trial = self.store.load(path, temporary=True)
            try:
                report = validate(self.store, graph=trial.graph, replacing=earlier)
            finally:
                self.store.drop_temporary()
            checked.append((Path(path), report))
        return checked

    def unload(self, source: str) -> list[LoadedSource]:
        """Remove the graphs of a loaded file (by path, file name or graph IRI)."""
        return self.store.unload(source)

    def sources(self) -> list[LoadedSource]:
        """The loaded files, built-in ones first."""
        return self.store.sources()


def open(
    store: str | Store | None = None,
    *,
    update_url: str | None = None,
    allow_service: bool = False,
) -> KnowledgeGraph:
    """Open a store (a store string, see :func:`diplograph.store.open_store`, or a Store).

    Without one: ``$DIPLOGRAPH_STORE``, else the persistent default store on disk.
    """
    if isinstance(store, Store):
        return KnowledgeGraph(store)
    return KnowledgeGraph(open_store(store, update_url=update_url, allow_service=allow_service))


def load(data: Sequence[Path | str] = (), *, store: str | Store | None = None) -> KnowledgeGraph:
    """Open a store with ``data`` files or folders added for this session only.

    The files go into temporary graphs that :meth:`KnowledgeGraph.close` (or the end of a
    ``with`` block) removes; use :meth:`KnowledgeGraph.load` to keep them.
    """
    files = expand(data)  # a missing file fails before the store is opened
    kg = open(store)
    try:
        for path in files:
            kg.store.load(path, temporary=True)
    except BaseException:
        kg.close()
        raise
    return kg
