"""Validate the graph: SHACL shapes (rudof's engine, through pyrudof) plus the
``queries/checks/*-violation.rq`` checks.

The checks are SPARQL and run on the whole store, whatever its size. The shapes run on the
built-in graph and on every loaded file whole if it is small; of a bigger file they see a sample
(up to :data:`SHACL_SAMPLE` resources of each class, with the types and statements they point
to), only those resources' results are kept, and the report says which files were sampled.
pyrudof rather than pySHACL, as measured by ``bench/shacl.py``: 0.8 s against 11 s at 11k
triples, 8 s against 110 s at 110k.

>>> from diplograph.store import open_store
>>> report = validate(open_store("memory"))
>>> report.conforms, len(report.violations)
(True, 0)
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from diplograph.queries import list_queries, run_query
from diplograph.queries.names import curie
from diplograph.store import Store, shapes_graph
from diplograph.store.base import LoadedSource

__all__ = ["SHACL_FULL_LIMIT", "SHACL_SAMPLE", "ValidationReport", "Violation", "validate"]

#: loaded files up to this many triples are validated by the shapes whole
SHACL_FULL_LIMIT = 50_000
#: resources of each class taken from a bigger file for the shapes (the checks see everything)
SHACL_SAMPLE = 500


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


def _short(text: str | None) -> str:
    """A CURIE for an IRI of ours; the lexical form of an N-Triples-style literal."""
    if not text:
        return ""
    if text.startswith('"'):
        return text[1 : text.rfind('"')]
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return curie(text) or text


def _shape_names(shapes: Graph) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """(path, message) -> node shape, and path -> node shapes, to name a property shape's parent
    (pyrudof reports property shapes by blank node ids of its own)."""
    by_message: dict[tuple[str, str], str] = {}
    by_path: dict[str, set[str]] = defaultdict(set)
    for node_shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        for property_shape in shapes.objects(node_shape, SH.property):
            path = shapes.value(property_shape, SH.path)
            if path is None:
                continue
            by_path[str(path)].add(str(node_shape))
            for message in shapes.objects(property_shape, SH.message):
                by_message[(str(path), str(message))] = str(node_shape)
    return by_message, by_path


def shacl_violations(data: Graph, shapes: Graph) -> list[Violation]:
    """The SHACL results of ``data`` against the shapes (``ontology/shapes.ttl``)."""
    import pyrudof

    with tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder) / "data.nt"
        shapes_file = Path(folder) / "shapes.ttl"
        data.serialize(data_file, format="nt", encoding="utf-8")
        shapes.serialize(shapes_file, format="turtle", encoding="utf-8")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(data_file), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(shapes_file))
        results = list(rudof.validate_shacl())
    by_message, by_path = _shape_names(shapes)
    found = []
    for result in results:
        path = result.path or ""
        message = (result.message or "does not conform").strip().strip('"')
        shape = result.source_shape or ""
        if not shape.startswith("http"):  # a property shape: name its node shape
            parents = by_path.get(path, set())
            shape = by_message.get((path, message)) or (
                next(iter(parents)) if len(parents) == 1 else ""
            )
        if result.value and result.value.strip("<>") != result.focus_node:
            message += f" (value: {_short(result.value)})"
        found.append(
            Violation(
                origin=f"SHACL {_short(shape) or 'shape'}",
                focus=_short(result.focus_node),
                message=message,
                path=_short(path),
            )
        )
    return sorted(set(found), key=lambda v: (v.focus, v.origin, v.message))


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
_CLASSES = "SELECT ?class (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } } GROUP BY ?class"
_FOCUS = "SELECT ?x WHERE {{ GRAPH ?g {{ ?x a ?class }} FILTER(isIRI(?x)) }} LIMIT {limit}"
_SAMPLE_GRAPH = """
CONSTRUCT { ?x ?p ?o . ?o ?q ?v } WHERE {
  ?x ?p ?o .
  OPTIONAL { ?o ?q ?v . FILTER(isBlank(?o) || ?q = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
                                || ?p = <http://www.w3.org/ns/prov#wasDerivedFrom>) }
}"""


def _shacl_data(
    store: Store, sources: list[LoadedSource], report: ValidationReport
) -> tuple[Graph, set[str] | None]:
    """The graph the shapes see (built-in and small files whole, big files sampled), and the
    resources whose results count (None: all of them)."""
    whole = [s for s in sources if s.builtin or s.triples <= SHACL_FULL_LIMIT]
    data = Graph()
    for source in whole:
        data += store.query(_WHOLE_GRAPH, {"g": URIRef(source.graph)}).graph or Graph()
    big = [s for s in sources if s not in whole]
    if not big:
        return data, None
    complete = {str(s) for s in data.subjects() if isinstance(s, URIRef)}
    for source in big:
        graph = URIRef(source.graph)
        classes = store.query(_CLASSES, {"g": graph}).rows
        focus: list[URIRef] = []
        for row in classes:
            if not isinstance(row[0], URIRef):
                continue
            rows = store.query(
                _FOCUS.format(limit=SHACL_SAMPLE), {"g": graph, "class": row[0]}
            ).rows
            focus.extend(r[0] for r in rows if isinstance(r[0], URIRef))
        for start in range(0, len(focus), 500):
            data += store.query(_SAMPLE_GRAPH, {"x": focus[start : start + 500]}).graph or Graph()
        complete.update(str(x) for x in focus)
        total = sum(int(str(row[1])) for row in classes)
        report.sampled.append((source.title, len(focus), total))
    return data, complete


def validate(store: Store, shapes: Graph | None = None) -> ValidationReport:
    """Run the SHACL shapes and the violation checks on ``store``."""
    shapes = shapes if shapes is not None else shapes_graph()
    report = ValidationReport()
    data, complete = _shacl_data(store, store.sources(), report)
    found = shacl_violations(data, shapes)
    if complete is not None:  # a sampled resource's neighbours were seen only in part
        kept = {_short(iri) for iri in complete}
        found = [v for v in found if v.focus in kept]
    report.violations.extend(found)
    report.shapes_run = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    report.checks_run, checks = check_violations(store)
    report.violations.extend(checks)
    return report
