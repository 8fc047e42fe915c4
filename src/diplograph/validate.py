"""Validate the graph: SHACL shapes (pySHACL) plus the ``queries/checks/*-violation.rq`` checks.

The checks are SPARQL and run on the whole store, whatever its size. pySHACL works on an
in-memory rdflib graph and does not scale past a few tens of thousands of triples, so the shapes
run on the built-in graph plus every loaded file whole if it is small, and on a sample of the
resources of a big one (the first :data:`SHACL_SAMPLE` of each class, with what they point to);
the report says which files were sampled.

>>> from diplograph.store import open_store
>>> report = validate(open_store("memory"))
>>> report.conforms, len(report.violations)
(True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from diplograph.queries import list_queries, run_query
from diplograph.queries.names import curie
from diplograph.store import Store, shapes_graph
from diplograph.store.base import LoadedSource

__all__ = ["SHACL_FULL_LIMIT", "SHACL_SAMPLE", "ValidationReport", "Violation", "validate"]

#: loaded files up to this many triples are validated by the shapes whole
SHACL_FULL_LIMIT = 50_000
#: resources per class taken from a bigger file for the shapes (the checks see everything)
SHACL_SAMPLE = 1_000


@dataclass(frozen=True)
class Violation:
    """One problem: what is wrong, where, and which shape or check found it."""

    origin: str
    focus: str
    message: str
    path: str = ""


@dataclass
class ValidationReport:
    """All violations found; ``conforms`` when there are none."""

    violations: list[Violation] = field(default_factory=list)
    shapes_run: int = 0
    checks_run: int = 0
    #: files the shapes saw only a sample of: (file, resources sampled, resources in it)
    sampled: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return curie(str(node)) or str(node)
    return str(node)


def shacl_violations(data: Graph, shapes: Graph) -> list[Violation]:
    """pySHACL's results on ``data`` as :class:`Violation` objects."""
    from pyshacl import validate as pyshacl_validate

    _conforms, results, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(results, Graph)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = [str(m) for m in results.objects(result, SH.resultMessage)]
        shape = results.value(result, SH.sourceShape)
        parent = shapes.value(predicate=SH.property, object=shape) if shape is not None else None
        shape_name = _short(shape if isinstance(shape, URIRef) else parent)
        value = results.value(result, SH.value)
        message = "; ".join(sorted(messages)) or "does not conform"
        if value is not None and not isinstance(value, Literal | URIRef):
            value = None
        if value is not None:
            message += f" (value: {_short(value)})"
        found.append(
            Violation(
                origin=f"SHACL {shape_name}",
                focus=_short(results.value(result, SH.focusNode)),
                message=message,
                path=_short(results.value(result, SH.resultPath)),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.origin, v.message))


def check_violations(store: Store) -> tuple[int, list[Violation]]:
    """Rows of every ``checks/*-violation`` query; each row is a violation."""
    checks = [q for q in list_queries() if q.is_check]
    found = []
    for check in checks:
        result = run_query(store, check)
        for record in result.records():
            problem = record.pop("problem", None) or check.summary
            values = [
                _short(v) if isinstance(v, URIRef) else str(v)
                for v in record.values()
                if v is not None
            ]
            found.append(
                Violation(
                    origin=f"check {check.name}",
                    focus=values[0] if values else "",
                    message=f"{problem}" + (f" ({', '.join(values[1:])})" if values[1:] else ""),
                )
            )
    return len(checks), found


_WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_SAMPLE_FOCUS = "SELECT DISTINCT ?x WHERE {{ GRAPH <{graph}> {{ ?x a ?class }} }} LIMIT {limit}"
_SAMPLE_GRAPH = """
CONSTRUCT { ?x ?p ?o . ?o ?q ?v } WHERE {
  ?x ?p ?o .
  OPTIONAL { ?o ?q ?v . FILTER(isBlank(?o) || ?q = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
                                || ?p = <http://www.w3.org/ns/prov#wasDerivedFrom>) }
}"""
_COUNT_FOCUS = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?x a ?class }} }}"


def _shacl_data(store: Store, sources: list[LoadedSource], report: ValidationReport) -> Graph:
    """The graph the shapes see: built-in and small files whole, big files sampled."""
    whole = [s for s in sources if s.builtin or s.triples <= SHACL_FULL_LIMIT]
    data = Graph()
    for source in whole:
        data += store.query(_WHOLE_GRAPH, {"g": URIRef(source.graph)}).graph or Graph()
    for source in sources:
        if source in whole:
            continue
        focus = [
            row[0]
            for row in store.query(
                _SAMPLE_FOCUS.format(graph=source.graph, limit=SHACL_SAMPLE)
            ).rows
            if isinstance(row[0], URIRef)
        ]
        total = store.query(_COUNT_FOCUS.format(graph=source.graph)).rows[0][0]
        for start in range(0, len(focus), 200):
            batch = focus[start : start + 200]
            text = _SAMPLE_GRAPH.replace(
                "WHERE {", "WHERE { VALUES ?x { " + " ".join(f"<{x}>" for x in batch) + " }", 1
            )
            data += store.query(text).graph or Graph()
        report.sampled.append((source.title, len(focus), int(str(total))))
    return data


def validate(store: Store, shapes: Graph | None = None) -> ValidationReport:
    """Run the SHACL shapes and the violation checks on ``store``."""
    shapes = shapes if shapes is not None else shapes_graph()
    report = ValidationReport()
    data = _shacl_data(store, store.sources(), report)
    report.violations.extend(shacl_violations(data, shapes))
    report.shapes_run = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    report.checks_run, found = check_violations(store)
    report.violations.extend(found)
    return report
