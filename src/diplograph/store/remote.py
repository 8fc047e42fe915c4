"""Any SPARQL 1.1 endpoint as a store: read-only unless given an update URL.

Requests use only what every SPARQL 1.1 server must accept: a query goes URL-encoded, by GET while
the URL stays short and by POST beyond; an update is a URL-encoded POST (Virtuoso never answers a
query POSTed as ``application/sparql-query``). Files go in through the server's Graph Store
Protocol when it has one, else as ``INSERT DATA`` requests of a few hundred triples, halved while
the server refuses them (Virtuoso's compiler gives up at a few thousand). A file sent in one
request keeps its blank nodes; one sent in several gets IRIs for them (RDF 1.1 skolemisation), the
one way a node stays one node across requests.

Only diplograph's own graphs are listed and counted: an engine's own graphs (Virtuoso keeps some
5,000 triples of its own in the union) are not the user's. A result the server cut to its limit
(Virtuoso's ``ResultSetMaxRows``, said in an ``X-SPARQL-MaxRows`` header, or not at all for
CONSTRUCT) is a :class:`~diplograph.errors.DataWarning` with the numbers, or a
:class:`~diplograph.errors.StoreError` when the store is strict. Every failure (unreachable, an
HTTP error, a web page or an error message instead of results, no answer within the timeout) is
one error naming the URL, the status and what the server said.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import re
import socket
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from diplograph import ntriples
from diplograph.errors import DataWarning, QueryError, StoreError
from diplograph.iri import is_iri
from diplograph.namespaces import GENID, GRAPH, XSD
from diplograph.store.binding import substitute, with_limit
from diplograph.store.catalogue import own_quads
from diplograph.store.engine import Engine, Progress
from diplograph.store.graphs import OxigraphGraph
from diplograph.store.values import typed_value

__all__ = ["CHUNK", "GSP_CHUNK", "RemoteEngine"]

#: triples per INSERT DATA request at first (halved while the server refuses a request)
CHUNK = 1_000
#: the fewest triples a request is halved down to before the server's refusal is the error
MIN_CHUNK = 16
#: triples per Graph Store Protocol request
GSP_CHUNK = 100_000
#: blank nodes of files loaded in several requests become these IRIs (RDF 1.1 skolemisation)
DEFAULT_TIMEOUT = 60.0
#: longest URL a query is sent in by GET; longer ones are POSTed
GET_LIMIT = 2_000
#: a CONSTRUCT answer of this many triples or more is checked for a cut (see _check_construct)
CHECKED_CONSTRUCT = 1_000
#: rows a page when a graph is read in pages and the server's limit is unknown (Virtuoso's default)
PAGE = 10_000
#: the Graph Store Protocol endpoint of engines known by their Server header, beside the query URL
KNOWN_GSP = {"virtuoso/": "/sparql-graph-crud", "oxigraph/": "/store"}

_SPARQL_JSON = "application/sparql-results+json"
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_BOOLEAN = str(XSD.boolean)
#: which of the IRIs ?x (bound) are mentioned in one of diplograph's graphs (whose names start
#: with ?graphs, the graph namespace)
_MENTIONED = substitute(
    """SELECT DISTINCT ?x WHERE {
  GRAPH ?g { { ?x ?p ?o } UNION { ?s ?x ?o } UNION { ?s ?p ?x } }
  FILTER(STRSTARTS(STR(?g), ?graphs))
}""",
    {"graphs": Literal(str(GRAPH))},
)
_GRAPHS_QUERY = substitute(
    """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?graphs))
} GROUP BY ?g""",
    {"graphs": Literal(str(GRAPH))},
)
#: how many triples graph ?g holds
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: one page of graph ?g's triples, in order (LIMIT and OFFSET are added, checked)
_PAGE = (
    "SELECT ?s ?p ?o WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } "
    "ORDER BY ?s ?p ?o } }"
)


class _Deadline:
    """The end of one request's time: at it, the request's sockets are shut, so that a server
    that answers a byte at a time (each read within the socket's timeout) cannot hold it longer."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Deadline:
        _requests.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        _requests.deadline = None


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


#: the deadline of the request this thread is making
_requests = threading.local()


def _watched(sock: socket.socket | None) -> None:
    deadline = getattr(_requests, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _WatchedHTTP(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watched(self.sock)


class _WatchedHTTPS(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watched(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def do_open(  # type: ignore[override]
        self, http_class: type, req: urllib.request.Request, **options: Any
    ) -> http.client.HTTPResponse:
        return super().do_open(_WatchedHTTPS, req, **options)


#: urllib's opener (proxies from the environment, redirects ...), its connections watched
_OPENER = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


@dataclass(frozen=True)
class _Reply:
    """An HTTP answer, read whole."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]  #: by lower-case name
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def described(self) -> str:
        return f"HTTP {self.status} {self.reason}".rstrip() + (
            f", {self.media_type}" if self.media_type else ""
        )

    @property
    def message(self) -> str:
        """What the server said in the body, as one short line of text."""
        return server_message(self.body, self.media_type)


def server_message(body: bytes, media_type: str = "") -> str:
    """The gist of an error body as one line: the text of an HTML page, a JSON error's message,
    a plain text's first lines (without the query that engines echo after them).

    >>> server_message(b"<html><title>Oops</title><body><h1>500</h1><p>It broke &amp; died</p>")
    'Oops 500 It broke & died'
    """
    text = body.decode("utf-8", errors="replace")
    if media_type.endswith("json") or text.lstrip().startswith("{"):
        try:
            found = json.loads(text)
        except ValueError:
            found = None
        if isinstance(found, dict):
            for key in ("message", "exception", "error", "detail"):
                if isinstance(found.get(key), str):
                    text = found[key]
                    break
    if "html" in media_type or re.match(r"\s*<(!doctype|html)", text, re.IGNORECASE):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    text = re.split(r"\n\s*SPARQL query:", text)[0]  # Virtuoso repeats the whole query after it
    words = " ".join(text.split())
    return words[:400] + ("…" if len(words) > 400 else "") if words else "(an empty body)"


def _json_term(cell: dict[str, Any]) -> Node:
    kind = cell.get("type")
    value = cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(_bnode_label(value))
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype == _BOOLEAN and value in {"0", "1"}:  # Virtuoso writes booleans as 0 and 1
        value = "true" if value == "1" else "false"
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


def _json_value(cell: dict[str, Any]) -> Any:
    if cell.get("type") in {"literal", "typed-literal"} and "xml:lang" not in cell:
        return typed_value(cell.get("value", ""), cell.get("datatype"))
    if cell.get("type") == "bnode":
        return _bnode_label(cell.get("value", ""))
    return cell.get("value")


def _bnode_label(value: str) -> str:
    """A blank node's label as N-Triples allows it (Virtuoso says ``nodeID://b10002``)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", value.removeprefix("nodeID://")) or "b"


class RemoteEngine(Engine):
    """A SPARQL 1.1 endpoint at ``query_url``; writable when ``update_url`` is given.

    ``gsp_url`` is its Graph Store Protocol endpoint for loading files: None to find it (known
    engines, by their Server header), ``""`` for none (``INSERT DATA`` requests). ``strict``
    makes a result the server cut an error rather than a warning.
    """

    #: the server's answers arrive over HTTP: two at a time are fine
    parallel_queries = True
    #: the default graph is whatever the server was started with: the catalogue checks it
    union_default = False

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        gsp_url: str | None = None,
        strict: bool = False,
    ) -> None:
        super().__init__()
        self.query_url = query_url
        self.update_url = update_url
        self.timeout = timeout
        self.gsp_url = gsp_url
        self.strict = strict
        self.writable = update_url is not None
        self.spec = f"sparql+{query_url}" + (f" (updates: {update_url})" if update_url else "")
        #: graphs every query is asked over (``default-graph-uri``); None: the endpoint's union
        self.dataset: tuple[str, ...] | None = None
        #: the server's limit on a result, once seen; and a size it was seen to exceed
        self.row_limit: int | None = None
        self._rows_seen = 0
        self._server = ""  # the Server header of its answers: the engine, for its GSP URL
        self._chunk = CHUNK

    def _writable_how(self) -> str:
        return "Give it the endpoint's update URL: sparql+http://…/query#update=URL."

    def process_spec(self, *, writable: bool = False) -> str | None:
        """This endpoint's store string, with its options (and update URL when ``writable``)."""
        options = {"timeout": f"{self.timeout:g}"}
        if writable and self.update_url is not None:
            options["update"] = self.update_url
            if self.gsp_url is not None:
                options["gsp"] = self.gsp_url or "none"
        if self.strict:
            options["strict"] = "true"
        return f"sparql+{self.query_url}#{urlencode(options)}"

    def unowned(self, iris: Sequence[str]) -> set[str]:
        """Those of ``iris`` that none of diplograph's graphs mentions (as subject, predicate or
        object): only the engine's own graphs do. Asked 200 at a time."""
        wanted = sorted({iri for iri in iris if is_iri(iri)})
        found: set[str] = set()
        for start in range(0, len(wanted), 200):
            listed = [URIRef(iri) for iri in wanted[start : start + 200]]
            _, rows = self.select_values(_MENTIONED, {"x": listed})
            found.update(str(row[0]) for row in rows)
        return set(wanted) - found

    # ---------------------------------------------------------------- HTTP

    def _exchange(
        self,
        url: str,
        body: bytes | None = None,
        *,
        content_type: str | None = None,
        accept: str = "*/*",
        method: str | None = None,
    ) -> _Reply:
        """One HTTP request, its answer read whole within the timeout; StoreError if none came."""
        headers = {"Accept": accept, "User-Agent": "diplograph"}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 (the user's endpoint, http or https: checked in registry)
        where = _shown(url)
        late = f"The SPARQL endpoint {where} did not answer within {self.timeout:g} s."
        with _Deadline(self.timeout) as deadline:
            try:
                try:
                    response = _OPENER.open(request, timeout=self.timeout)
                except urllib.error.HTTPError as error:
                    response = error  # an answer all the same: its status and body tell why
                with response:
                    chunks = []
                    while block := response.read(1 << 16):
                        chunks.append(block)
                    reply = _Reply(
                        url,
                        response.status or 0,
                        str(getattr(response, "reason", "") or ""),
                        {name.lower(): value for name, value in response.headers.items()},
                        b"".join(chunks),
                    )
            except urllib.error.URLError as error:
                reason = error.reason
                if deadline.expired or isinstance(reason, TimeoutError | socket.timeout):
                    raise StoreError(late) from error
                raise StoreError(f"Cannot reach the SPARQL endpoint {where} ({reason}).") from error
            except (OSError, http.client.HTTPException) as error:
                if deadline.expired or isinstance(error, TimeoutError):
                    raise StoreError(late) from error
                raise StoreError(
                    f"Cannot talk to the SPARQL endpoint {where} ({error})."
                ) from error
        if deadline.expired:  # cut off at the deadline, and what came looked whole
            raise StoreError(late)
        promised = reply.headers.get("content-length", "").strip()
        if promised.isdigit() and len(reply.body) < int(promised):
            raise StoreError(
                f"The SPARQL endpoint {where} answered {reply.described} and closed the connection "
                f"after {len(reply.body):,} of the {int(promised):,} bytes it announced."
            )
        if not self._server:
            self._server = reply.headers.get("server", "")
        return reply

    def _ok(self, reply: _Reply, what: str) -> _Reply:
        """``reply`` if it succeeded, else QueryError (malformed) or StoreError: one paragraph."""
        if 200 <= reply.status < 300:
            return reply
        said = f"{_shown(reply.url)} answered {reply.described} to {what}: {reply.message}"
        if reply.status == 400:
            raise QueryError(f"The SPARQL endpoint {said}")
        raise StoreError(f"The SPARQL endpoint {said}")

    def _ask_server(self, text: str, accept: str) -> _Reply:
        """A query's answer: URL-encoded, by GET while short, else by POST."""
        fields = [("query", text)]
        for graph in self.dataset or ():
            fields += [("default-graph-uri", graph), ("named-graph-uri", graph)]
        encoded = urlencode(fields)
        joiner = "&" if "?" in self.query_url else "?"
        if len(self.query_url) + len(encoded) < GET_LIMIT:
            reply = self._exchange(f"{self.query_url}{joiner}{encoded}", accept=accept)
        else:
            reply = self._exchange(
                self.query_url,
                encoded.encode("ascii"),
                content_type="application/x-www-form-urlencoded",
                accept=accept,
            )
        return self._ok(reply, "a query")

    def _json(self, text: str) -> tuple[dict[str, Any], _Reply]:
        reply = self._ask_server(text, _SPARQL_JSON)
        try:
            answer = json.loads(reply.body)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or "head" not in answer:
            raise StoreError(
                f"The SPARQL endpoint {_shown(reply.url)} answered {reply.described}, but not "
                f"with SPARQL results: {reply.message}"
            )
        return answer, reply

    # ---------------------------------------------------------------- results cut short

    def _cut(
        self, reply: _Reply, count: int, unit: str, why: str, limit: str = "ResultSetMaxRows"
    ) -> None:
        """Say the server gave only ``count`` ``unit`` of the answer: warn, or fail (strict).
        ``limit`` names Virtuoso's setting that cut it."""
        text = (
            f"The SPARQL endpoint {_shown(reply.url)} gave only the first {count:,} {unit} of the "
            f"answer: {why}. What follows uses them alone. Raise the server's limit (Virtuoso: "
            f"{limit} in the [SPARQL] section of virtuoso.ini) or ask for less."
        )
        if self.strict:
            raise StoreError(text + " (The store is strict: a cut answer is an error.)")
        warnings.warn(DataWarning(text), stacklevel=4)

    def _check_cut(self, reply: _Reply, count: int, unit: str) -> None:
        """Warn (or fail) if the server says it cut this answer."""
        headers = reply.headers
        limit = headers.get("x-sparql-maxrows", "").strip()
        if limit.isdigit():
            self.row_limit = int(limit)
            if count >= int(limit):
                self._cut(reply, count, unit, f"it returns at most {int(limit):,}")
                return
        if self._stopped(reply, count, unit):
            return
        self._rows_seen = max(self._rows_seen, count)

    def _stopped(self, reply: _Reply, count: int, unit: str) -> bool:
        """Warn (or fail) if the server's time limit stopped the query and this answer is what
        it had by then (Virtuoso's "anytime" answer, said only in an ``X-SQL-State: S1TAT``
        header), whatever the query's form: a CONSTRUCT cut so is as silent as a SELECT."""
        if not reply.headers.get("x-sql-state", "").startswith("S1TAT"):
            return False
        said = reply.headers.get("x-sql-message", "its time limit was reached")
        self._cut(reply, count, unit, f"it stopped the query ({said})", "MaxQueryExecutionTime")
        return True

    def _check_construct(self, reply: _Reply, count: int) -> None:
        """Warn (or fail) if a CONSTRUCT answer looks cut: Virtuoso cuts them without a word.

        A big answer of the server's row limit (or one more) is taken as cut. The limit is learnt
        from a SELECT that hit it; until then, a SELECT of ``count + 1`` rows made from nothing
        (VALUES lists) shows whether the server stops at ``count``.
        """
        if count < CHECKED_CONSTRUCT or (self.row_limit is None and count <= self._rows_seen):
            return
        if self.row_limit is None:
            tens = len(str(count + 1))  # ten rows a digit: 10 ** tens rows, more than count
            digits = " ".join(f"VALUES ?d{i:d} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(tens))
            probe = with_limit(f"SELECT ?a WHERE {{ {digits} BIND(0 AS ?a) }}", count + 1)
            answer, probed = self._json(probe)
            rows = len(answer.get("results", {}).get("bindings", []))
            limit = probed.headers.get("x-sparql-maxrows", "").strip()
            if limit.isdigit():
                self.row_limit = int(limit)
            elif rows > count:
                self._rows_seen = max(self._rows_seen, rows)
                return
            else:
                self.row_limit = rows
        if self.row_limit <= count <= self.row_limit + 1:  # Virtuoso stops one past its limit
            self._cut(reply, count, "triples", f"it returns at most {self.row_limit:,} rows")

    # ---------------------------------------------------------------- primitives

    def _solutions(
        self, text: str, convert: Callable[[dict[str, Any]], Any]
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        answer, reply = self._json(text)
        try:
            variables = [str(v) for v in answer["head"].get("vars", [])]
            bindings = answer.get("results", {}).get("bindings", [])
            rows = [tuple(convert(b[v]) if v in b else None for v in variables) for b in bindings]
        except (AttributeError, TypeError, ValueError) as error:  # JSON, but not as SPARQL's
            raise StoreError(
                f"The SPARQL endpoint {_shown(reply.url)} answered {reply.described}, but its "
                f"results are not SPARQL JSON results ({error}): {reply.message}"
            ) from error
        self._check_cut(reply, len(rows), "rows")
        return variables, rows

    def _select(self, text: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        return self._solutions(text, _json_term)

    def _select_values(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        return self._solutions(text, _json_value)

    def _ask(self, text: str) -> bool:
        answer, reply = self._json(text)
        value = answer.get("boolean")
        if isinstance(value, str):
            value = value.strip().lower() in {"true", "1"}
        if not isinstance(value, bool | int):
            raise StoreError(f"{_shown(reply.url)} gave no boolean for an ASK query.")
        if reply.headers.get("x-sql-state", "").startswith("S1TAT"):  # a "no" found in part
            raise StoreError(
                f"The SPARQL endpoint {_shown(reply.url)} stopped an ASK query at its time limit "
                "(Virtuoso: MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini) and "
                "answered with what it had by then, which is no answer: raise the limit."
            )
        return bool(value)

    def _construct(self, text: str) -> Graph:
        reply = self._ask_server(text, _RDF_ACCEPT)
        fmt = _RDF_FORMATS.get(reply.media_type)
        if fmt is None:
            raise StoreError(
                f"The SPARQL endpoint {_shown(reply.url)} answered a CONSTRUCT query with "
                f"{reply.described}, not RDF: {reply.message}"
            )
        try:
            triples = list(ox.parse(reply.body, format=fmt))
        except SyntaxError as error:
            raise StoreError(
                f"The SPARQL endpoint {_shown(reply.url)} answered a CONSTRUCT query with "
                f"{reply.described} that does not parse ({error.msg})."
            ) from error
        if not self._stopped(reply, len(triples), "triples"):
            self._check_construct(reply, len(triples))
        return OxigraphGraph.from_ntriples(
            ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        )

    def _update(self, text: str) -> None:
        if self.update_url is None:
            raise StoreError(f"The store {self.spec} is read-only; give an update URL.")
        reply = self._exchange(
            self.update_url,
            urlencode({"update": text}).encode("ascii"),
            content_type="application/x-www-form-urlencoded",
        )
        self._ok(reply, "an update")

    # ---------------------------------------------------------------- loading

    def _gsp(self) -> str | None:
        """The Graph Store Protocol URL to load through: as given, else the known engine's."""
        if self.gsp_url is not None:
            return self.gsp_url or None
        if not self._server:
            self._exchange(self.query_url, accept="text/turtle")  # the service description
        engine = self._server.lower()
        for name, path in KNOWN_GSP.items():
            if engine.startswith(name):
                return urljoin(self.query_url, path)
        return None

    def _insert_ntriples(self, text: str, graph: str) -> None:
        self._update(_insert(text, graph))

    def _insert_file(self, path: Path, graph: str, progress: Progress | None) -> None:
        gsp = self._gsp() if self.update_url is not None else None
        if gsp is not None:
            self._post_file(gsp, path, graph)
            return
        for chunk in _chunks(path, self._chunk):
            self._insert_chunk(chunk, graph)

    def _post_file(self, gsp: str, path: Path, graph: str) -> None:
        """Send ``path`` to the Graph Store Protocol endpoint ``gsp``, a chunk a request."""
        target = f"{gsp}{'&' if '?' in gsp else '?'}graph={quote(graph, safe='')}"
        for chunk in _chunks(path, GSP_CHUNK):
            reply = self._exchange(
                target,
                "".join(chunk).encode("utf-8"),
                content_type="application/n-triples",
                method="POST",
            )
            self._ok(reply, "a file posted to its Graph Store Protocol endpoint")

    def _insert_chunk(self, lines: list[str], graph: str) -> None:
        """``INSERT DATA`` of ``lines``; while the server refuses, halves of them, and so on."""
        try:
            self._insert_ntriples("".join(lines), graph)
        except (QueryError, StoreError) as error:
            if len(lines) <= MIN_CHUNK or "did not answer" in str(error):
                raise
            half = len(lines) // 2
            self._chunk = min(self._chunk, half)
            self._insert_chunk(lines[:half], graph)
            self._insert_chunk(lines[half:], graph)

    def _drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH {ntriples.iri(graph)}")

    # ---------------------------------------------------------------- listing and counting

    def graphs(self) -> dict[str, int]:
        """diplograph's named graphs and their sizes, in one query."""
        variables, rows = self._select_values(_GRAPHS_QUERY)
        if variables[:2] != ["g", "n"]:
            asked = ", ".join(f"?{v}" for v in variables) or "no variables"
            raise StoreError(
                f"The SPARQL endpoint {self.query_url} answered a query for ?g and ?n (its named "
                f"graphs and their sizes) with {asked}: it did not run the query it was sent."
            )
        return {str(g): int(n) for g, n, *_ in rows if g is not None}

    def _named_graphs(self) -> list[str]:
        return sorted(self.graphs())

    def _default_graph_ntriples(self) -> str:
        # the endpoint's default graph is the union of its named graphs (the catalogue checks
        # that), so SPARQL has no name for the default graph's own triples: none are known
        return ""

    def _count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(self.graphs().values())
        _, rows = self._select_values(substitute(_COUNT, {"g": URIRef(graph)}))
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _graph_ntriples(self, graph: str) -> str:
        """A graph's triples as N-Triples; read in pages when the server cuts the whole."""
        expected = self._count(graph)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            strict, self.strict = self.strict, False
            try:
                whole = super()._graph_ntriples(graph)
            finally:
                self.strict = strict
        if whole.count("\n") >= expected:
            return whole
        return "".join(sorted(self._paged_ntriples(graph)))

    def _paged_ntriples(self, graph: str) -> Iterator[str]:
        """A graph's triples in sorted pages (the sort inside, where Virtuoso allows an offset)."""
        page = self.row_limit or PAGE
        offset = 0
        while True:
            text = f"{with_limit(substitute(_PAGE, {'g': URIRef(graph)}), page)} OFFSET {offset:d}"
            answer, _ = self._json(text)
            bindings = answer.get("results", {}).get("bindings", [])
            for row in bindings:
                yield " ".join(str(_ox_term(row[v])) for v in ("s", "p", "o")) + " .\n"
            if len(bindings) < page:
                return
            offset += page


def _shown(url: str) -> str:
    """``url`` without its query string (which may hold a whole query)."""
    parts = urlsplit(url)
    return parts._replace(query="", fragment="").geturl()


def _ox_term(cell: dict[str, Any]) -> Any:
    """A SPARQL JSON term as a pyoxigraph term (blank nodes and booleans as :func:`_json_term`)."""
    term = _json_term(cell)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
    return ox.Literal(str(term), datatype=datatype)


def _insert(text: str, graph: str) -> str:
    """The update that adds N-Triples ``text`` to ``graph``: ``INSERT DATA``, or, when it holds
    blank nodes (which Virtuoso refuses in INSERT DATA), ``INSERT … WHERE {}``, whose blank nodes
    are fresh nodes, the same within the request."""
    name = ntriples.iri(graph)
    if _BLANK_NODE.search(text):
        return f"INSERT {{ GRAPH {name} {{\n{text}}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH {name} {{\n{text}}} }}"


_BLANK_NODE = re.compile(r"^_:|> _:", re.MULTILINE)


def _term_text(term: Any, skolemise: bool) -> str:
    if skolemise and isinstance(term, ox.BlankNode):
        return ntriples.iri(GENID + term.value)
    return str(term)


def _chunks(path: Path, size: int) -> Iterator[list[str]]:
    """N-Triples lines of ``path`` in chunks of ``size`` triples (blank nodes skolemised if >1)."""
    chunked = False
    pending: list[Any] = []
    for quad in own_quads(path):
        pending.append(quad)
        if len(pending) >= size:
            chunked = True
            yield [
                f"{_term_text(q.subject, True)} {q.predicate} {_term_text(q.object, True)} .\n"
                for q in pending
            ]
            pending = []
    if pending:
        yield [
            f"{_term_text(q.subject, chunked)} {q.predicate} {_term_text(q.object, chunked)} .\n"
            for q in pending
        ]
