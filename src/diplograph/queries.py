"""Named SPARQL queries: find ``.rq`` files, read their ``#+`` headers, bind parameters, run.

A header is a block of comment lines that keeps the file valid SPARQL::

    #+ summary: Actors that pledged or contributed troops to a force
    #+ param: force actor = ISF -- the multinational force or mission

A parameter ``NAME TYPE [= DEFAULT] [-- description]`` is the query variable ``?NAME``. Its value
is turned into an RDF term (an actor's IRI, a concept's IRI, a date literal ...) and bound with
rdflib's ``initBindings``; the query text is never edited, so no value can change its shape.
A parameter with no default and no value stays unbound, which means "any".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from diplograph.errors import QueryError
from diplograph.namespaces import PREFIXES
from diplograph.paths import queries_dir

__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "find_query",
    "list_queries",
    "load_query",
    "run_query",
]

#: parameter types and what a value of each is turned into
PARAM_TYPES = {
    "actor": "an actor's label, alias, ISO 3166 alpha-3 or COW code, CURIE or IRI",
    "concept": "a concept's label, notation, local name, CURIE or IRI (tie types, statuses ...)",
    "iri": "an absolute IRI or a CURIE such as d:morocco",
    "date": "an ISO 8601 date, YYYY-MM-DD",
    "string": "any text, bound as a plain string literal",
    "integer": "a whole number",
    "decimal": "a decimal number",
}

_HEADER = re.compile(r"^#\+\s?(?P<key>[A-Za-z_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\+\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class Parameter:
    """One ``#+ param:`` of a query."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header."""

    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Parameter, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_check(self) -> bool:
        """Whether this is a quality check that must return no rows."""
        return self.path.stem.endswith("-violation")

    def param(self, name: str) -> Parameter:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"Query {self.name!r} has no parameter {name!r}; its parameters: {known}.")


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

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (``None`` for unbound), for notebooks and tests."""
        return [
            {
                var: (value.toPython() if isinstance(value, Literal) else value)
                for var, value in zip(self.variables, row, strict=True)
            }
            for row in self.rows
        ]

    def _repr_html_(self) -> str:
        """An HTML table for notebooks; every value is escaped."""
        from html import escape

        header: list[str] = self.variables
        rows: list[tuple[Node | None, ...]] = self.rows
        if self.graph is not None:
            header, rows = (
                ["subject", "predicate", "object"],
                [tuple(t) for t in sorted(self.graph)],
            )
        elif self.kind == "ASK":
            header, rows = ["answer"], [(Literal(self.answer),)]
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row)
            + "</tr>"
            for row in rows
        )
        caption = escape(self.query.summary or self.query.name)
        return f"<table><caption>{caption}</caption><tr>{head}</tr>{body}</table>"

    def column(self, variable: str) -> list[Any]:
        """One column of :meth:`records`."""
        if variable not in self.variables:
            raise QueryError(f"Query {self.query.name!r} has no column {variable!r}.")
        return [record[variable] for record in self.records()]


def parse_header(text: str) -> dict[str, list[str]]:
    """The ``#+ key: value`` lines at the top of ``text``; a key may repeat (``param``)."""
    header: dict[str, list[str]] = {}
    last: str | None = None
    for line in text.splitlines():
        if continued := _CONTINUATION.match(line):
            if last is not None:
                header[last][-1] += " " + continued["value"].strip()
            continue
        if match := _HEADER.match(line):
            last = match["key"].lower()
            header.setdefault(last, []).append(match["value"].strip())
            continue
        if line.strip() and not line.startswith("#"):
            break
        last = None
    return header


def _parse_param(spec: str, path: Path) -> Parameter:
    match = _PARAM.match(spec.strip())
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryError(
            f"{path}: bad parameter line '#+ param: {spec}'; expected "
            f"'NAME TYPE [= DEFAULT] [-- description]' with TYPE one of {', '.join(PARAM_TYPES)}."
        )
    default = match["default"]
    return Parameter(
        name=match["name"],
        type=match["type"],
        default=default.strip() if default else None,
        doc=(match["doc"] or "").strip(),
    )


def load_query(path: Path, name: str | None = None) -> NamedQuery:
    """Read a query file and its header; :class:`QueryError` if it is not valid SPARQL."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"{path}: cannot read the query ({error.strerror}).") from error
    header = parse_header(text)
    query = NamedQuery(
        name=name or path.stem,
        path=path,
        text=text,
        summary=" ".join(header.get("summary", [])),
        description=" ".join(header.get("description", [])),
        tags=tuple(t.strip() for v in header.get("tags", []) for t in v.split(",") if t.strip()),
        params=tuple(_parse_param(spec, path) for spec in header.get("param", [])),
        extra={k: " ".join(v) for k, v in header.items() if k not in _KNOWN_KEYS},
    )
    _prepared(query.text, str(path))  # parse now, so errors name the file
    return query


_KNOWN_KEYS = {"summary", "description", "tags", "param"}


@lru_cache(maxsize=256)
def _prepared(text: str, origin: str) -> Query:
    try:
        return prepareQuery(text, initNs=dict(PREFIXES))
    except Exception as error:  # pyparsing's ParseException and rdflib's own errors
        line = getattr(error, "lineno", None)
        column = getattr(error, "col", None)
        where = f"{origin}:{line}:{column}" if line else origin
        message = getattr(error, "msg", None) or str(error).splitlines()[0]
        raise QueryError(f"{where}: malformed SPARQL ({message}).") from error


def list_queries(include_checks: bool = True) -> list[NamedQuery]:
    """Every built-in query, sorted by name; checks are named ``checks/NAME-violation``."""
    root = queries_dir()
    queries = [
        load_query(path, path.relative_to(root).with_suffix("").as_posix())
        for path in sorted(root.rglob("*.rq"))
    ]
    return [q for q in queries if include_checks or not q.is_check]


def find_query(name_or_path: str | Path) -> NamedQuery:
    """A built-in query by name (``troop-contributors``) or any ``.rq`` file by path."""
    text = str(name_or_path)
    candidate = Path(text)
    if text.endswith(".rq") and candidate.is_file():
        return load_query(candidate, candidate.stem)
    builtin = queries_dir() / f"{text.removesuffix('.rq')}.rq"
    if builtin.is_file():
        return load_query(builtin, text.removesuffix(".rq"))
    if text.endswith(".rq"):
        raise QueryError(f"{text}: no such query file.")
    names = [q.name for q in list_queries()]
    from difflib import get_close_matches

    near = get_close_matches(text, names, n=3, cutoff=0.4)
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    raise QueryError(
        f"Unknown query {text!r}.{hint} 'diplograph queries' lists all {len(names)} of them."
    )


def bind_value(graph: Graph, param: Parameter, value: str) -> Identifier:
    """Turn a user's text into the RDF term for ``param``; errors name the parameter."""
    from diplograph.names import resolve_actor, resolve_concept

    what = f"parameter {param.name!r} ({param.type})"
    if param.type == "actor":
        return resolve_actor(graph, value)
    if param.type == "concept":
        return resolve_concept(graph, value)
    if param.type == "iri":
        return _iri(value, what)
    if param.type == "date":
        try:
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            raise QueryError(f"{what}: {value!r} is not a YYYY-MM-DD date.") from None
    if param.type == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise QueryError(f"{what}: {value!r} is not a whole number.") from None
    if param.type == "decimal":
        try:
            return Literal(Decimal(value))
        except InvalidOperation:
            raise QueryError(f"{what}: {value!r} is not a number.") from None
    return Literal(value)


def _iri(value: str, what: str) -> URIRef:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if not _IRI.match(text):
        raise QueryError(f"{what}: {value!r} is not an absolute IRI or a known CURIE.")
    return URIRef(text)


def run_query(
    graph: Graph,
    query: NamedQuery | str | Path,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run ``query`` on ``graph`` with ``params`` (text values, resolved per parameter type)."""
    named = query if isinstance(query, NamedQuery) else find_query(query)
    given = dict(params or {})
    for name in given:
        named.param(name)  # raises on an unknown parameter
    bindings: dict[str, Identifier] = {}
    for param in named.params:
        value = given.get(param.name, param.default)
        if value is not None and value != "":
            bindings[param.name] = bind_value(graph, param, value)
    prepared = _prepared(named.text, str(named.path))
    try:
        result = graph.query(prepared, initBindings=bindings)
    except Exception as error:  # evaluation errors in a user's query
        raise QueryError(f"{named.path}: the query failed while running ({error}).") from error
    kind = str(result.type)
    if kind in {"CONSTRUCT", "DESCRIBE"}:
        constructed = result.graph
        assert constructed is not None
        for prefix, namespace in graph.namespaces():
            constructed.bind(prefix, namespace, override=True)
        return QueryResult(named, kind, [], [], graph=constructed, bindings=bindings)
    if kind == "ASK":
        return QueryResult(named, kind, [], [], answer=bool(result.askAnswer), bindings=bindings)
    variables = [str(v) for v in (result.vars or [])]
    rows: list[tuple[Node | None, ...]] = [tuple(row) for row in result]  # type: ignore[arg-type]
    return QueryResult(named, kind, variables, rows, bindings=bindings)
