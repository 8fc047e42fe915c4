"""The Python API notebooks use: load the graph once, then query, validate and count.

>>> import diplograph
>>> kg = diplograph.load()
>>> sorted(kg.query("troop-contributors").column("contributorLabel"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
>>> kg.label(kg.actor("MAR"))
'Morocco'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from diplograph.names import resolve_actor, resolve_concept
from diplograph.queries import NamedQuery, QueryResult, list_queries, run_query
from diplograph.store import load_graph
from diplograph.validate import ValidationReport, validate

__all__ = ["KnowledgeGraph", "Stats", "load"]


@dataclass(frozen=True)
class Stats:
    """Size of the graph: triples, resources per class, ties per type and status, sources."""

    triples: int
    classes: QueryResult
    tie_types: QueryResult
    sources: QueryResult


class KnowledgeGraph:
    """The built-in graph plus a user's files, with the named queries bound to it."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def __len__(self) -> int:
        return len(self.graph)

    def query(self, name: str | Path | NamedQuery, **params: str) -> QueryResult:
        """Run a named query (or a ``.rq`` file) with parameters given as text."""
        return run_query(self.graph, name, params)

    @staticmethod
    def queries(include_checks: bool = False) -> list[NamedQuery]:
        """The built-in queries with their summaries and parameters."""
        return list_queries(include_checks=include_checks)

    def validate(self) -> ValidationReport:
        """SHACL shapes and violation checks; ``report.conforms`` when all pass."""
        return validate(self.graph)

    def stats(self) -> Stats:
        return Stats(
            triples=len(self.graph),
            classes=self.query("class-counts"),
            tie_types=self.query("tie-type-counts"),
            sources=self.query("sources"),
        )

    def actor(self, name: str) -> URIRef:
        """The actor named by a label, alias, code, CURIE or IRI."""
        return resolve_actor(self.graph, name)

    def concept(self, name: str) -> URIRef:
        """The concept (tie type, status ...) named by a label, notation, CURIE or IRI."""
        return resolve_concept(self.graph, name)

    def label(self, iri: URIRef, lang: str = "en") -> str:
        """The label of ``iri`` in ``lang`` (else any label, else the IRI)."""
        labels = list(self.graph.objects(iri, RDFS.label))
        for label in labels:
            if isinstance(label, Literal) and label.language == lang:
                return str(label)
        return str(labels[0]) if labels else str(iri)


def load(data: Sequence[Path | str] = (), *, builtin: bool = True) -> KnowledgeGraph:
    """Load the built-in ontology and graph, plus ``data`` files or folders of your own."""
    return KnowledgeGraph(load_graph(data, builtin=builtin))
