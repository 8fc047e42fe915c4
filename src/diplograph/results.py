"""Write query results as a terminal table, CSV, SPARQL JSON or Turtle."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from diplograph.errors import QueryError
from diplograph.queries import QueryResult

__all__ = ["FORMATS", "format_result", "render_table", "term_text"]

FORMATS = ("table", "csv", "json", "turtle")


def term_text(graph: Graph | None, term: Node | None) -> str:
    """A term as a person reads it: a CURIE for known IRIs, the lexical form for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef) and graph is not None:
        try:
            return graph.namespace_manager.curie(term, generate=False)
        except (ValueError, KeyError):
            return str(term)
    return str(term)


def _json_term(term: Node) -> dict[str, Any]:
    """A term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out: dict[str, Any] = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": result.answer}, indent=2)
    if result.graph is not None:
        return result.graph.serialize(format="json-ld", indent=2)
    bindings = [
        {
            var: _json_term(value)
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
        indent=2,
        ensure_ascii=False,
    )


def to_csv(result: QueryResult) -> str:
    """CSV with full IRIs and lexical forms, as in the SPARQL 1.1 CSV results format."""
    if result.graph is not None:
        raise QueryError(
            f"Query {result.query.name!r} builds a graph: use --format turtle or json."
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if result.kind == "ASK":
        writer.writerows([["boolean"], [str(result.answer).lower()]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    return buffer.getvalue()


def to_turtle(result: QueryResult) -> str:
    if result.graph is None:
        raise QueryError(
            f"Query {result.query.name!r} is a {result.kind} query: --format turtle needs a "
            "CONSTRUCT or DESCRIBE query; use table, csv or json."
        )
    return result.graph.serialize(format="turtle")


def render_table(result: QueryResult, graph: Graph | None = None) -> Any:
    """A :class:`rich.table.Table` of the result (CONSTRUCT results as subject/predicate/object)."""
    from rich.table import Table

    title = result.query.summary or result.query.name
    table = Table(title=title, title_justify="left", show_lines=False)
    if result.kind == "ASK":
        table.add_column("answer")
        table.add_row(str(result.answer).lower())
        return table
    if result.graph is not None:
        for column in ("subject", "predicate", "object"):
            table.add_column(column, overflow="fold")
        for triple in sorted(result.graph):
            table.add_row(*(term_text(result.graph, t) for t in triple))
        return table
    shown = [
        index
        for index, variable in enumerate(result.variables)
        if f"{variable}Label" not in result.variables  # the label says it better than the IRI
    ]
    for index in shown:
        table.add_column(result.variables[index], overflow="fold")
    for row in result.rows:
        table.add_row(*(term_text(graph, row[index]) for index in shown))
    return table


def format_result(result: QueryResult, fmt: str) -> str:
    """The result as text in ``fmt`` (csv, json or turtle; tables are drawn by rich)."""
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "turtle":
        return to_turtle(result)
    raise QueryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
