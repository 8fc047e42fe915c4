"""What a query returned, and its writers: a terminal table, CSV, TSV, SPARQL JSON/XML, Turtle.

The server reuses these writers, so ``diplograph query -f csv`` and ``/sparql`` with
``Accept: text/csv`` give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from diplograph.defaults import TABLE_ROWS
from diplograph.errors import QueryError
from diplograph.iri import curie
from diplograph.store import python_value
from diplograph.store.graphs import first_triples, ntriples_text
from diplograph.wording import counted

if TYPE_CHECKING:
    from diplograph.queries.catalog import NamedQuery

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "QueryResult",
    "column_texts",
    "format_result",
    "render_table",
    "shown_columns",
    "tally_text",
    "term_text",
]


@dataclass
class QueryResult:
    """What a query returned: rows for SELECT, a graph for CONSTRUCT/DESCRIBE, a boolean for ASK."""

    query: NamedQuery
    kind: str
    variables: list[str]
    rows: list[tuple[Node | None, ...]]
    graph: Graph | None = None
    answer: bool | None = None
    bindings: dict[str, Identifier] = field(default_factory=dict)

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)

    def cut(self, max_rows: int) -> bool:
        """Keep the first ``max_rows`` rows (or triples); whether any were dropped."""
        if len(self) <= max_rows:
            return False
        if self.graph is not None:
            self.graph = first_triples(self.graph, max_rows)
        else:
            self.rows = self.rows[:max_rows]
        return True

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (``None`` for unbound), for notebooks and tests."""
        return [
            {
                var: (python_value(value) if isinstance(value, Literal) else value)
                for var, value in zip(self.variables, row, strict=True)
            }
            for row in self.rows
        ]

    def _repr_html_(self) -> str:
        """An HTML table for notebooks, as the terminal shows it: the same columns, IRIs as
        CURIEs, text left-aligned (Jupyter right-aligns cells), numbers right-aligned; every
        value is escaped."""
        header: list[str] = self.variables
        rows: list[tuple[Node | None, ...]] = self.rows
        shown = list(range(len(header)))
        if self.graph is not None:
            header, rows = (
                ["subject", "predicate", "object"],
                [tuple(t) for t in sorted(self.graph)],
            )
            shown = [0, 1, 2]
        elif self.kind == "ASK":
            header, rows, shown = ["answer"], [(Literal(self.answer),)], [0]
        else:
            shown = shown_columns(self)
        first = rows[:TABLE_ROWS]
        columns = [
            list(
                zip([row[i] for row in first], column_texts([row[i] for row in first]), strict=True)
            )
            for i in shown
        ]
        left = 'style="text-align:left"'
        head = "".join(f"<th {left}>{escape(header[i])}</th>" for i in shown)
        body = "".join(
            "<tr>" + "".join(_html_cell(term, text) for term, text in cells) + "</tr>"
            for cells in zip(*columns, strict=True)
        )
        caption = escape(self.query.summary or self.query.name)
        if len(rows) > TABLE_ROWS:  # a notebook holds a page of 69,000 rows badly
            caption += f" ({TABLE_ROWS:,} of {len(rows):,} shown; every one is in .rows)"
        if self.graph is None and (tallied := tally_text(self)):
            caption += f"; {escape(tallied)}"
        return f"<table><caption {left}>{caption}</caption><tr>{head}</tr>{body}</table>"

    def column(self, variable: str) -> list[Any]:
        """One column of :meth:`records`."""
        if variable not in self.variables:
            raise QueryError(f"Query {self.query.name!r} has no column {variable!r}.")
        index = self.variables.index(variable)
        return [
            python_value(row[index]) if isinstance(row[index], Literal) else row[index]
            for row in self.rows
        ]

    def to_csv(self) -> str:
        """The result as SPARQL CSV (full IRIs, lexical forms), as ``query -f csv`` writes it."""
        return format_result(self, "csv")

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame of Python values (IRIs as text); needs pandas.

        >>> from diplograph.store import open_store
        >>> from diplograph.queries import run_query
        >>> frame = run_query(open_store("memory"), "troop-contributors").to_dataframe()
        >>> list(frame["contributorLabel"])
        ['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
        """
        try:
            import pandas
        except ImportError as error:
            raise QueryError(
                "to_dataframe needs pandas (pip install pandas, or the notebooks extra); "
                "records() gives the same rows as dicts."
            ) from error
        if self.graph is not None:
            rows = [[term_text(t) for t in triple] for triple in sorted(self.graph)]
            return pandas.DataFrame(rows, columns=["subject", "predicate", "object"])
        if self.kind == "ASK":
            return pandas.DataFrame({"answer": [self.answer]})
        records = [
            {k: (str(v) if isinstance(v, URIRef | BNode) else v) for k, v in record.items()}
            for record in self.records()
        ]
        return pandas.DataFrame(records, columns=self.variables)

    def __repr__(self) -> str:
        """A short, table-like view: the query, the size, the first rows."""
        head = f"<QueryResult {self.query.name}: "
        if self.kind == "ASK":
            return head + f"ASK {str(self.answer).lower()}>"
        if self.graph is not None:
            return head + f"{counted(len(self.graph), 'triple')}>"
        shown = [self.variables[i] for i in shown_columns(self)]
        size = f"{counted(len(self.rows), 'row')} × {counted(len(self.variables), 'column')}"
        lines = [head + size + ">"]
        indexes = [self.variables.index(v) for v in shown]
        widths = {v: len(v) for v in shown}
        sample = [[term_text(row[i])[:40] for i in indexes] for row in self.rows[:5]]
        for cells in sample:
            for variable, cell in zip(shown, cells, strict=True):
                widths[variable] = max(widths[variable], len(cell))
        lines.append("  ".join(v.ljust(widths[v]) for v in shown))
        lines += [
            "  ".join(c.ljust(widths[v]) for v, c in zip(shown, cells, strict=True))
            for cells in sample
        ]
        if len(self.rows) > 5:
            lines.append(f"… {counted(len(self.rows) - 5, 'more row')}")
        return "\n".join(lines)


FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld")

#: output format -> media type (the server negotiates with these)
MEDIA_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
#: formats for CONSTRUCT and DESCRIBE results; the others are for SELECT and ASK
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


def _html_cell(term: Node | None, text: str) -> str:
    """One notebook table cell: numbers to the right, everything else to the left."""
    value = term.value if isinstance(term, Literal) else None
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    return f'<td style="text-align:{"right" if number else "left"}">{escape(text)}</td>'


def term_text(term: Node | None) -> str:
    """A term as a person reads it: a CURIE for known IRIs, the lexical form for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return curie(str(term)) or str(term)
    return str(term)


def _integer(term: Node | None) -> int | None:
    value = term.value if isinstance(term, Literal) else None
    return value if type(value) is int else None


def column_texts(terms: Sequence[Node | None]) -> list[str]:
    """One column's cells as a table shows them (:func:`term_text`); in a column of counts
    (an integer of five digits or more in it), integers with thousands separators, so that
    "69172" reads "69,172" beside "3,535" (a column of years never has five digits).

    >>> from rdflib import Literal
    >>> column_texts([Literal(69172), Literal(3535), Literal(12)])
    ['69,172', '3,535', '12']
    >>> column_texts([Literal(2012), Literal(1994), Literal("69172")])
    ['2012', '1994', '69172']
    """
    counts = any(abs(n) >= 10_000 for t in terms if (n := _integer(t)) is not None)
    return [f"{n:,}" if counts and (n := _integer(t)) is not None else term_text(t) for t in terms]


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


def _not_a_graph(result: QueryResult, fmt: str) -> QueryError:
    return QueryError(
        f"Query {result.query.name!r} is a {result.kind} query: {fmt} needs a CONSTRUCT or "
        "DESCRIBE query; use table, csv, tsv, json or xml."
    )


def _a_graph(result: QueryResult, fmt: str) -> QueryError:
    return QueryError(
        f"Query {result.query.name!r} builds a graph: {fmt} is for tables; use turtle, ntriples "
        "or jsonld (json also gives JSON-LD)."
    )


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (JSON-LD for CONSTRUCT and DESCRIBE results)."""
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": result.answer}, indent=2)
    if result.graph is not None:
        return to_jsonld(result)
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


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attributes = ""
    if term.language:
        attributes = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attributes = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attributes}>{xml_escape(str(term))}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    if result.graph is not None:
        raise _a_graph(result, "xml")
    lines = [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "ASK":
        lines += ["  <head/>", f"  <boolean>{str(result.answer).lower()}</boolean>", "</sparql>"]
        return "\n".join(lines) + "\n"
    lines.append("  <head>")
    lines += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    lines += ["  </head>", "  <results>"]
    for row in result.rows:
        lines.append("    <result>")
        for variable, value in zip(result.variables, row, strict=True):
            if value is not None:
                lines.append(
                    f"      <binding name={quoteattr(variable)}>{_xml_term(value)}</binding>"
                )
        lines.append("    </result>")
    lines += ["  </results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def to_csv(result: QueryResult) -> str:
    """CSV with full IRIs and lexical forms, as in the SPARQL 1.1 CSV results format."""
    if result.graph is not None:
        raise _a_graph(result, "csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ASK":
        writer.writerows([["boolean"], [str(result.answer).lower()]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    return buffer.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    text = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax, one row per line."""
    if result.graph is not None:
        raise _a_graph(result, "tsv")
    if result.kind == "ASK":
        return f"?boolean\n{str(result.answer).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(value) for value in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_turtle(result: QueryResult) -> str:
    if result.graph is None:
        raise _not_a_graph(result, "turtle")
    return result.graph.serialize(format="turtle")


def to_ntriples(result: QueryResult) -> str:
    if result.graph is None:
        raise _not_a_graph(result, "ntriples")
    return ntriples_text(result.graph)


def to_jsonld(result: QueryResult) -> str:
    if result.graph is None:
        raise _not_a_graph(result, "jsonld")
    return result.graph.serialize(format="json-ld", indent=2)


def render_table(result: QueryResult, rows: int | None = TABLE_ROWS, more: str = "") -> Any:
    """A :class:`rich.table.Table` of the result (CONSTRUCT results as subject/predicate/object).

    At most ``rows`` rows (None or 0: all); a cut table says so below it, then ``more`` (how to
    see the rest).
    """
    from rich.markup import escape as markup_escape
    from rich.table import Table

    title = markup_escape(result.query.summary or result.query.name)
    table = Table(title=title, title_justify="left", show_lines=False)
    if result.kind == "ASK":
        table.add_column("answer")
        table.add_row(str(result.answer).lower())
        return table
    if result.graph is not None:
        for column in ("subject", "predicate", "object"):
            table.add_column(column, overflow="fold")
        cells: list[tuple[str, ...]] = [
            tuple(term_text(t) for t in triple) for triple in _first(sorted(result.graph), rows)
        ]
        what, total = "triple", len(result.graph)
    else:
        shown = shown_columns(result)
        first = _first(result.rows, rows)
        columns = [column_texts([row[i] for row in first]) for i in shown]
        for index in shown:
            numbers = bool(first) and all(_integer(row[index]) is not None for row in first)
            table.add_column(
                markup_escape(result.variables[index]),
                overflow="fold",
                justify="right" if numbers else "left",
            )
        cells = list(zip(*columns, strict=True)) if columns else [() for _ in first]
        what, total = "row", len(result.rows)
    for cell_texts in cells:
        table.add_row(*map(markup_escape, cell_texts))
    caption = []
    if len(cells) < total:
        caption.append(
            f"{len(cells):,} of {counted(total, what)} shown" + (f": {more}" if more else "")
        )
    if tallied := tally_text(result):
        caption.append(tallied)
    if caption:
        table.caption = markup_escape("\n".join(caption))
        table.caption_justify = "left"
    return table


def shown_columns(result: QueryResult) -> list[int]:
    """The indexes of the columns a table shows: not an IRI whose label is beside it
    (``otherLabel`` says ``other`` better), nor the statement and raw text a citation says in
    words (``#+ cite:``, :func:`diplograph.network.citation.cite_result`)."""
    variables = result.variables
    cited = result.query.extra.get("cite", "").split()[1:] if "citation" in variables else []
    return [
        index
        for index, variable in enumerate(variables)
        if f"{variable}Label" not in variables and variable not in cited
    ]


def tally_text(result: QueryResult) -> str:
    """For a query headed ``#+ tally: COLUMN``, how many rows have each value of ``COLUMN``, in
    the order they first come: ``by origin: 2 document rows, 355 dataset rows``."""
    column = result.query.extra.get("tally", "").strip()
    if not column or column not in result.variables or result.graph is not None:
        return ""
    index = result.variables.index(column)
    counts: dict[str, int] = {}
    for row in result.rows:
        value = term_text(row[index]) or "none"
        counts[value] = counts.get(value, 0) + 1
    if not counts:
        return ""
    return f"by {column}: " + ", ".join(counted(n, f"{value} row") for value, n in counts.items())


def _first(items: list[Any], rows: int | None) -> list[Any]:
    return items[:rows] if rows else items


_WRITERS = {
    "csv": to_csv,
    "tsv": to_tsv,
    "json": to_json,
    "xml": to_xml,
    "turtle": to_turtle,
    "ntriples": to_ntriples,
    "jsonld": to_jsonld,
}


def format_result(result: QueryResult, fmt: str) -> str:
    """The result as text in ``fmt`` (any of :data:`FORMATS` but table, which rich draws)."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise QueryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return writer(result)
