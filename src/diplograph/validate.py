"""Validate the graph: SHACL shapes (pySHACL) plus the ``queries/checks/*-violation.rq`` checks.

>>> from diplograph.store import load_graph
>>> report = validate(load_graph())
>>> report.conforms, len(report.violations)
(True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from diplograph.queries import list_queries, run_query
from diplograph.store import shapes_graph

__all__ = ["ValidationReport", "Violation", "validate"]


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

    @property
    def conforms(self) -> bool:
        return not self.violations


def _short(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.curie(node, generate=False)
        except (ValueError, KeyError):
            return str(node)
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
        shape_name = _short(shapes, shape if isinstance(shape, URIRef) else parent)
        value = results.value(result, SH.value)
        message = "; ".join(sorted(messages)) or "does not conform"
        if value is not None and not isinstance(value, Literal | URIRef):
            value = None
        if value is not None:
            message += f" (value: {_short(data, value)})"
        found.append(
            Violation(
                origin=f"SHACL {shape_name}",
                focus=_short(data, results.value(result, SH.focusNode)),
                message=message,
                path=_short(data, results.value(result, SH.resultPath)),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.origin, v.message))


def check_violations(data: Graph) -> tuple[int, list[Violation]]:
    """Rows of every ``checks/*-violation`` query; each row is a violation."""
    checks = [q for q in list_queries() if q.is_check]
    found = []
    for check in checks:
        result = run_query(data, check)
        for record in result.records():
            problem = record.pop("problem", None) or check.summary
            values = [
                _short(data, v) if isinstance(v, URIRef) else str(v)
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


def validate(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run the SHACL shapes and the violation checks on ``data``."""
    shapes = shapes if shapes is not None else shapes_graph()
    report = ValidationReport()
    report.violations.extend(shacl_violations(data, shapes))
    report.shapes_run = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    report.checks_run, found = check_violations(data)
    report.violations.extend(found)
    return report
