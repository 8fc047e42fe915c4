"""The SPARQL 1.1 Protocol over a :class:`~diplograph.store.Store` and the result writers.

Two halves. In the server: content negotiation (:func:`negotiate`), reading a protocol request's
query or update (:func:`read_operation`) and the service description. In a worker process:
:func:`perform`, which runs one job on the store and writes the answer with the writers of
:mod:`diplograph.queries.results`, so ``/sparql`` with ``Accept: text/csv`` gives the same
bytes as ``diplograph query -f csv``. Errors become an HTTP status and the very message the CLI
prints.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from diplograph.errors import (
    DataError,
    DiplographError,
    QueryError,
    StoreError,
    UnknownNameError,
    with_hint,
)
from diplograph.maps import render_map
from diplograph.namespaces import DCTERMS, FORMATS, SD
from diplograph.network import build_network
from diplograph.network.citation import cited_query
from diplograph.ntriples import iri, literal
from diplograph.queries import NamedQuery, QueryResult, format_result
from diplograph.queries.catalog import check_syntax
from diplograph.queries.results import GRAPH_FORMATS, MEDIA_TYPES
from diplograph.server.hints import HINTS
from diplograph.server.messages import Job, Reply
from diplograph.store.binding import analyse

if TYPE_CHECKING:
    from diplograph.queries import NamedQuery, QueryResult
    from diplograph.store import Store

__all__ = [
    "TABLE_FORMATS",
    "HttpError",
    "negotiate",
    "perform",
    "read_operation",
    "service_description",
]

#: formats of SELECT and ASK results; :data:`GRAPH_FORMATS` are for CONSTRUCT and DESCRIBE
TABLE_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})

#: media type in an Accept header -> format (the writers' own types, then common synonyms)
ACCEPTED = {
    **{media: fmt for fmt, media in MEDIA_TYPES.items()},
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/x-json+ld": "jsonld",
}
#: values of the ``format`` request parameter (also those SPARQLWrapper sends) -> format
FORMAT_NAMES = {
    **{fmt: fmt for fmt in MEDIA_TYPES},
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
}
#: parameters a request may have (query or update, format, a few named-query parameters)
MAX_FIELDS = 100
#: headers that say a result was cut to the row limit (documented in the README)
TRUNCATED = "X-Diplograph-Truncated"
MAX_ROWS = "X-Diplograph-Max-Rows"
TOTAL_ROWS = "X-Diplograph-Total-Rows"


class HttpError(Exception):
    """A request the server refuses: its status and a message for the client."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


# ------------------------------------------------------------------ in the server


def _formats_for(form: str | None) -> tuple[str, ...]:
    return GRAPH_FORMATS if form in GRAPH_FORMS else TABLE_FORMATS


def _accept_ranges(header: str) -> list[tuple[str, float]]:
    """``(media range, q)`` of an Accept header, best first (ties keep their order)."""
    ranges = []
    for position, item in enumerate(header.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((media.lower(), q, position))
    ranges.sort(key=lambda r: (-r[1], r[0].endswith("/*"), r[2]))
    return [(media, q) for media, q, _ in ranges]


def negotiate(accept: str | None, form: str | None, requested: str | None = None) -> str:
    """The format to answer a ``form`` query in: the ``format`` parameter, else the Accept header.

    SELECT and ASK default to SPARQL JSON, CONSTRUCT and DESCRIBE to Turtle; ``application/json``
    means JSON-LD for a graph. :class:`HttpError` 406 when nothing acceptable fits.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
    'xml'
    >>> negotiate("application/json", "CONSTRUCT"), negotiate(None, "DESCRIBE", "nt")
    ('jsonld', 'ntriples')
    >>> negotiate("application/sparql-results+json, text/turtle;q=0.9", "CONSTRUCT")
    'turtle'
    """
    offered = _formats_for(form)
    graph = form in GRAPH_FORMS
    if requested and (fmt := FORMAT_NAMES.get(requested.strip().lower())):
        if graph and fmt == "json":
            fmt = "jsonld"
        if fmt not in offered:
            raise _not_acceptable(form, offered, f"format={requested}")
        return fmt
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accept_ranges(accept)
    for media, _q in ranges:
        if media in {"*/*", "*"}:
            return offered[0]
        if media.endswith("/*"):
            major = media[:-1]
            for fmt in offered:
                if MEDIA_TYPES[fmt].startswith(major):
                    return fmt
            continue
        fmt = ACCEPTED.get(media, "")
        if graph and media == "application/json":
            fmt = "jsonld"
        if fmt in offered:
            return fmt
    raise _not_acceptable(form, offered, f"Accept: {accept}")


def _not_acceptable(form: str | None, offered: tuple[str, ...], asked: str) -> HttpError:
    kind = "graph (CONSTRUCT, DESCRIBE)" if form in GRAPH_FORMS else "table (SELECT, ASK)"
    types = ", ".join(MEDIA_TYPES[f] for f in offered)
    return HttpError(
        406,
        f"Cannot answer {asked}: results of a {kind} query come as {types}.",
        {"Vary": "Accept"},
    )


@dataclass(frozen=True)
class Operation:
    """What a protocol request asks: a query or an update (``kind``), and its text."""

    kind: str  #: "query", "update" or "describe" (no operation: the service description)
    text: str
    fmt: str | None  #: the ``format`` request parameter, if any


_DATASET_PARAMS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)


def _single(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key == name]
    if len(values) > 1:
        raise HttpError(400, f"The request gives {len(values)} '{name}' parameters; give one.")
    return values[0] if values else None


def read_operation(
    method: str, query_string: str, content_type: str | None, body: bytes
) -> Operation:
    """The operation of a SPARQL 1.1 Protocol request (GET, POST form-encoded or direct).

    >>> read_operation("GET", "query=ASK%20%7B%7D", None, b"").text
    'ASK {}'
    >>> read_operation("POST", "", "application/sparql-update", b"CLEAR ALL").kind
    'update'
    """
    pairs = query_pairs(query_string)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/x-www-form-urlencoded":
            pairs += query_pairs(_text(body))
        elif media in {"application/sparql-query", "application/sparql-update"}:
            if _single(pairs, "query") is not None or _single(pairs, "update") is not None:
                raise HttpError(400, "A direct POST carries its operation in the body only.")
            kind = "query" if media.endswith("query") else "update"
            return Operation(kind, _text(body), _format(pairs))
        elif body:
            raise HttpError(
                415,
                f"Content-Type {content_type!r} is not a SPARQL request; use "
                "application/sparql-query, application/sparql-update or "
                "application/x-www-form-urlencoded.",
            )
    for name in _DATASET_PARAMS:
        if _single(pairs, name) is not None:
            raise HttpError(
                400,
                f"'{name}' is not supported: the default graph is always the union of all the "
                "store's graphs; use GRAPH in the query to pick one.",
            )
    query, update, fmt = _single(pairs, "query"), _single(pairs, "update"), _format(pairs)
    if query is not None and update is not None:
        raise HttpError(400, "The request gives both 'query' and 'update'; give one.")
    if update is not None:
        return Operation("update", update, fmt)
    if query is not None:
        return Operation("query", query, fmt)
    return Operation("describe", "", fmt)


def query_pairs(text: str) -> list[tuple[str, str]]:
    """The name=value pairs of a query string or form body; 400 for more than
    :data:`MAX_FIELDS` of them (a protocol request has a handful)."""
    try:
        return parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise HttpError(
            400, f"The request has more than {MAX_FIELDS} parameters; a SPARQL request has a few."
        ) from None


def _format(pairs: list[tuple[str, str]]) -> str | None:
    """The first ``format`` value that names a format (SPARQLWrapper sends a name and a type)."""
    for key, value in pairs:
        if key == "format" and value.strip().lower() in FORMAT_NAMES:
            return value
    return None


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(400, f"The request body is not UTF-8 text ({error.reason}).") from None


_SAFE_IRI = re.compile(r"^https?://[A-Za-z0-9.:\[\]_-]+(/[A-Za-z0-9._~/-]*)?$")
#: the result format of each writer the server has, by the W3C's name of it
_FORMAT_NAMES = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
}
#: the prefixes of the description, their namespaces from diplograph.namespaces
_DESCRIPTION_PREFIXES = {"sd": SD, "formats": FORMATS, "dcterms": DCTERMS}


def _curie(prefix: str, name: str) -> str:
    """``prefix:name``, once the (strict) namespace has the term: a misspelt one fails here."""
    _DESCRIPTION_PREFIXES[prefix][name]
    return f"{prefix}:{name}"


def service_description(endpoint: str, allow_update: bool) -> str:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``, as Turtle.

    >>> print(service_description("http://127.0.0.1:8000/sparql", True).splitlines()[7])
        sd:supportedLanguage sd:SPARQL11Query, sd:SPARQL11Update ;
    """
    subject = iri(endpoint) if _SAFE_IRI.match(endpoint) else "[]"
    sd = functools.partial(_curie, "sd")
    languages = [sd("SPARQL11Query"), *([sd("SPARQL11Update")] if allow_update else [])]
    written = sorted(MEDIA_TYPES, key=list(_FORMAT_NAMES).index)  # each writer has a name
    formats = ",\n        ".join(_curie("formats", _FORMAT_NAMES[fmt]) for fmt in written)
    prologue = "".join(
        f"@prefix {prefix}: {iri(str(namespace))} .\n"
        for prefix, namespace in _DESCRIPTION_PREFIXES.items()
    )
    title = literal("diplograph: a knowledge graph of diplomatic relationships")
    return (
        f"{prologue}\n"
        f"{subject} a {sd('Service')} ;\n"
        f"    {_curie('dcterms', 'title')} {title} ;\n"
        f"    {sd('endpoint')} {subject if subject != '[]' else '<sparql>'} ;\n"
        f"    {sd('supportedLanguage')} {', '.join(languages)} ;\n"
        f"    {sd('feature')} {sd('UnionDefaultGraph')} ;\n"
        f"    {sd('resultFormat')} {formats} ;\n"
        f"    {sd('defaultDataset')} [ a {sd('Dataset')} ; "
        f"{sd('defaultGraph')} [ a {sd('Graph')} ] ] .\n"
    )


# ------------------------------------------------------------------ in a worker process


def _message(status: int, text: str) -> Reply:
    return Reply(status, "text/plain", text.encode("utf-8"))


def _cut(result: QueryResult, max_rows: int) -> dict[str, str]:
    """Cut ``result`` to ``max_rows`` rows (or triples); the headers that say so, if it was."""
    total = len(result)
    if not max_rows or not result.cut(max_rows):
        return {}
    return {TRUNCATED: "true", MAX_ROWS: str(max_rows), TOTAL_ROWS: str(total)}


def _written(result: QueryResult, fmt: str, max_rows: int) -> Reply:

    headers = _cut(result, max_rows)
    try:
        text = format_result(result, fmt)
    except QueryError as error:
        return _message(406, str(error))
    return Reply(200, MEDIA_TYPES[fmt], text.encode("utf-8"), headers)


def _sparql(store: Store, job: Job) -> Reply:

    text: str = job["text"]
    shape = analyse(text)
    if shape.form is None and shape.update_keyword is None:  # no query at all: the parser says why
        check_syntax(text, "query")
    fmt = negotiate(job.get("accept"), shape.form, job.get("format"))
    answer = store.query(text, shape=shape)
    named = NamedQuery(name="query", path=Path("query.rq"), text=text)
    result = QueryResult(
        named, answer.kind, answer.variables, answer.rows, answer.graph, answer.boolean
    )
    return _written(result, fmt, job["max_rows"])


def _named(store: Store, job: Job) -> Reply:

    result = cited_query(store, job["name"], job["params"])
    return _written(result, job["format"], job["max_rows"])


def _map(store: Store, job: Job) -> Reply:

    with tempfile.TemporaryDirectory(prefix="diplograph-map-") as folder:
        query = job.get("name")
        if query is None:  # the page's own query: a .rq file, as the CLI takes one
            path = Path(folder) / "your-query.rq"
            path.write_text(job["text"], encoding="utf-8")
            query = str(path)
        network = build_network(store, query, job.get("params") or {})
    if job.get("name") is None:
        network.graph["query"] = "your query"  # not the temporary file's path
    page = render_map(network)
    return Reply(200, "text/html", page.html.encode("utf-8"))


def _update(store: Store, job: Job) -> Reply:
    store.update(job["text"])
    return Reply(204, "text/plain", b"")


_OPERATIONS = {"sparql": _sparql, "named": _named, "map": _map, "update": _update}


def perform(store: Store, job: Job) -> Reply:
    """Run one job on ``store`` (in a worker process); every failure becomes a status + message."""
    operation = _OPERATIONS.get(str(job.get("op")))
    if operation is None:
        return _message(500, f"Unknown job {job.get('op')!r}.")
    try:
        return operation(store, job)
    except HttpError as error:
        return Reply(error.status, "text/plain", (error.message + "\n").encode(), error.headers)
    except (QueryError, UnknownNameError, DataError) as error:  # the request's own fault
        return _message(400, with_hint(error, HINTS))
    except StoreError as error:
        return _message(502 if store.spec.startswith("sparql+") else 500, str(error))
    except DiplographError as error:
        return _message(500, str(error))
    except Exception as error:
        return _message(500, f"The server failed while running the job ({error!r}).")


def job_params(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], str | None]:
    """A named query's parameters from request pairs, and the ``format`` one apart."""
    params: dict[str, str] = {}
    for key, value in pairs:
        if key == "format":
            continue
        if key in params:
            raise HttpError(400, f"Parameter {key} is given twice ({params[key]!r} and {value!r}).")
        params[key] = value
    return params, _format(pairs)


def describe_query(named: NamedQuery) -> dict[str, Any]:
    """A named query as the ``/queries`` list shows it."""

    return {
        "name": named.name,
        "summary": named.summary,
        "description": named.description,
        "tags": list(named.tags),
        "form": check_syntax(named.text, str(named.path)),
        "check": named.is_check,
        "params": [
            {"name": p.name, "type": p.type, "default": p.default, "doc": p.doc}
            for p in named.params
        ],
    }
