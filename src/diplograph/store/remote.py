"""Any SPARQL 1.1 endpoint as a store, through SPARQLWrapper: read-only unless given an update URL.

The endpoint's default graph must be the union of its named graphs (Oxigraph server
``--union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB, Virtuoso and QLever do it by
default), since diplograph keeps every loaded file in a named graph of its own. Files are parsed
here and sent as ``INSERT DATA`` requests; a failed load drops the graph it was writing.
Every failure (unreachable, HTTP error, not a SPARQL answer, timeout) is a
:class:`~diplograph.errors.StoreError` with the URL and the status.
"""

from __future__ import annotations

import itertools
import json
import socket
import urllib.error
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from diplograph.errors import QueryError, StoreError
from diplograph.namespaces import GENID, ONTOLOGY, OWL, bind_prefixes
from diplograph.store.base import Progress, Store, own_quads, typed_value
from diplograph.store.files import ox_to_rdflib

__all__ = ["RemoteStore"]

#: triples per INSERT DATA request when loading a file
CHUNK = 20_000
#: blank nodes of files loaded in several requests become these IRIs (RDF 1.1 skolemisation)
DEFAULT_TIMEOUT = 60.0
#: characters at the start of a request in which SPARQLWrapper looks for the query form
_FORM_HEAD = 1 << 16


def _json_term(cell: dict[str, Any]) -> Node:
    kind = cell.get("type")
    value = cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


def _json_value(cell: dict[str, Any]) -> Any:
    if cell.get("type") in {"literal", "typed-literal"} and "xml:lang" not in cell:
        return typed_value(cell.get("value", ""), cell.get("datatype"))
    return cell.get("value")


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint at ``query_url``; writable when ``update_url`` is given."""

    def __init__(
        self, query_url: str, update_url: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        super().__init__()
        self.query_url = query_url
        self.update_url = update_url
        self.timeout = timeout
        self.writable = update_url is not None
        self.spec = f"sparql+{query_url}" + (f" (updates: {update_url})" if update_url else "")

    def process_spec(self, *, writable: bool = False) -> str | None:
        """This endpoint's store string, with its timeout (and update URL when ``writable``)."""
        from urllib.parse import urlencode

        options = {"timeout": f"{self.timeout:g}"}
        if writable and self.update_url is not None:
            options["update"] = self.update_url
        return f"sparql+{self.query_url}#{urlencode(options)}"

    # ---------------------------------------------------------------- HTTP

    def _client(self, text: str) -> SPARQLWrapper:
        client = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        # SPARQLWrapper finds the form (SELECT, INSERT ...) with regexes over the whole text, which
        # takes most of a load's time on megabytes of INSERT DATA: let it read the head only
        client.setQuery(text[:_FORM_HEAD])
        client.queryString = text
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
        client.setOnlyConneg(True)
        client.setTimeout(int(max(1, self.timeout)))
        return client

    def _send(self, client: SPARQLWrapper, url: str) -> tuple[bytes, str]:
        """The body of the endpoint's answer and a description of it (HTTP status, media type)."""
        try:
            response = client.query().response
            content_type = response.headers.get("Content-Type") or "no content type"
            return response.read(), f"HTTP {response.status}, {content_type}"
        except QueryBadFormed as error:
            raise QueryError(
                f"{url} refused the query as malformed{_status(error)}: {_body(error)}"
            ) from error
        except SPARQLWrapperException as error:
            raise StoreError(
                f"The SPARQL endpoint {url} answered with an error{_status(error)}: {_body(error)}"
            ) from error
        except urllib.error.HTTPError as error:
            raise StoreError(
                f"The SPARQL endpoint {url} answered HTTP {error.code} {error.reason}."
            ) from error
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise StoreError(f"{url} did not answer within {self.timeout:g} s.") from error
            raise StoreError(f"Cannot reach the SPARQL endpoint {url} ({reason}).") from error
        except TimeoutError as error:
            raise StoreError(f"{url} did not answer within {self.timeout:g} s.") from error
        except OSError as error:
            raise StoreError(f"Cannot talk to the SPARQL endpoint {url} ({error}).") from error

    def _json(self, text: str) -> dict[str, Any]:
        client = self._client(text)
        client.setReturnFormat(JSON)
        body, described = self._send(client, self.query_url)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or "head" not in answer:
            raise StoreError(
                f"{self.query_url} answered, but not with SPARQL JSON results ({described}); "
                "is it a SPARQL query endpoint?"
            )
        return answer

    # ---------------------------------------------------------------- primitives

    def _solutions(
        self, text: str, convert: Callable[[dict[str, Any]], Any]
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        answer = self._json(text)
        variables = list(answer["head"].get("vars", []))
        rows = [
            tuple(convert(b[v]) if v in b else None for v in variables)
            for b in answer.get("results", {}).get("bindings", [])
        ]
        return variables, rows

    def _select(self, text: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        return self._solutions(text, _json_term)

    def _select_values(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        return self._solutions(text, _json_value)

    def _ask(self, text: str) -> bool:
        answer = self._json(text)
        if "boolean" not in answer:
            raise StoreError(f"{self.query_url} gave no boolean for an ASK query.")
        return bool(answer["boolean"])

    def _construct(self, text: str) -> Graph:
        client = self._client(text)
        client.setReturnFormat(TURTLE)
        body, described = self._send(client, self.query_url)
        graph = bind_prefixes(Graph())
        try:
            quads = ox.parse(body, format=ox.RdfFormat.TURTLE)
            for quad in quads:
                graph.add(
                    (
                        ox_to_rdflib(quad.subject),
                        ox_to_rdflib(quad.predicate),
                        ox_to_rdflib(quad.object),
                    )
                )
        except SyntaxError as error:
            raise StoreError(
                f"{self.query_url} answered a CONSTRUCT query, but not with Turtle "
                f"({described}: {error.msg})."
            ) from error
        return graph

    def _update(self, text: str) -> None:
        if self.update_url is None:
            raise StoreError(f"The store {self.spec} is read-only; give an update URL.")
        self._send(self._client(text), self.update_url)

    def _insert_ntriples(self, text: str, graph: str) -> None:
        self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}}} }}")

    def _insert_file(self, path: Path, graph: str, progress: Progress | None) -> None:
        chunks = _chunks(path, CHUNK)
        first = next(chunks, None)
        second = next(chunks, None)
        if first is None:
            return
        if second is None:  # one request: blank nodes keep their identity
            self._insert_ntriples(first, graph)
            return
        # several requests: blank nodes must be the same node in all of them, so they get IRIs.
        # Each chunk is sent as soon as it is parsed (never the whole file in memory); a parse
        # error later in the file drops the graph, and with it the chunks already sent.
        for chunk in itertools.chain((first, second), chunks):
            self._insert_ntriples(chunk, graph)

    def _drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def _named_graphs(self) -> list[str]:
        _, rows = self._select_values("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return [str(row[0]) for row in rows]

    def _default_graph_ntriples(self) -> str:
        # the endpoint's default graph is the union of its named graphs (ensure_builtin checks
        # that), so SPARQL has no name for the default graph's own triples: none are known
        return ""

    def _count(self, graph: str | None = None) -> int:
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        _, rows = self._select_values(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0][0]) if rows else 0

    def ensure_builtin(self) -> None:
        super().ensure_builtin()
        if not self._ask(f"ASK {{ <{ONTOLOGY}> a <{OWL.Ontology}> }}"):
            raise StoreError(
                f"The endpoint {self.query_url} holds diplograph's graph in named graphs, but its "
                "default graph is not their union, so queries would see nothing. Start Oxigraph "
                "server with --union-default-graph (Fuseki: tdb2:unionDefaultGraph true)."
            )


def _status(error: BaseException) -> str:
    """`` (HTTP 404 Not Found)`` for an error SPARQLWrapper raised while handling an HTTP error."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, urllib.error.HTTPError):
        return f" (HTTP {cause.code} {cause.reason})"
    return ""


def _body(error: BaseException) -> str:
    text = str(error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:3])[:500] or type(error).__name__


def _term_text(term: Any, skolemise: bool) -> str:
    if skolemise and isinstance(term, ox.BlankNode):
        return f"<{GENID}{term.value}>"
    return str(term)


def _chunks(path: Path, size: int) -> Iterator[str]:
    """N-Triples text of ``path`` in chunks of ``size`` triples (blank nodes skolemised if >1)."""
    lines: list[str] = []
    chunked = False
    pending: list[Any] = []
    for quad in own_quads(path):
        pending.append(quad)
        if len(pending) >= size:
            chunked = True
            lines = [
                f"{_term_text(q.subject, True)} {q.predicate} {_term_text(q.object, True)} .\n"
                for q in pending
            ]
            pending = []
            yield "".join(lines)
    if pending:
        yield "".join(
            f"{_term_text(q.subject, chunked)} {q.predicate} {_term_text(q.object, chunked)} .\n"
            for q in pending
        )
