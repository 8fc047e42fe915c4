"""Every store gives the same answers and loads alike; the remote store against a real server."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from diplograph.errors import DataError, DataWarning, QueryError, StoreError, UnknownNameError
from diplograph.importers import aggregate_events
from diplograph.namespaces import DIPL, TT, D
from diplograph.network import build_network
from diplograph.queries import QueryResult, format_result, list_queries, run_query, run_values
from diplograph.queries.catalog import NamedQuery
from diplograph.store import LoadedSource, Store, open_store, read_graph
from diplograph.store import oxigraph as oxigraph_store
from diplograph.store import remote as remote_store
from diplograph.store.files import builtin_files, data_root_relative
from diplograph.store.graphs import OxigraphGraph
from diplograph.store.oxigraph import BULK_BYTES, OxigraphEngine
from diplograph.store.remote import CHUNK, RemoteEngine
from diplograph.validate import check_violations, own_rows

from .conftest import FIXTURES, CliRunner, import_fixtures
from .servers import (
    LOOPBACK,
    TRICKLES,
    VIRTUOSO_MAX_ROWS,
    OxigraphServer,
    VirtuosoServer,
    capping_proxy,
    counting_listener,
    free_port,
    hanging_server,
    http_server,
    oxigraph_binary,
    oxigraph_server,
    trickling_server,
    virtuoso_server,
)

# rdflib's SPARQL engine calls its own deprecated Dataset API (contexts, default_context) on every
# query of the rdflib store: tens of thousands of warnings about rdflib's code, not ours
pytestmark = pytest.mark.filterwarnings(
    r"ignore:Dataset\.(contexts|default_context) is deprecated:DeprecationWarning:rdflib"
)

#: every store kind: the reference first, then the stores that must answer as it does
KINDS = ["memory", "oxigraph", "rdflib", "remote", "virtuoso"]
COMPARED = KINDS[1:]
FACTS = FIXTURES / "user-facts.ttl"
BROKEN = FIXTURES / "broken.ttl"
#: good lines in the big file that fails: over Oxigraph's bulk-load size, many INSERT DATA chunks
BIG_LINES = 45_000


# ---------------------------------------------------------------- stores


@pytest.fixture(scope="module")
def stores(
    oxigraph_endpoint: OxigraphServer,
    virtuoso_endpoint: VirtuosoServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Store]]:
    """One store of each kind, each holding the built-in graph (the two servers get it from
    diplograph, through their Graph Store Protocol endpoints)."""
    disk = tmp_path_factory.mktemp("disk-store") / "store"
    opened: dict[str, Store] = {}
    try:
        opened["memory"] = open_store("memory")
        opened["oxigraph"] = open_store(f"oxigraph:{disk}")
        opened["rdflib"] = open_store("rdflib")
        opened["remote"] = open_store(oxigraph_endpoint.spec)
        opened["virtuoso"] = open_store(virtuoso_endpoint.spec)
        yield opened
    finally:
        for store in opened.values():
            store.close()


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, stores: dict[str, Store]) -> Store:
    """Each of the four stores in turn."""
    chosen: Store = stores[request.param]
    return chosen


@pytest.fixture(params=KINDS)
def writable(
    request: pytest.FixtureRequest,
    oxigraph_endpoint: OxigraphServer,
    virtuoso_endpoint: VirtuosoServer,
    tmp_path: Path,
) -> Iterator[Store]:
    """A writable store of each kind, left holding only the built-in graph afterwards."""
    kind = request.param
    specs = {
        "memory": "memory",
        "oxigraph": f"oxigraph:{tmp_path / 'store'}",
        "rdflib": "rdflib",
        "remote": oxigraph_endpoint.spec,
        "virtuoso": virtuoso_endpoint.spec,
    }
    opened = open_store(specs[kind])
    try:
        assert opened.writable
        yield opened
    finally:
        for source in opened.sources():  # the remote server is shared: leave it clean
            if not source.builtin:
                opened.unload(source.graph)
        opened.close()


@dataclass(frozen=True)
class State:
    """What a store holds, to check that a failed operation changed nothing."""

    triples: int
    sources: list[LoadedSource]
    graphs: dict[str, int]


def state(store: Store) -> State:
    """The store's triple count, sources and named graphs."""
    return State(len(store), store.sources(), store.graphs())


# ---------------------------------------------------------------- comparable answers


def comparable(value: Any, term: Node | None) -> str:
    """A record value as text that compares across engines (blank nodes only as blank nodes)."""
    if value is None:
        return "unbound"
    if isinstance(value, BNode):
        return "a blank node"
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | Decimal | float):
        # str() of a float is the shortest text that reads back as it: Decimal(str(x)) adds no
        # binary noise, and normalising drops trailing zeros ("6.0" and "6" are one decimal);
        # the type stays in the text: an integer and a decimal of equal value do not compare equal
        number = Decimal(str(value))
        shown = f"{number.normalize():f}" if number.is_finite() else str(number)
        return f"{type(value).__name__} {shown}"
    if isinstance(value, datetime | date):
        return f"{type(value).__name__} {value.isoformat()}"
    language = term.language if isinstance(term, Literal) else None
    return f"{type(value).__name__} {value!r}" + (f"@{language}" if language else "")


_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?"  # the arguments (one level of brackets inside)
    r"(?:;\s*separator\s*=\s*(?P<sep>\"[^\"]*\"|'[^']*'))?\s*\)"
    r"\s+AS\s+\?(?P<var>\w+)",
    re.IGNORECASE,
)


def concatenations(text: str) -> dict[str, str]:
    """Variables made by GROUP_CONCAT -> separator: SPARQL leaves the order of their parts open."""
    return {
        match["var"]: match["sep"][1:-1] if match["sep"] else " "
        for match in _GROUP_CONCAT.finditer(text)
    }


#: a boolean as Virtuoso gives it: it has no boolean values, only the integers 1 and 0
_AS_NUMBER = {"boolean true": "int 1", "boolean false": "int 0"}


def rows_of(result: QueryResult, *, booleans_as_numbers: bool = False) -> list[dict[str, str]]:
    """A SELECT result as a sorted list of row-dicts of comparable values (``booleans_as_numbers``:
    true and false compared as 1 and 0, for an engine that has no booleans)."""
    unordered = concatenations(result.query.text)
    rows = []
    for record, raw in zip(result.records(), result.rows, strict=True):
        row = {}
        for var, term in zip(result.variables, raw, strict=True):
            value = record[var]
            if var in unordered and isinstance(value, str):  # compare the parts, in any order
                value = unordered[var].join(sorted(value.split(unordered[var])))
            row[var] = comparable(value, term)
            if booleans_as_numbers:
                row[var] = _AS_NUMBER.get(row[var], row[var])
        rows.append(row)
    return sorted(rows, key=lambda row: sorted(row.items()))


def test_group_concat_columns_are_found() -> None:
    """The one query that concatenates names has its column compared as a set of parts."""
    found = {q.name: concatenations(q.text) for q in list_queries()}
    assert found["actors"] == {"names": " | "}
    assert concatenations("SELECT (GROUP_CONCAT(?x) AS ?all) WHERE {}") == {"all": " "}


def triples_of(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """A graph's triples with blank nodes given canonical names (isomorphic graphs: equal sets)."""
    return set(to_canonical_graph(graph))


@dataclass(frozen=True)
class Case:
    """A named query with parameters, and whether it must return something on the built-in graph."""

    query: str
    params: tuple[tuple[str, str], ...] = ()
    rows: bool = True

    @property
    def id(self) -> str:
        return self.query + "".join(f"[{k}={v}]" for k, v in self.params)


PARAM_CASES = [
    Case("troop-contributors", (("status", "pledged"),)),
    Case("troop-contributors", (("status", "active"),), rows=False),
    Case("troop-contributors", (("force", "d:isf"), ("status", "pledged"))),
    Case("edges", (("asOf", "1990-01-01"),)),
    Case("edges", (("asOf", "2030-01-01"),)),
    Case("ego-network", (("actor", "Israel"),)),
    Case("ego-network", (("actor", "Israel"), ("asOf", "1990-01-01"))),
    Case("ego-network", (("actor", "Morocco"), ("asOf", "1990-01-01"))),
    Case("ego-network", (("actor", "MAR"), ("asOf", "2030-01-01"))),
    Case("evidence", (("actor", "Morocco"), ("type", "troop contribution"))),
    Case("evidence", (("actor", "Israel"), ("type", "diplomatic relations"))),
    Case("common-partners", (("a", "Morocco"), ("b", "Israel"))),
    Case("ties-between", (("a", "Israel"), ("b", "Palestinian Authority"))),
    Case("ties-by-type", (("type", "diplomatic relations"),)),
    Case("police-trainers", (("recipient", "ISF"),)),
    Case("ties-in-period", (("actor", "ISF"), ("type", "security cooperation"))),
    Case("dyad-series", (("a", "Israel"), ("b", "Albania")), rows=False),  # no events
    Case("top-partners", (("actor", "France"),), rows=False),
    Case("common-partners", (("a", "France"), ("b", "Japan")), rows=False),
    Case("peacekeeping-contributions", (("actor", "France"), ("force", "Japan")), rows=False),
    Case("search-actors", (("text", "mor"),)),
    Case("search-actors", (("text", "ISR"),)),
    Case("search-actors", (("text", "المغرب"),)),
]
#: queries answer on the built-in graph, but those that need imported data (``#+ data:``)
DEFAULT_CASES = [
    Case(q.name, rows=not q.is_check and "data" not in q.extra) for q in list_queries()
]
#: the queries that need imported data, with their defaults and with other parameters, asked of
#: each engine holding every dataset's fixture
IMPORTED_CASES = [
    *(Case(q.name) for q in list_queries() if "data" in q.extra),
    Case("representation", (("actor", "USA"), ("asOf", "1945-05-08"))),
    Case("representation", (("actor", "Russia"), ("asOf", "1925-06-30")), rows=False),
    Case("representation-network", (("asOf", "1960-06-30"), ("level", "level not recorded"))),
    Case("representation-density", (("level", "ambassador"),)),
    Case("representation-by-year", (("actor", "USA"), ("from", "1899"), ("to", "1914"))),
    Case("alliance-partners", (("actor", "USA"), ("asOf", "2020-01-01"))),
    Case("alliance-partners", (("actor", "Egypt"), ("asOf", "1985-01-01")), rows=False),
    Case("voting-agreement", (("actor", "Israel"), ("from", "1991-01-01"), ("to", "1992-12-31"))),
    Case("voting-agreement", (("actor", "Israel"), ("issue", "me")), rows=False),
    Case("embassies", (("actor", "France"),)),
]
CASES = DEFAULT_CASES + PARAM_CASES


@pytest.fixture(scope="module")
def reference(stores: dict[str, Store]) -> dict[str, QueryResult]:
    """Every case's answer on the memory store, which the others must match."""
    return {case.id: run_query(stores["memory"], case.query, dict(case.params)) for case in CASES}


def test_every_built_in_query_is_a_case() -> None:
    """The comparison covers every built-in query, checks included, with its defaults."""
    names = {q.name for q in list_queries()}
    assert {c.query for c in DEFAULT_CASES} == names
    assert any(name.startswith("checks/") for name in names)
    assert {c.query for c in PARAM_CASES} <= names


@pytest.mark.parametrize(
    ("kind", "case"),
    [pytest.param(kind, case, id=f"{case.id}-{kind}") for case in CASES for kind in COMPARED],
)
def test_store_answers_as_the_memory_store(
    kind: str, case: Case, stores: dict[str, Store], reference: dict[str, QueryResult]
) -> None:
    """The same query with the same parameters gives the same answer on every store; checks run
    as validate runs them, on diplograph's own graphs (not a server's graphs of its own)."""
    expected = reference[case.id]
    assert bool(len(expected)) is case.rows, (
        f"the reference answer of {case.id} has {len(expected)}"
    )
    got = run_query(stores[kind], case.query, dict(case.params))
    if case.query.startswith("checks/"):
        got = own_rows(stores[kind], got)
    assert_same_answer(got, expected, booleans_as_numbers=kind == "virtuoso")


def assert_same_answer(
    got: QueryResult, expected: QueryResult, *, booleans_as_numbers: bool = False
) -> None:
    """Two answers to one query are the same: rows as multisets, triples up to blank nodes."""
    assert got.kind == expected.kind
    if expected.kind == "SELECT":
        assert got.variables == expected.variables
        assert rows_of(got, booleans_as_numbers=booleans_as_numbers) == rows_of(
            expected, booleans_as_numbers=booleans_as_numbers
        )
    elif expected.kind == "ASK":
        assert got.answer is expected.answer
    else:
        assert got.graph is not None
        assert expected.graph is not None
        assert triples_of(got.graph) == triples_of(expected.graph)


@pytest.fixture(scope="module")
def imported_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The built-in graph and every dataset's fixture in a store of each local engine."""
    disk = tmp_path_factory.mktemp("imported-disk-store") / "store"
    opened: dict[str, Store] = {}
    try:
        for kind, spec in (
            ("memory", "memory"),
            ("oxigraph", f"oxigraph:{disk}"),
            ("rdflib", "rdflib"),
        ):
            opened[kind] = open_store(spec)
            import_fixtures(opened[kind])
        yield opened
    finally:
        for store in opened.values():
            store.close()


@pytest.mark.parametrize("kind", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("case", IMPORTED_CASES, ids=lambda c: c.id)
def test_queries_of_imported_data_answer_alike_on_every_engine(
    kind: str, case: Case, imported_stores: dict[str, Store]
) -> None:
    expected = run_query(imported_stores["memory"], case.query, dict(case.params))
    assert bool(len(expected)) is case.rows, f"{case.id} has {len(expected)} rows"
    assert_same_answer(run_query(imported_stores[kind], case.query, dict(case.params)), expected)


#: the engines whose union default graph is checked for counting a triple once (the disk and remote
#: stores run Oxigraph's engine, as the memory store does)
ENGINES = ["memory", "rdflib"]


@pytest.fixture(scope="module")
def doubled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """A store per engine holding every built-in triple twice: again in files of the user's own.

    Importers and users restate facts the built-in graph has (an actor's label, a document's
    licence): the union of the graphs is still one set of triples, so no answer may change.
    """
    folder = tmp_path_factory.mktemp("restated")
    copies = []
    for path in builtin_files():
        copy = folder / f"restated-{data_root_relative(path).replace('/', '-')}"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    opened: dict[str, Store] = {}
    try:
        for kind in ENGINES:
            opened[kind] = open_store(kind)
            with warnings.catch_warnings():  # Oxigraph's store warns about each copy: meant here
                warnings.simplefilter("ignore", DataWarning)
                for copy in copies:
                    opened[kind].load(copy)
        yield opened
    finally:
        for store in opened.values():
            store.close()


@pytest.mark.parametrize("kind", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_triple_in_two_graphs_counts_once(
    kind: str, case: Case, doubled: dict[str, Store], reference: dict[str, QueryResult]
) -> None:
    """Every answer is the same when the user's files restate every built-in triple.

    Oxigraph's union default graph gives a triple once per graph holding it (upstream issue
    oxigraph#1919): without DISTINCT in the right places, rows repeat and counts double.
    """
    assert_same_answer(run_query(doubled[kind], case.query, dict(case.params)), reference[case.id])


@pytest.mark.parametrize("kind", ENGINES)
def test_a_triple_in_two_graphs_leaves_the_network_as_it_was(
    kind: str, doubled: dict[str, Store], stores: dict[str, Store]
) -> None:
    """The whole network (ties, events, evidence, actors) is the same with every fact restated."""

    def network(store: Store) -> tuple[list[str], list[str]]:
        made = build_network(store)
        return (
            sorted(repr((n, sorted(d.items()))) for n, d in made.nodes(data=True)),
            sorted(
                repr((u, v, k, sorted(d.items())))
                for u, v, k, d in made.edges(keys=True, data=True)
            ),
        )

    assert network(doubled[kind]) == network(stores["memory"])


SCORED_EVENTS = """\
@prefix d:    <https://w3id.org/diplograph/id/> .
@prefix dipl: <https://w3id.org/diplograph/ont#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sem:  <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix tt:   <https://w3id.org/diplograph/vocab/tie-type/> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

d:ex-amberland a dipl:State ; rdfs:label "Amberland"@en .
d:ex-bluria a dipl:State ; rdfs:label "Bluria"@en .
d:ex-event-1 a dipl:DiplomaticEvent ; dipl:actor d:ex-amberland ; dipl:recipient d:ex-bluria ;
    sem:hasTimeStamp "2024-03-02"^^xsd:date ; dipl:goldsteinScale 3.0 ;
    dipl:quadClass tt:VerbalCooperation .
d:ex-event-2 a dipl:DiplomaticEvent ; dipl:actor d:ex-amberland ; dipl:recipient d:ex-bluria ;
    sem:hasTimeStamp "2024-03-20"^^xsd:date ; dipl:goldsteinScale -10.0 ;
    dipl:quadClass tt:MaterialConflict .
d:ex-event-3 a dipl:DiplomaticEvent ; dipl:actor d:ex-bluria ; dipl:recipient d:ex-amberland ;
    sem:hasTimeStamp "2024-04-01"^^xsd:date ; dipl:goldsteinScale 1.0 ;
    dipl:quadClass tt:VerbalCooperation .
"""


@pytest.mark.parametrize("kind", ENGINES)
def test_event_counts_and_means_count_a_restated_event_once(kind: str, tmp_path: Path) -> None:
    """``dyad-series`` and ``top-partners`` count an event once, however many files state it."""
    first, again = tmp_path / "events.ttl", tmp_path / "events-again.ttl"
    first.write_text(SCORED_EVENTS, encoding="utf-8")
    again.write_text(SCORED_EVENTS, encoding="utf-8")
    answers = []
    for files in ([first], [first, again]):
        store = open_store(kind)
        try:
            for path in files:
                store.load(path)
            series = run_query(store, "dyad-series", {"a": "Amberland", "b": "Bluria"})
            partners = run_query(store, "top-partners", {"actor": "Amberland"})
            answers.append((rows_of(series), rows_of(partners)))
            march = [r for r in series.records() if r["month"] == "2024-03"]
            assert [(r["events"], r["meanGoldstein"]) for r in march] == [(2, Decimal("-3.5"))]
            [bluria] = partners.records()
            assert (bluria["events"], bluria["cooperative"], bluria["conflictual"]) == (3, 2, 1)
        finally:
            store.close()
    assert answers[1] == answers[0]


ASK_TEXT = """ASK WHERE {
  ?tie dipl:fromActor ?from ; dipl:toActor ?to ; dipl:tieType ?type .
}"""


@pytest.mark.parametrize(
    ("who", "answer"), [(D.morocco, True), (D.israel, False)], ids=["morocco", "israel"]
)
def test_ask_answers_alike_on_every_store(store: Store, who: URIRef, answer: bool) -> None:
    """An ASK with bound parameters is a boolean, the same on every store."""
    bindings = {"from": who, "to": D.isf, "type": TT.TroopContribution}
    got = store.query(ASK_TEXT, bindings)
    assert got.kind == "ASK"
    assert got.boolean is answer


# ---------------------------------------------------------------- CONSTRUCT results on Oxigraph

#: a CONSTRUCT with the awkward terms: blank nodes, escapes, a line break, tags, typed literals
AWKWARD = """CONSTRUCT {
  d:morocco dipl:note "tab\\there \\"q\\" back\\\\slash\\nline\\r é 😀", "x"@en-GB, 1.5, true,
    "2020-01-01"^^xsd:date ; dipl:part [ rdfs:label ?label ] .
} WHERE { d:morocco rdfs:label ?label }"""
#: rdflib's names of the formats OxigraphGraph writes itself
WRITTEN = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_oxigraph_construct_result_is_an_rdflib_graph_like_any_other(
    kind: str, stores: dict[str, Store]
) -> None:
    """An Oxigraph CONSTRUCT result reads, searches, changes and queries as an rdflib graph."""
    graph = run_query(stores[kind], "ego-network", {"actor": "Israel"}).graph
    assert isinstance(graph, OxigraphGraph)
    size = len(graph)  # counted from Oxigraph's N-Triples, before anything loads them
    copy = Graph()
    copy += graph
    assert size == len(graph) == len(copy) == len(list(graph)) > 0
    assert set(graph.subjects(RDF.type, DIPL.Tie)) == set(copy.subjects(RDF.type, DIPL.Tie))
    quotes = list(graph.objects(None, DIPL.quote))
    assert quotes
    assert all(
        isinstance(q, Literal) and q.datatype is None and q.language is None for q in quotes
    )  # plain strings, as rdflib's parsers give them (oxrdflib would say xsd:string)
    assert (None, DIPL.quote, quotes[0]) in graph
    label = "SELECT ?tie ?label WHERE { ?tie a dipl:Tie ; rdfs:label ?label } ORDER BY ?tie"
    space = {"dipl": DIPL, "rdfs": RDFS}
    assert list(graph.query(label, initNs=space)) == list(copy.query(label, initNs=space))
    extra = (D.morocco, RDFS.comment, Literal("added"))
    graph.add(extra)
    assert extra in graph
    assert len(graph) == len(copy) + 1
    graph.remove(extra)
    assert len(graph) == len(copy)
    assert triples_of(graph) == triples_of(copy)


def test_ntriples_of_a_construct_parse_back_on_every_store(store: Store, tmp_path: Path) -> None:
    """``query -f ntriples`` writes valid N-Triples on every store: a literal with a line break,
    a carriage return, a tab and quotes is escaped, not a Turtle long string."""
    query = tmp_path / "awkward.rq"
    query.write_text(AWKWARD, encoding="utf-8")
    result = run_query(store, query)
    assert result.graph is not None
    written = format_result(result, "ntriples")
    parsed = list(ox.parse(written.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(parsed) == len(result.graph) == written.count("\n")
    notes = [
        t.object.value for t in parsed if t.predicate == ox.NamedNode(f"{DIPL}note")
    ]  # the query's own term
    assert 'tab\there "q" back\\slash\nline\r é 😀' in notes


def test_a_result_cut_keeps_its_first_rows_or_triples(store: Store) -> None:
    """``QueryResult.cut`` (the server's --max-rows) keeps the first triples of a graph on every
    store, prefixes included, and the first rows of a table; a result within the limit stays."""
    graph = run_query(store, "ego-network", {"actor": "Israel"})
    assert graph.graph is not None
    whole = triples_of(graph.graph)
    assert len(whole) > 5
    assert graph.cut(5) is True
    assert len(graph) == 5
    assert triples_of(graph.graph) <= whole
    assert dict(graph.graph.namespaces())["dipl"] == URIRef(str(DIPL))
    assert graph.cut(5) is False
    table = run_query(store, "actors")
    first = table.rows[:3]
    assert table.cut(3) is True
    assert table.rows == first


#: SELECT of every triple: what CONSTRUCT of every triple must give, as rows of rdflib terms
EVERY_ROW = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
@pytest.mark.parametrize(
    "text", [AWKWARD, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"], ids=["awkward", "everything"]
)
def test_oxigraph_construct_result_writes_the_same_triples_in_every_format(
    kind: str, text: str, stores: dict[str, Store]
) -> None:
    """Turtle, N-Triples, JSON-LD (and RDF/XML) written by Oxigraph parse back to the graph."""
    answer = stores[kind].query(text)
    assert isinstance(answer.graph, OxigraphGraph)
    if text == AWKWARD:
        reference = stores["rdflib"].query(text).graph
        assert reference is not None
    else:  # the same store's terms (the rdflib store keeps "1.0"^^xsd:decimal, Oxigraph "1")
        reference = Graph()
        for row in stores[kind].query(EVERY_ROW).rows:
            reference.add(row)  # type: ignore[arg-type]
    assert triples_of(answer.graph) == triples_of(reference)
    named = NamedQuery(name="query", path=Path("query.rq"), text=text)
    result = QueryResult(named, answer.kind, [], [], answer.graph)
    for fmt, rdflib_name in WRITTEN.items():
        written = format_result(result, fmt)
        assert triples_of(Graph().parse(data=written, format=rdflib_name)) == triples_of(
            answer.graph
        ), fmt
    xml = answer.graph.serialize(format="xml")
    assert triples_of(Graph().parse(data=xml, format="xml")) == triples_of(answer.graph)
    lines = format_result(result, "ntriples").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(answer.graph)


def test_oxigraph_turtle_groups_subjects_with_the_prefixes_in_use(stores: dict[str, Store]) -> None:
    """Turtle of an Oxigraph result: each subject once, subjects in order, only used prefixes."""
    result = run_query(stores["oxigraph"], "ego-network", {"actor": "Israel"})
    assert result.graph is not None
    turtle = format_result(result, "turtle")
    prefixes = re.findall(r"^@prefix (\w*):", turtle, flags=re.MULTILINE)
    assert {"dipl", "d", "rdfs", "tt"} <= set(prefixes)
    assert "brick" not in prefixes
    assert "schema" not in prefixes  # bound, but no triple of the result uses it
    subjects = [line.split()[0] for line in turtle.splitlines() if line and line[0] not in "@\t"]
    assert subjects == sorted(set(subjects), key=subjects.index)
    assert len(subjects) == len(set(result.graph.subjects()))
    assert "dipl:Tie" in turtle


def _plain(rows: list[dict[str, Any]]) -> list[list[tuple[str, str]]]:
    """Rows of plain values (IRIs as text), comparable across engines and sorted."""
    return sorted(
        sorted(
            (k, comparable(str(v) if isinstance(v, URIRef) else v, None)) for k, v in row.items()
        )
        for row in rows
    )


def test_select_values_agree_with_records(stores: dict[str, Store]) -> None:
    """The fast path (rows of plain values) gives the memory store's records on every store."""
    expected = _plain(run_query(stores["memory"], "edges").records())
    assert expected
    for kind in KINDS:
        assert _plain(run_values(stores[kind], "edges")) == expected, kind


# ---------------------------------------------------------------- injection

HOSTILE = [
    '"',
    "''",  # one quote alone is in real names (Côte d'Ivoire); two in a row end a literal too
    "' . ?s ?p ?o . FILTER('",
    '"""',
    "}",
    ">",
    "\n",
    "\\",
    '" . ?s ?p ?o . FILTER("',
    "<http://evil>",
    '"} UNION { ?actor ?p ?o } #',
    "\r\n# ?text",
    "\x00\x0b\x0c",
]


@pytest.fixture(scope="module")
def actor_names(stores: dict[str, Store]) -> list[str]:
    """Every name search-actors looks in (labels, aliases, codes), lower-cased."""
    return [str(row["name"]).lower() for row in run_values(stores["memory"], "actor-names")]


def test_string_parameter_search_finds_names(store: Store) -> None:
    """The control for the hostile values: a plain text does find actors on every store."""
    labels = run_query(store, "search-actors", {"text": "mor"}).column("label")
    assert "Morocco" in labels


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_string_parameter_is_one_literal(
    store: Store, value: str, actor_names: list[str]
) -> None:
    """A hostile text bound as a string matches no name and comes back as exactly that text."""
    assert not any(value.lower() in name for name in actor_names)  # so no rows are right
    assert run_query(store, "search-actors", {"text": value}).rows == []
    echo = store.query("SELECT ?value WHERE { ?s ?p ?o } LIMIT 1", {"value": Literal(value)})
    assert len(echo.rows) == 1
    (term,) = echo.rows[0]
    assert isinstance(term, Literal)
    assert str(term) == value
    assert term.language is None
    assert term.datatype in {None, XSD.string}


def test_codepoint_escape_text_cannot_end_the_literal(store: Store) -> None:
    r"""Text such as ``\u0022`` stays inside one string literal on every store.

    rdflib applies SPARQL's codepoint-escape pre-processing to the query text, so there the value
    arrives decoded (a quote) rather than as the six characters; it still cannot end the literal.
    """
    value = "\\u0022 } UNION { ?s ?p ?o } \\u0022"
    assert run_query(store, "search-actors", {"text": value}).rows == []
    echo = store.query("SELECT ?value WHERE { ?s ?p ?o } LIMIT 1", {"value": Literal(value)})
    assert len(echo.rows) == 1
    (term,) = echo.rows[0]
    assert isinstance(term, Literal)
    assert str(term) in {value, value.replace("\\u0022", '"')}


@pytest.mark.parametrize(
    "iri",
    ["http://a> . ?s ?p ?o . <http://b", "http://a b", "http://a\n", 'http://a"b', "http://a}b"],
    ids=repr,
)
def test_iri_that_could_end_early_is_refused(store: Store, iri: str) -> None:
    """An IRI holding ``>``, a space or another delimiter is refused before any query runs."""
    text = "SELECT ?value WHERE { ?s ?p ?o } LIMIT 1"
    with pytest.raises(QueryError, match="cannot be used as an IRI"):
        store.query(text, {"value": URIRef(iri)})
    with pytest.raises(QueryError, match="cannot be used as an IRI"):
        store.query(text, {"value": Literal("x", datatype=URIRef(iri))})


def test_iri_parameter_of_a_query_file_is_checked(store: Store, tmp_path: Path) -> None:
    """A query file's ``iri`` parameter takes a CURIE but refuses text that is not one IRI."""
    query = tmp_path / "who.rq"
    query.write_text(
        "#+ summary: labels of one resource\n#+ param: who iri\n"
        "SELECT ?label WHERE { ?who rdfs:label ?label }\n",
        encoding="utf-8",
    )
    labels = run_query(store, query, {"who": "d:morocco"}).column("label")
    assert "Morocco" in labels
    for hostile in ("<http://evil> . ?s ?p ?o", "http://a>b", "http://a b"):
        with pytest.raises(QueryError, match="not an absolute IRI"):
            run_query(store, query, {"who": hostile})


def test_hostile_actor_name_is_unknown_not_run(store: Store) -> None:
    """An actor parameter is resolved by name first: hostile text is an unknown name."""
    with pytest.raises(UnknownNameError, match="No actor named"):
        run_query(store, "ties-between", {"a": "<http://evil> } UNION { ?s ?p ?o } #"})


# ---------------------------------------------------------------- loading


def _own_triples(store: Store, graph: str) -> tuple[set[str], set[str]]:
    """A loaded graph's triples as N-Triples text: the file's, and its description of itself."""
    lines = {line.rsplit(" <", 1)[0] for line in store.dump_ntriples([graph])}
    own = {line for line in lines if line.startswith(f"<{graph}> ")}
    return lines - own, own


#: what a loaded graph says about itself (the commit mark written after its triples)
DESCRIPTION = {
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
    "<http://purl.org/dc/terms/source>",
    "<http://purl.org/dc/terms/title>",
    "<http://purl.org/dc/terms/identifier>",
    "<http://rdfs.org/ns/void#triples>",
    "<http://purl.org/dc/terms/modified>",
}


def test_dump_writes_n_quads_a_parser_reads_back(writable: Store, tmp_path: Path) -> None:
    """``dump`` of a graph whose literals hold a line break, a carriage return, a tab, quotes and
    U+2028 gives N-Quads that parse back to the very triples of the file, on every store."""
    data = tmp_path / "awkward.ttl"
    data.write_text(
        '<https://example.org/a> <https://example.org/note> "one\\ntwo\\r\\tthree \\"q\\" '
        '\u2028 end", """long\nstring""" , "é"@fr .\n',
        encoding="utf-8",
    )
    loaded = writable.load(data)
    dumped = "".join(writable.dump_ntriples([loaded.graph]))
    quads = {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(dumped.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name == ox.NamedNode(loaded.graph)
    }
    triples = set(ox.parse(path=str(data), format=ox.RdfFormat.TURTLE))
    assert {(t.subject, t.predicate, t.object) for t in triples} <= quads
    assert len(dumped.split("\n")) - 1 == len(quads)  # a quad a line


def test_a_dump_loaded_back_leaves_out_the_built_in_graphs(writable: Store, tmp_path: Path) -> None:
    """A dump (a backup) holds the built-in graphs; loaded back on every store, their quads are
    left out with a DataWarning, and the user's own triples come back in the dump's graph. (On
    Oxigraph, the built-in graph stated twice made ``ego-network`` of Morocco 90x slower.)"""
    facts = writable.load(FACTS)
    dump = tmp_path / "backup.nq"
    dump.write_text("".join(writable.dump_ntriples(writable.graph_names())), encoding="utf-8")
    builtin_quads = sum(writable.triples_in(s.graph) for s in writable.sources() if s.builtin)
    writable.unload(str(FACTS))
    before = len(writable)
    with warnings.catch_warnings(record=True) as caught:  # pytest.warns would show rdflib's own
        warnings.simplefilter("always", DataWarning)
        restored = writable.load(dump)
    said = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert len(said) == 1
    assert f"left out {builtin_quads:,} quads in diplograph's built-in graphs" in said[0]
    try:
        own, _ = _own_triples(writable, restored.graph)
        file_triples = {f"{t.subject} {t.predicate} {t.object}" for t in ox.parse(path=str(FACTS))}
        assert file_triples <= own
        assert len(writable) - before == restored.triples + len(DESCRIPTION)
        assert restored.triples < facts.triples + len(DESCRIPTION) + 1
    finally:
        writable.unload(str(dump))


def test_a_file_restating_the_store_gets_a_warning_on_oxigraph(
    writable: Store, tmp_path: Path
) -> None:
    """On Oxigraph (where a triple in two graphs slows the joins that read it), a file that
    restates much of the store gets a DataWarning with the count and where; a file of a few new
    facts, or loading the same file again, gets none; nor does a store that it costs nothing."""
    seed = next(path for path in builtin_files() if path.name.startswith("seed-"))
    copy, second = tmp_path / "my-copy.ttl", tmp_path / "my-second-copy.ttl"
    copy.write_bytes(seed.read_bytes())
    second.write_bytes(seed.read_bytes())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writable.load(FACTS)
        writable.load(FACTS)  # replaces itself: not restated
        loaded = writable.load(copy)
        writable.load(second)  # its triples are in two graphs now: each counts once
    said = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    for path in (second, copy, FACTS):
        writable.unload(str(path))
    if not isinstance(writable.engine, OxigraphEngine):
        assert said == []
        return
    assert len(said) == 2, said
    triples = set(ox.parse(path=str(seed)))
    # a blank node of the copy is another node than the built-in graph's
    restated = sum(1 for t in triples if ox.BlankNode not in (type(t.subject), type(t.object)))
    assert said[0].startswith(
        f"{copy}: {restated:,} of its {loaded.triples:,} triples are already in the store, in "
        f"{data_root_relative(seed)} ({restated:,})."
    )
    assert said[1].startswith(
        f"{second}: {restated:,} of its {loaded.triples:,} triples are already in the store, in "
    )
    assert f"my-copy.ttl ({restated:,})" in said[1]


def test_an_update_naming_no_graph_writes_the_default_graph(writable: Store) -> None:
    """``INSERT DATA`` with no graph (as ``serve --allow-update`` gets it) adds to the default
    graph on every store: queries see it, the store's own default graph holds it (an endpoint's
    default graph is the union, so it cannot tell), and ``DELETE DATA`` takes it away."""
    triple = '<https://example.org/updated> rdfs:label "updated"@en'
    ask = "SELECT ?label WHERE { <https://example.org/updated> rdfs:label ?label }"
    engine = writable.engine
    if isinstance(engine, RemoteEngine) and "virtuoso" in engine._server.lower():
        # Virtuoso's default graph is the union, and takes no triples: its words, in one error
        with pytest.raises(QueryError, match="No plain default graph specified") as caught:
            writable.update(f"INSERT DATA {{ {triple} }}")
        assert "answered HTTP 400 Bad Request" in str(caught.value)
        assert writable.query(ask).rows == []
        return
    writable.update(f"INSERT DATA {{ {triple} }}")
    try:
        assert [str(row[0]) for row in writable.query(ask).rows] == ["updated"]
        if not isinstance(engine, RemoteEngine):
            assert writable.default_graph_ntriples().strip().splitlines() == [
                "<https://example.org/updated> <http://www.w3.org/2000/01/rdf-schema#label> "
                '"updated"@en .'
            ]
    finally:
        writable.update(f"DELETE DATA {{ {triple} }}")
    assert writable.query(ask).rows == []


#: what the checks find in the two files of broken ties (tests/test_validate.py, test_truth.py)
CHECKED_BROKEN = {
    ("claim-without-evidence", "d:test-tie-without-evidence"),
    ("end-before-start", "d:test-tie-ends-before-start"),
    ("undefined-term", "tt:Alience"),
    ("unknown-predicate", "dipl:sourse"),
    ("unknown-predicate", "sem:hasBeginTimestamp"),
    ("tie-actor-kind", "d:wrong-relations-of-a-person"),
    ("tie-actor-kind", "d:wrong-troops-to-a-state"),
}


def test_the_checks_find_broken_ties_on_every_store(writable: Store) -> None:
    """Each check's query (sub-SELECTs joined by hash, OPTIONAL and !BOUND) finds the same broken
    ties on every engine, the two servers included."""
    writable.load(FIXTURES / "broken-ties.ttl")
    writable.load(FIXTURES / "wrong-ties.ttl")
    _, found = check_violations(writable)
    seen = {
        (v.origin.removeprefix("check checks/").removesuffix("-violation"), v.focus) for v in found
    }
    assert seen == CHECKED_BROKEN


def test_load_reload_and_unload(writable: Store) -> None:
    """A file gets a graph of its own; loading it again replaces it; unloading removes it."""
    before = state(writable)
    expected = {f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in read_graph([FACTS])}
    assert "Examplestan" not in run_query(writable, "troop-contributors").column("contributorLabel")

    first = writable.load(FACTS)
    data, description = _own_triples(writable, first.graph)
    assert data == expected
    assert first.triples == len(expected)
    assert {line.split(" ")[1] for line in description} == DESCRIPTION
    assert len(description) == len(DESCRIPTION)
    assert len(writable) == before.triples + len(data) + len(description)
    assert writable.graphs()[first.graph] == len(data) + len(description)
    mine = [s for s in writable.sources() if not s.builtin]
    assert [(s.graph, s.source, s.title, s.triples) for s in mine] == [
        (first.graph, FACTS.resolve().as_uri(), "user-facts.ttl", len(expected))
    ]
    assert mine[0].sha256 == hashlib.sha256(FACTS.read_bytes()).hexdigest()
    labels = run_query(writable, "troop-contributors").column("contributorLabel")
    assert "Examplestan" in labels

    loaded = len(writable)
    again = writable.load(FACTS)
    assert again.graph != first.graph
    assert len(writable) == loaded
    assert [s.graph for s in writable.sources() if not s.builtin] == [again.graph]
    assert first.graph not in writable.graphs()

    with pytest.raises(StoreError, match="No loaded source matches"):
        writable.unload("no-such-file.ttl")
    builtin = next(s for s in writable.sources() if s.builtin)
    with pytest.raises(StoreError, match="built-in graph"):
        writable.unload(builtin.graph)

    removed = writable.unload("user-facts.ttl")
    assert [s.graph for s in removed] == [again.graph]
    assert state(writable) == before
    labels = run_query(writable, "troop-contributors").column("contributorLabel")
    assert "Examplestan" not in labels


def test_malformed_file_names_file_and_line_and_changes_nothing(writable: Store) -> None:
    """broken.ttl fails at line 8 with a DataError; the store keeps exactly what it had."""
    before = state(writable)
    with pytest.raises(DataError) as caught:
        writable.load(BROKEN)
    assert f"{BROKEN.resolve()}:8:" in str(caught.value)
    assert "Nothing was loaded" in str(caught.value)
    assert state(writable) == before


@pytest.fixture(scope="module")
def big_broken_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An N-Triples file of BIG_LINES good lines (over the bulk-load size), then a bad one."""
    path = tmp_path_factory.mktemp("big") / "big-broken.nt"
    padding = "x" * 100
    with path.open("w", encoding="utf-8") as stream:
        stream.writelines(
            f'<https://example.org/s{i}> <https://example.org/p> "line {i} {padding}" .\n'
            for i in range(BIG_LINES)
        )
        stream.write('<https://example.org/bad> <https://example.org/p> "never closed .\n')
    assert path.stat().st_size > BULK_BYTES  # so the on-disk Oxigraph store bulk-loads it
    return path


def test_big_file_failing_half_way_changes_nothing(writable: Store, big_broken_file: Path) -> None:
    """A file that breaks after tens of thousands of good lines leaves the store as it was."""
    before = state(writable)
    with pytest.raises(DataError) as caught:
        writable.load(big_broken_file)
    assert f"{big_broken_file}:{BIG_LINES + 1}:" in str(caught.value)
    assert state(writable) == before


class _Recorder:
    """Passes every attribute through to a pyoxigraph store, noting the methods asked for."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.used: list[str] = []

    def __len__(self) -> int:
        return len(self.inner)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if callable(attribute):
            self.used.append(name)
        return attribute


def test_on_disk_store_bulk_loads_big_file_and_undoes_its_failure(
    tmp_path: Path, big_broken_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The big file goes through Oxigraph's bulk loader; its failure drops the fresh graph."""
    disk = open_store(f"oxigraph:{tmp_path / 'store'}")
    assert isinstance(disk.engine, OxigraphEngine)
    before = state(disk)
    recorder = _Recorder(disk.engine._store)
    monkeypatch.setattr(disk.engine, "_store", recorder)
    with pytest.raises(DataError):
        disk.load(big_broken_file)
    monkeypatch.undo()
    assert "bulk_load" in recorder.used
    assert "remove_graph" in recorder.used
    assert state(disk) == before
    disk.close()


def test_on_disk_store_loads_pieces_side_by_side(
    tmp_path: Path, big_broken_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big file loads in pieces, several at once: a good one arrives whole (no line lost or cut
    at a piece's edge); a bad line early on is named at its line of the file although later pieces
    were loading, and the store keeps what it had."""
    monkeypatch.setattr(oxigraph_store, "BULK_PIECE", 64 << 10)  # about 70 pieces
    monkeypatch.setattr(oxigraph_store, "BULK_WORKERS", 3)
    lines = big_broken_file.read_text(encoding="utf-8").splitlines(keepends=True)
    good, bad = lines[:BIG_LINES], lines[BIG_LINES]
    good_file, early_bad_file = tmp_path / "good.nt", tmp_path / "early-bad.nt"
    good_file.write_text("".join(good), encoding="utf-8")
    broken_at = BIG_LINES // 4
    early_bad_file.write_text("".join([*good[:broken_at], bad, *good[broken_at:]]), "utf-8")
    disk = open_store(f"oxigraph:{tmp_path / 'store'}")
    assert isinstance(disk.engine, OxigraphEngine)
    recorder = _Recorder(disk.engine._store)
    monkeypatch.setattr(disk.engine, "_store", recorder)
    try:
        before = state(disk)
        with pytest.raises(DataError) as caught:
            disk.load(early_bad_file)
        assert f"{early_bad_file}:{broken_at + 1}:" in str(caught.value)
        assert state(disk) == before
        loaded = disk.load(good_file)
        assert recorder.used.count("bulk_load") > 2 * 60
        assert loaded.triples == BIG_LINES
        monkeypatch.undo()
        stored, _ = _own_triples(disk, loaded.graph)
        assert stored == {line.removesuffix(" .\n") for line in good}  # every line, whole
    finally:
        monkeypatch.undo()
        disk.close()


@pytest.mark.parametrize("way", ["gsp", "insert"])
def test_remote_load_failing_after_chunks_were_sent_drops_them(
    oxigraph_endpoint: OxigraphServer,
    big_broken_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    way: str,
) -> None:
    """The remote store streams a big file in requests (Graph Store Protocol posts, or INSERT
    DATA chunks when told gsp=none); a late error drops what they wrote."""
    spec = oxigraph_endpoint.spec + ("&gsp=none" if way == "insert" else "")
    remote = open_store(spec)
    assert isinstance(remote.engine, RemoteEngine)
    before = state(remote)
    sent: list[str] = []
    exchange = remote.engine._exchange

    def spy(url: str, body: bytes | None = None, **options: Any) -> Any:
        text = (body or b"")[:200].decode("utf-8", "replace")
        if "/store" in url:
            sent.append("graph store post")
        elif text.startswith("update="):
            sent.append(urllib.parse.unquote_plus(text[7:]).split("{", 1)[0].strip())
        return exchange(url, body, **options)

    monkeypatch.setattr(remote.engine, "_exchange", spy)
    monkeypatch.setattr(remote_store, "GSP_CHUNK", 20_000)
    try:
        with pytest.raises(DataError):
            remote.load(big_broken_file)
    finally:
        monkeypatch.undo()
        remote.close()
    # the complete chunks went to the server before the parser reached the bad line
    chunks = ["graph store post"] * 2 if way == "gsp" else ["INSERT DATA"] * (BIG_LINES // CHUNK)
    assert sent[:-1] == chunks
    assert sent[-1].startswith("DROP SILENT GRAPH")
    assert state(open_store(oxigraph_endpoint.spec)) == before


@pytest.mark.parametrize("writable", ["memory", "remote"], indirect=True)
def test_big_file_with_blank_nodes_loads_whole(writable: Store, tmp_path: Path) -> None:
    """A blank node at both ends of a big file stays one node (the remote store sends 3 chunks)."""
    path = tmp_path / "big.nt"
    with path.open("w", encoding="utf-8") as stream:
        stream.write('_:shared <https://example.org/first> "start" .\n')
        stream.writelines(
            f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n'
            for i in range(BIG_LINES)
        )
        stream.write('_:shared <https://example.org/last> "end" .\n')
    before = state(writable)
    loaded = writable.load(path)
    assert loaded.triples == BIG_LINES + 2
    joined = writable.query(
        "SELECT ?s WHERE { ?s <https://example.org/first> ?a ; <https://example.org/last> ?b }"
    )
    assert len(joined.rows) == 1
    writable.unload(str(path))
    assert state(writable) == before


# ---------------------------------------------------------------- the remote store


def test_read_only_remote_store_queries_but_refuses_writes(
    oxigraph_endpoint: OxigraphServer, reference: dict[str, QueryResult]
) -> None:
    """Without an update URL the endpoint answers queries; loads say the store is read-only."""
    remote = open_store(oxigraph_endpoint.read_only_spec)
    assert not remote.writable
    got = run_query(remote, "troop-contributors")
    assert rows_of(got) == rows_of(reference["troop-contributors"])
    for attempt in (
        lambda: remote.load(FACTS),
        lambda: remote.unload("user-facts.ttl"),
        lambda: remote.update("CLEAR ALL"),
    ):
        with pytest.raises(StoreError, match="read-only") as caught:
            attempt()
        assert "#update=" in str(caught.value)
    assert remote.sources() == open_store(oxigraph_endpoint.spec).sources()


def test_unreachable_endpoint_is_a_store_error_naming_it() -> None:
    """Nothing listening on the port: StoreError with the URL."""
    url = f"http://{LOOPBACK}:{free_port()}/query"
    with pytest.raises(StoreError, match="Cannot reach the SPARQL endpoint") as caught:
        open_store(f"sparql+{url}")
    assert url in str(caught.value)


@pytest.mark.cli
def test_unreachable_endpoint_through_the_command(cli: CliRunner) -> None:
    """The command reports an unreachable store in one paragraph, exit status 2."""
    url = f"http://{LOOPBACK}:{free_port()}/query"
    done = cli("--store", f"sparql+{url}", "sources")
    assert done.returncode == 2, done.stderr
    assert url in done.stderr
    assert "Traceback" not in done.stderr
    assert "\n\n" not in done.stderr.strip()
    assert done.stdout == ""


#: what misbehaving servers answer, and what the error must say (the status and the gist)
BAD_ANSWERS = [
    (404, "text/plain", b"no such page", ["HTTP 404", ": no such page"]),
    (500, "text/plain", b"it broke", ["HTTP 500", ": it broke"]),
    (
        503,
        "text/html",
        b"<html><head><title>Unavailable</title><style>h1 { color: red }</style></head>"
        b"<body><h1>Down for maintenance</h1><p>Back at 10 &amp; later</p></body></html>",
        ["HTTP 503", ": Unavailable Down for maintenance Back at 10 & later"],
    ),
    (200, "text/html", b"<html><body>Welcome</body></html>", ["HTTP 200 OK, text/html", "Welcome"]),
    (
        200,
        "text/plain",
        b"Virtuoso 37000 Error SP030: SPARQL compiler, line 3: syntax error\n\n"
        b"SPARQL query:\nSELECT * WHERE { the whole query }",
        ["HTTP 200 OK, text/plain", "not with SPARQL results: Virtuoso 37000 Error SP030"],
    ),
]


@pytest.mark.parametrize(
    ("status", "content_type", "body", "says"),
    BAD_ANSWERS,
    ids=["404", "500", "html-503", "html-200", "error-in-200"],
)
def test_endpoint_that_is_not_sparql_is_a_store_error(
    status: int, content_type: str, body: bytes, says: list[str]
) -> None:
    """An HTTP error, a web page or an error message instead of SPARQL results: StoreError naming
    the URL, the status and what the server said (not its markup, nor the query it echoes)."""
    with http_server(status, content_type, body) as base:
        url = f"{base}/query"
        for spec in (f"sparql+{url}", f"sparql+{url}#update={base}/update"):
            with pytest.raises(StoreError) as caught:
                open_store(spec)
            message = str(caught.value)
            assert url in message
            for said in says:
                assert said in message
            assert "<" not in message
            assert "the whole query" not in message
            assert "\n" not in message


#: bad servers through the command: how to start one, and what the paragraph must say
BAD_SERVERS: dict[str, tuple[Callable[[], AbstractContextManager[str]], list[str]]] = {
    "500": (lambda: http_server(*BAD_ANSWERS[1][:3]), ["answered HTTP 500", ": it broke"]),
    "html-503": (
        lambda: http_server(*BAD_ANSWERS[2][:3]),
        ["answered HTTP 503", ": Unavailable Down for maintenance Back at 10 & later"],
    ),
    "html-200": (
        lambda: http_server(*BAD_ANSWERS[3][:3]),
        ["answered HTTP 200 OK, text/html, but not with SPARQL results: Welcome"],
    ),
    "error-in-200": (
        lambda: http_server(*BAD_ANSWERS[4][:3]),
        ["answered HTTP 200 OK, text/plain, but not with SPARQL results: Virtuoso 37000 Error"],
    ),
    "json-error-in-200": (
        lambda: http_server(
            200, "application/json", b'{"message": "Query execution timed out", "code": 408}'
        ),
        ["answered HTTP 200 OK, application/json, but not with SPARQL results: Query execution"],
    ),
    "never": (hanging_server, ["did not answer within 2 s"]),
    "trickled-headers": (lambda: trickling_server("headers"), ["did not answer within 2 s"]),
    "trickled-body": (lambda: trickling_server("body"), ["did not answer within 2 s"]),
}


@pytest.mark.cli
@pytest.mark.parametrize("bad", BAD_SERVERS)
def test_a_bad_server_through_the_command(cli: CliRunner, bad: str) -> None:
    """An error status, an error page, an error message in a 200, no answer, or an answer a
    byte at a time: one paragraph naming the URL and what the server said, exit status 2, and
    no wait much past the store's timeout (2 s here): the runner's own limit (120 s) fails a
    command that waits for a trickled answer (hours) or one that never comes."""
    start, says = BAD_SERVERS[bad]
    with start() as base:
        done = cli("--store", f"sparql+{base}/sparql#timeout=2", "stats")
    said = " ".join(done.stderr.split())
    assert done.returncode == 2, done.stderr
    assert said.startswith(f"error: The SPARQL endpoint {base}/sparql ")
    for words in says:
        assert words in said
    assert "Traceback" not in done.stderr
    assert "\n\n" not in done.stderr.strip()
    assert done.stdout == ""


def test_endpoint_that_never_answers_times_out() -> None:
    """A server that accepts and never answers: StoreError about the timeout (2 s), and the
    store closes the connection it gave up on (without its limit it would wait forever)."""
    with counting_listener() as listener:
        with pytest.raises(StoreError, match="did not answer within 2 s") as caught:
            open_store(f"sparql+{listener.url}/query#timeout=2")
        made = listener.made()
        assert made, "the request was never made: the error came before any wait"
        for connection in made:
            connection.settimeout(30)  # bounds a failure only: the store has closed it
            while connection.recv(1 << 16):  # the request, then the end of the stream
                pass
    assert f"{listener.url}/query" in str(caught.value)


@pytest.mark.parametrize("part", TRICKLES)
def test_endpoint_answering_a_byte_at_a_time_times_out(part: str) -> None:
    """A server that sends its headers, or its body, a byte every 0.2 s (each read well within
    any socket timeout): cut off at the store's timeout all the same. Without the store's own
    deadline, 100 KB at a byte every 0.2 s takes over five hours; with it, the store gives up
    with the timeout's error and hangs up while the server is still sending."""
    cut = threading.Event()
    with trickling_server(part, cut=cut) as base:
        with pytest.raises(StoreError, match="did not answer within 2 s") as caught:
            open_store(f"sparql+{base}/query#timeout=2")
        # the server notices at its next byte or two (0.2 s each); the wait bounds a failure
        assert cut.wait(30), "the store gave up, but the connection stayed open"
    assert f"{base}/query" in str(caught.value)


def test_endpoint_whose_default_graph_is_not_the_union_is_refused(tmp_path: Path) -> None:
    """An Oxigraph server started without --union-default-graph gets the built-in graph in named
    graphs, where no query of diplograph's would see it: the open fails saying how to start it
    (the catalogue asks this of an endpoint, whose engine cannot tell by itself)."""
    with oxigraph_server(tmp_path / "server", union=False) as server:
        with pytest.raises(StoreError, match="default graph is not their union") as caught:
            open_store(server.spec)
        assert "--union-default-graph" in str(caught.value)
        assert server.query_url in str(caught.value)
        # the built-in graph went in, in named graphs: only the default graph lacks it
        reader = open_store(server.read_only_spec, builtin=False)
        try:
            assert any(source.builtin for source in reader.sources())
        finally:
            reader.close()


def test_endpoint_closing_midway_is_a_store_error() -> None:
    """A 200 that promises more than it sends, then closes: StoreError naming the URL and the
    numbers, not the half answer's parse error."""
    answer = b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": ['
    listener = socket.socket()
    listener.bind((LOOPBACK, 0))
    listener.listen(1)
    base = f"http://{LOOPBACK}:{listener.getsockname()[1]}"

    def answer_half() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(1 << 16)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                b"Content-Length: 900\r\n\r\n" + answer
            )

    thread = threading.Thread(target=answer_half, daemon=True)
    thread.start()
    try:
        with pytest.raises(StoreError, match="closed the connection after 56 of the 900") as caught:
            open_store(f"sparql+{base}/query#timeout=10")
    finally:
        thread.join(timeout=5)
        listener.close()
    assert f"{base}/query" in str(caught.value)


def test_endpoint_answering_another_querys_rows_is_a_store_error() -> None:
    """SPARQL results, but not of the query sent (a proxy's cached page, a broken server):
    StoreError naming the URL and the variables that came, not a traceback."""
    rows = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri"}}]}}'
    json_type = "application/sparql-results+json"
    with (
        http_server(200, json_type, rows) as base,
        pytest.raises(StoreError, match=r"query for \?g and \?n .* with \?s") as caught,
    ):
        open_store(f"sparql+{base}/query")
    assert f"{base}/query" in str(caught.value)
    not_results = b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": ["g", "n"]}}'
    with (
        http_server(200, json_type, not_results) as base,
        pytest.raises(StoreError, match="not SPARQL JSON results"),
    ):
        open_store(f"sparql+{base}/query")


#: two rows of what aggregating events asks for, as a server gives them
EVENT_ROWS = json.dumps(
    {
        "head": {"vars": ["actor", "recipient", "quad", "period", "events", "mean", "el", "sl"]},
        "results": {
            "bindings": [
                {
                    "actor": {"type": "uri", "value": str(D.russia)},
                    "recipient": {"type": "uri", "value": str(D.ukraine)},
                    "quad": {"type": "uri", "value": str(TT.MaterialConflict)},
                    "period": {"type": "literal", "value": month},
                    "events": {"type": "literal", "value": "1", "datatype": str(XSD.integer)},
                    "mean": {"type": "literal", "value": "-10", "datatype": str(XSD.decimal)},
                    "el": {"type": "literal", "value": str(D[f"event-{month}"])},
                    "sl": {"type": "literal", "value": str(D[f"row-{month}"])},
                }
                for month in ("2022-03", "2022-04")
            ]
        },
    }
).encode()
#: what Virtuoso says when its MaxQueryExecutionTime stopped a query ("anytime" answers)
ANYTIME = {
    "X-SQL-State": "S1TAT",
    "X-SQL-Message": "RC...: Returning incomplete results, query interrupted by result timeout.",
}


@pytest.mark.parametrize("cut", ["rows", "time"])
def test_aggregating_a_cut_answer_writes_nothing(cut: str, tmp_path: Path) -> None:
    """Events aggregated from an answer the server cut (at its row limit, or at its time limit:
    Virtuoso's "anytime" answers) would be ties from some of the events: a DataError naming the
    URL and the limit, and no file written; the same answer to a query is a warning."""
    headers = {"X-SPARQL-MaxRows": "2"} if cut == "rows" else ANYTIME
    limit = "ResultSetMaxRows" if cut == "rows" else "MaxQueryExecutionTime"
    with http_server(200, "application/sparql-results+json", EVENT_ROWS, headers) as base:
        store = Store(RemoteEngine(f"{base}/sparql"))
        with pytest.warns(DataWarning, match=f"gave only the first 2 rows.*{limit}"):
            assert len(store.select_values("SELECT * WHERE { ?s ?p ?o }")[1]) == 2
        target = tmp_path / "dyads.nt"
        with pytest.raises(DataError, match="Aggregating the events stopped, nothing written") as e:
            aggregate_events(store, target=target)
    assert f"{base}/sparql gave only the first 2 rows" in str(e.value)
    assert limit in str(e.value)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


#: a CONSTRUCT's answer as a server gives it
TWO_TRIPLES = b"<urn:a> <urn:p> <urn:b> .\n<urn:b> <urn:p> <urn:c> .\n"


def test_a_construct_or_ask_stopped_at_the_time_limit_is_said() -> None:
    """Virtuoso's "anytime" answer (what it had when its MaxQueryExecutionTime stopped the query,
    said only in a header) is said for a CONSTRUCT as for a SELECT: a warning naming the limit,
    an error when the store is strict; an ASK stopped so has no answer at all (an error)."""
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    with http_server(200, "application/n-triples", TWO_TRIPLES, ANYTIME) as base:
        with pytest.warns(DataWarning, match=r"first 2 triples.*MaxQueryExecutionTime"):
            graph = RemoteEngine(f"{base}/sparql").query(construct).graph
        assert graph is not None
        assert len(graph) == 2  # what came, used, as for a SELECT
        with pytest.raises(StoreError, match=r"first 2 triples.*MaxQueryExecutionTime"):
            RemoteEngine(f"{base}/sparql", strict=True).query(construct)
    with (
        http_server(200, "application/sparql-results+json", b'{"head": {}, "boolean": false}',
                    ANYTIME) as base,
        pytest.raises(StoreError, match="stopped an ASK query at its time limit"),
    ):  # fmt: skip
        RemoteEngine(f"{base}/sparql").query("ASK { ?s ?p ?o }")


@pytest.mark.parametrize("timeout", ["abc", "0", "-3", "nan", "inf"])
def test_bad_timeout_in_the_store_string_is_refused(timeout: str) -> None:
    """The timeout option must be a positive number of seconds."""
    with pytest.raises(StoreError, match="not a number of seconds"):
        open_store(f"sparql+http://{LOOPBACK}:9/query#timeout={timeout}")


@pytest.mark.cli
def test_second_process_loads_and_queries_through_the_endpoint(
    cli: CliRunner, oxigraph_endpoint: OxigraphServer, stores: dict[str, Store]
) -> None:
    """A ``diplograph`` process loads into the server; this process and a third one see it."""
    spec = oxigraph_endpoint.spec
    here = open_store(spec)
    expected_store = open_store("memory")
    try:
        loaded = cli("--store", spec, "load", str(FACTS))
        assert loaded.returncode == 0, loaded.stderr
        assert f"loaded {FACTS}" in loaded.stderr
        assert [s.title for s in here.sources() if not s.builtin] == ["user-facts.ttl"]

        done = cli("--store", spec, "query", "troop-contributors", "-f", "csv")
        assert done.returncode == 0, done.stderr
        expected_store.load(FACTS)
        expected = format_result(run_query(expected_store, "troop-contributors"), "csv")
        assert sorted(done.stdout.splitlines()) == sorted(expected.splitlines())
        labels = [row["contributorLabel"] for row in csv.DictReader(io.StringIO(done.stdout))]
        assert sorted(labels) == [
            "Albania",
            "Examplestan",
            "Indonesia",
            "Kazakhstan",
            "Kosovo",
            "Morocco",
        ]
        unloaded = cli("--store", spec, "unload", "user-facts.ttl")
        assert unloaded.returncode == 0, unloaded.stderr
        assert [s for s in here.sources() if not s.builtin] == []
    finally:
        for source in here.sources():
            if not source.builtin:
                here.unload(source.graph)
        expected_store.close()
    assert len(here) == len(stores["memory"])
    here.close()


def test_missing_server_binary_fails_and_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without the oxigraph binary next to the interpreter the tests fail (never skip)."""
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(pytest.fail.Exception, match=r"scripts/test\.sh"):
        oxigraph_binary()


# ---------------------------------------------------------------- the on-disk store


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (relative name -> content hash), to see that nothing changed."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _made_store(folder: Path, *, with_facts: bool = False) -> Path:
    """Create an on-disk store at ``folder`` (optionally with the user facts loaded), closed."""
    made = open_store(f"oxigraph:{folder}")
    if with_facts:
        made.load(FACTS)
    made.close()
    return folder


def test_store_folder_in_use_in_this_process(tmp_path: Path) -> None:
    """A second open of a folder this process holds: StoreError 'in use'; free after close."""
    folder = tmp_path / "store"
    first = open_store(f"oxigraph:{folder}")
    try:
        with pytest.raises(StoreError, match="in use"):
            OxigraphEngine(folder)
        assert len(first) > 1000  # the first open is unharmed
    finally:
        first.close()
    again = OxigraphEngine(folder)
    assert len(again) == len(open_store("memory"))
    again.close()


def test_store_folder_in_use_by_another_process(tmp_path: Path) -> None:
    """A folder another process holds open: StoreError 'in use'; free once it exits."""
    folder = _made_store(tmp_path / "store")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom diplograph.store import open_store\n"
            f"store = open_store({f'oxigraph:{folder}'!r})\n"
            "print('open', flush=True)\nsys.stdin.read()\nstore.close()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="is in use"):
            open_store(f"oxigraph:{folder}")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert holder.returncode == 0
    OxigraphEngine(folder).close()  # free again


def test_store_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    """A regular file where the store folder should be: StoreError; the file is untouched."""
    path = tmp_path / "not-a-folder"
    path.write_bytes(b"my notes\n")
    for spec in (f"oxigraph:{path}", f"oxigraph-ro:{path}"):
        with pytest.raises(StoreError, match="is a file, not a store folder"):
            open_store(spec)
    assert path.read_bytes() == b"my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_non_writable_store_folder(tmp_path: Path) -> None:
    """A folder without write permission is refused; it still opens read-only, unchanged.

    Root ignores permission bits (``os.access`` says writable and writes succeed), so there the
    refusal cannot happen: as root the test checks that premise, and the read-only open that the
    refusal recommends.
    """
    folder = _made_store(tmp_path / "store", with_facts=True)
    before = snapshot(folder)
    folder.chmod(0o500)
    try:
        if not os.access(folder, os.W_OK):
            with pytest.raises(StoreError, match="not writable") as caught:
                open_store(f"oxigraph:{folder}")
            assert f"oxigraph-ro:{folder}" in str(caught.value)
        else:
            assert os.geteuid() == 0  # only root may write into a folder of mode 0o500
        reader = open_store(f"oxigraph-ro:{folder}")
        try:
            assert not reader.writable
            labels = run_query(reader, "troop-contributors").column("contributorLabel")
            assert "Examplestan" in labels
            with pytest.raises(StoreError, match="read-only"):
                reader.load(FACTS)
        finally:
            reader.close()
    finally:
        folder.chmod(0o700)
    assert snapshot(folder) == before


def test_read_only_opens_share_a_folder_and_write_nothing(tmp_path: Path) -> None:
    """Several ``oxigraph-ro:`` opens at once read the store; none writes to the folder."""
    folder = _made_store(tmp_path / "store", with_facts=True)
    before = snapshot(folder)
    readers = [open_store(f"oxigraph-ro:{folder}") for _ in range(2)]
    try:
        for reader in readers:
            assert [s.title for s in reader.sources() if not s.builtin] == ["user-facts.ttl"]
            with pytest.raises(StoreError, match="read-only"):
                reader.unload("user-facts.ttl")
    finally:
        for reader in readers:
            reader.close()
    assert snapshot(folder) == before
    with pytest.raises(StoreError, match="no store"):
        open_store(f"oxigraph-ro:{tmp_path / 'missing'}")
    assert not (tmp_path / "missing").exists()


@pytest.mark.cli
def test_corrupt_store_folder_is_refused_and_kept(tmp_path: Path, cli: CliRunner) -> None:
    """Garbage named like RocksDB files: StoreError (also through the command); files are kept.

    RocksDB itself adds its LOCK file and info LOGs while trying; no file there is rewritten.
    """
    folder = tmp_path / "store"
    folder.mkdir()
    for name in ("CURRENT", "IDENTITY", "MANIFEST-000005", "000008.log", "OPTIONS-000007"):
        (folder / name).write_bytes(b"not a RocksDB file: " + name.encode() * 20)
    before = snapshot(folder)
    for spec in (f"oxigraph:{folder}", f"oxigraph-ro:{folder}"):
        with pytest.raises(StoreError, match="Cannot open the store") as caught:
            open_store(spec)
        assert str(folder) in str(caught.value)
    done = cli("--store", f"oxigraph:{folder}", "sources")
    assert done.returncode == 2
    assert "Cannot open the store" in done.stderr
    assert "Traceback" not in done.stderr
    after = snapshot(folder)
    assert {name: after[name] for name in before} == before
    added = {name for name in after if name not in before}
    assert all(name == "LOCK" or name.startswith("LOG") for name in added), added


# ---------------------------------------------------------------- networks of a query


@pytest.mark.parametrize(
    ("query", "params", "as_of"),
    [
        ("troop-contributors", {"force": "ISF"}, None),
        ("ego-network", {"actor": "Morocco"}, "2026-01-15"),
        ("ties-between", {"a": "Morocco", "b": "ISF"}, None),
        ("actors", {}, None),  # mentions actors only: no tie, no event
    ],
)
def test_a_querys_ties_read_alone_give_the_network_read_whole(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    params: dict[str, str],
    as_of: str | None,
) -> None:
    """``build_network`` with a query reads only the ties and events it mentions (VALUES blocks)
    when they are not too many: the network is the very one made from every tie's rows."""
    import diplograph.network.build as build

    def network() -> tuple[Any, ...]:
        made = build.build_network(store, query, params, as_of)
        return (
            sorted((n, sorted(d.items())) for n, d in made.nodes(data=True)),
            sorted(
                (u, v, k, sorted(map(str, d.items())))
                for u, v, k, d in made.edges(keys=True, data=True)
            ),
            sorted(map(str, made.graph.items())),
        )

    alone = network()
    if query != "actors":  # which mentions every actor: many blocks, slow on rdflib
        monkeypatch.setattr(build, "READ_ALONE", 3)  # blocks of three IRIs
        assert network() == alone
    monkeypatch.setattr(build, "READ_IN_BLOCKS", -1)  # every tie
    monkeypatch.setattr(build, "READ_IN_BLOCKS_SHARE", -1.0)
    assert network() == alone
    if query != "actors":
        assert alone[1], "the query's network has edges"


# ---------------------------------------------------------------- Virtuoso


EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def test_a_result_the_server_cut_is_a_warning_with_the_numbers(
    virtuoso_endpoint: VirtuosoServer, stores: dict[str, Store]
) -> None:
    """Virtuoso returns at most ResultSetMaxRows (10,000) rows, saying so in a header only; a
    SELECT and a CONSTRUCT (of which it says nothing) cut there give a DataWarning naming the
    URL and the numbers, and a StoreError when the store is strict."""
    assert len(stores["memory"]) > VIRTUOSO_MAX_ROWS  # so every triple is more than the cap
    virtuoso = stores["virtuoso"]
    for text in (EVERY_TRIPLE, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataWarning)
            answer = virtuoso.query(text)
        said = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
        size = len(answer.rows if answer.graph is None else answer.graph)
        assert size in {VIRTUOSO_MAX_ROWS, VIRTUOSO_MAX_ROWS + 1}  # a CONSTRUCT stops one past
        assert len(said) == 1, said
        assert f"{virtuoso_endpoint.query_url} gave only the first {size:,}" in said[0]
        assert "ResultSetMaxRows" in said[0]
    strict = open_store(virtuoso_endpoint.read_only_spec + "#strict=true")
    with pytest.raises(StoreError, match="gave only the first 10,000 rows"):
        strict.query(EVERY_TRIPLE)
    with warnings.catch_warnings():  # an answer within the cap says nothing
        warnings.simplefilter("error", DataWarning)
        assert len(strict.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 9999").rows) == 9_999


@pytest.mark.cli
def test_a_result_the_server_cut_through_the_command(
    cli: CliRunner, tmp_path: Path, virtuoso_endpoint: VirtuosoServer, stores: dict[str, Store]
) -> None:
    """``diplograph query`` of more rows than Virtuoso returns: the 10,000 rows with a warning
    paragraph naming the URL and the numbers, exit 0; with ``strict=true``, that paragraph as
    the error, nothing on standard output, exit 2."""
    assert len(stores["memory"]) > VIRTUOSO_MAX_ROWS  # what the virtuoso store holds, too
    every = tmp_path / "every.rq"
    every.write_text(EVERY_TRIPLE + "\n", encoding="utf-8")
    cut = f"The SPARQL endpoint {virtuoso_endpoint.query_url} gave only the first 10,000 rows"
    spec = virtuoso_endpoint.read_only_spec
    done = cli("--store", spec, "query", str(every), "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1 + VIRTUOSO_MAX_ROWS
    said = " ".join(done.stderr.split())
    assert said.startswith(f"warning: {cut} of the answer: it returns at most 10,000.")
    assert "\n\n" not in done.stderr.strip()
    done = cli("--store", spec + "#strict=true", "query", str(every), "-f", "csv")
    assert done.returncode == 2, done.stderr
    said = " ".join(done.stderr.split())
    assert said.startswith(f"error: {cut}")
    assert "The store is strict" in said
    assert "Traceback" not in done.stderr
    assert "\n\n" not in done.stderr.strip()
    assert done.stdout == ""


#: the rows a capping proxy gives of an answer: more than the built-in graph's graphs (listed
#: whole), fewer than its triples
CAP = 100


@pytest.mark.cli
def test_a_cap_said_only_in_a_header_through_the_command(
    cli: CliRunner, tmp_path: Path, oxigraph_endpoint: OxigraphServer, stores: dict[str, Store]
) -> None:
    """Any server that cuts an answer and says so only in an ``X-SPARQL-MaxRows`` header (a
    proxy before the Oxigraph server, cutting at 100 rows): ``diplograph query`` of every triple
    gives the 100 rows with a warning paragraph naming the URL and the numbers, never as if they
    were the whole; with ``strict=true``, that paragraph as the error, nothing written, exit 2."""
    assert len(stores["remote"]) > CAP > len(stores["remote"].sources())
    every = tmp_path / "every.rq"
    every.write_text(EVERY_TRIPLE + "\n", encoding="utf-8")
    upstream = oxigraph_endpoint.query_url.rsplit("/", 1)[0]
    with capping_proxy(upstream, CAP) as base:
        spec = f"sparql+{base}/query"
        cut = f"The SPARQL endpoint {base}/query gave only the first {CAP} rows of the answer"
        done = cli("--store", spec, "query", str(every), "-f", "csv")
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == 1 + CAP
        said = " ".join(done.stderr.split())
        assert said.startswith(f"warning: {cut}: it returns at most {CAP}."), said
        assert "\n\n" not in done.stderr.strip()
        out = tmp_path / "every.csv"
        strict = spec + "#strict=true"
        done = cli("--store", strict, "query", str(every), "-f", "csv", "-o", str(out))
    assert done.returncode == 2, done.stderr
    said = " ".join(done.stderr.split())
    assert said.startswith(f"error: {cut}")
    assert "The store is strict" in said
    assert "Traceback" not in done.stderr
    assert "\n\n" not in done.stderr.strip()
    assert done.stdout == ""
    assert not out.exists()


@pytest.mark.cli
def test_a_dump_bulk_loaded_into_virtuoso_answers_as_the_memory_store(
    cli: CliRunner, tmp_path: Path, reference: dict[str, QueryResult]
) -> None:
    """The README's way for a server diplograph may not write to: the built-in graph dumped by
    ``diplograph dump --builtin``, loaded by Virtuoso's own bulk loader into a fresh Virtuoso;
    diplograph then reads it without an update URL, with the memory store's answers."""
    with virtuoso_server(tmp_path / "virtuoso") as server:
        dump = server.loads / "builtin.nq"
        done = cli("--store", "memory", "dump", "--builtin", "-o", str(dump))
        assert done.returncode == 0, done.stderr
        server.bulk_load(dump)
        reader = open_store(server.read_only_spec)
        assert not reader.writable
        assert reader.notes == []  # the current built-in graph, whole
        memory = open_store("memory")
        assert [(s.graph, s.triples) for s in reader.sources()] == [
            (s.graph, s.triples) for s in memory.sources()
        ]
        assert len(reader) == len(memory)
        for case in ("ties-by-type", "evidence[actor=Morocco][type=troop contribution]"):
            chosen = next(c for c in CASES if c.id == case)
            got = run_query(reader, chosen.query, dict(chosen.params))
            assert_same_answer(got, reference[case], booleans_as_numbers=True)


#: the seed's ties whose confidence is 1.0, with what the shapes need to see them as claims
WHOLE_CONFIDENCE = """CONSTRUCT { ?tie a dipl:Tie ; dipl:confidence ?c } WHERE {
  ?tie a dipl:Tie ; dipl:confidence ?c . FILTER(?c = 1) }"""


def test_a_whole_decimal_virtuoso_gives_as_an_integer_passes_the_shapes(
    stores: dict[str, Store],
) -> None:
    """Virtuoso answers a variable compared with ``= 1`` by the constant, an ``xsd:integer``,
    where ``1.0`` (a decimal) is stored; the shapes take such a confidence as the decimal it is."""
    from diplograph.store import shapes_graph
    from diplograph.validate import shacl_violations

    given = {}
    for kind in ("memory", "virtuoso"):
        graph = stores[kind].query(WHOLE_CONFIDENCE).graph
        assert graph is not None
        given[kind] = graph
    confidences = {
        kind: {o.datatype for o in graph.objects(None, DIPL.confidence) if isinstance(o, Literal)}
        for kind, graph in given.items()
    }
    assert confidences == {"memory": {XSD.decimal}, "virtuoso": {XSD.integer}}
    assert len(given["virtuoso"]) == len(given["memory"]) > 0
    for kind, graph in given.items():
        about_confidence = [
            v for v in shacl_violations(graph, shapes_graph()) if "Confidence" in v.message
        ]
        assert about_confidence == [], kind
